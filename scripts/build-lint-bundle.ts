import path from 'node:path';
import { buildModelerBundle } from '../modeling/lint/modeler-bundle.ts';

// `npm run lint:bundle`: the Camunda Modeler plugin folder with Seam's lint rules and each
// process's contract and previous-version summary.
const { outDir, context } = await buildModelerBundle({ projectDir: process.cwd() });
const processes = Object.keys({ ...context.contracts, ...context.baselines }).sort();
process.stdout.write(
  `Camunda Modeler plugin written to ${path.relative(process.cwd(), outDir)}/ ` +
    `(${processes.length} process(es) with contract or baseline${processes.length ? `: ${processes.join(', ')}` : ''}).\n` +
    "Copy it into the Modeler's resources/plugins folder and restart the Modeler.\n",
);

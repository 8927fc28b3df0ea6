import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildModelerBundle, DEFAULT_DOCS_BASE_URL } from '../modeling/lint/modeler-bundle.ts';

// `npm run lint:bundle [-- --docs-url URL] [--out DIR]`: the Camunda Modeler plugin folder with
// Seam's lint rules and each process's contract and previous-version summary. Rule documentation
// links resolve `docs/rules/<rule>.md` against --docs-url (default: DEFAULT_DOCS_BASE_URL).
const { values } = parseArgs({ options: { 'docs-url': { type: 'string' }, out: { type: 'string' } } });
const { outDir, context } = await buildModelerBundle({
  projectDir: process.cwd(),
  docsBaseUrl: values['docs-url'] ?? DEFAULT_DOCS_BASE_URL,
  ...(values.out ? { outDir: values.out } : {}),
}).catch((err: Error) => {
  process.stderr.write(`lint:bundle: ${err.message}\n`);
  process.exit(1);
});
const processes = Object.keys({ ...context.contracts, ...context.baselines }).sort();
process.stdout.write(
  `Camunda Modeler plugin written to ${path.relative(process.cwd(), outDir)}/ ` +
    `(${processes.length} process(es) with contract or baseline${processes.length ? `: ${processes.join(', ')}` : ''}).\n` +
    "Copy or link it into the Modeler's resources/plugins folder and restart the Modeler.\n",
);

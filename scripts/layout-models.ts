import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { discoverModels } from '../modeling/lint/discover-models.ts';
import { addDiagram } from './lib/layout/add-diagram.ts';

// `npm run layout:models [paths...]`: gives every model without a diagram one, so it opens in the
// Camunda Modeler (and passes bpmnlint's no-bpmndi). Models that have a diagram are left alone.
const cwd = process.cwd();
let failed = false;
for (const file of await discoverModels(process.argv.slice(2), cwd)) {
  const shown = path.relative(cwd, file);
  try {
    const laidOut = await addDiagram(await readFile(file, 'utf8'));
    if (laidOut === null) {
      process.stdout.write(`${shown}: has a diagram, left as it is\n`);
      continue;
    }
    await writeFile(file, laidOut);
    process.stdout.write(`${shown}: diagram added\n`);
  } catch (err) {
    failed = true;
    process.stderr.write(`${shown}: ${(err as Error).message}\n`);
  }
}
process.exitCode = failed ? 1 : 0;

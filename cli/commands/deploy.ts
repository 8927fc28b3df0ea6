import path from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.ts';
import { loadConfigOrFail } from '../load-config.ts';
import type { Command } from './index.ts';
import { createPool } from '../../platform/db/pool.ts';
import { checkDeployGate, describeGateBlock } from '../../modeling/deploy/deploy-gate.ts';
import { describeDeployFailure } from '../../modeling/deploy/deploy-failure.ts';
import { deployModels, type DeployedVersion } from '../../modeling/deploy/deploy-models.ts';
import { gateInputs } from '../../modeling/deploy/gate-inputs.ts';
import { lintForDeploy } from '../../modeling/deploy/lint-for-deploy.ts';
import { discoverProcessModels } from '../../modeling/deploy/model-files.ts';
import { createEngineClient } from '../../platform/engine/client.ts';
import { formatTable } from '../../modeling/lint/format-table.ts';

const help = `usage: seam deploy [--dry-run] [--processes DIR]

Deploys every version of every process under DIR (default: processes/), one deployment per
version file, skipping what the engine already has. Before that it
  1. lints each model; the latest version against the definition the engine runs now;
  2. refuses when the new version of a process no longer catches a message that running instances
     wait for or that open commands in Seam's database still target (with the ways out).
--dry-run does 1 and 2 and says what would be deployed.`;

const SOURCE = 'seam deploy';

export const deployCommand: Command = {
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        'dry-run': { type: 'boolean', default: false },
        processes: { type: 'string', default: 'processes' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(help + '\n');
      return 0;
    }
    const dryRun = values['dry-run']!;
    const cwd = process.cwd();
    const config = loadConfigOrFail();
    const engine = createEngineClient(config.engine);
    const processes = discover(path.resolve(cwd, values.processes!));

    const out = (line: string) => process.stdout.write(line + '\n');
    try {
      const lint = await lintForDeploy(processes, cwd, (key) => engine.getLatestDefinitionXml(key));
      if (lint.findings.length > 0) process.stdout.write(formatTable(lint));
      if (lint.errorCount > 0) throw new CliError(`${lint.errorCount} lint error(s); nothing deployed`);

      const plan = await deployModels(engine, processes, { dryRun: true, source: SOURCE });
      const pool = createPool(config.databaseUrl, 2, { statementTimeoutMs: config.db.statementTimeoutMs });
      const blocks = await checkDeployGate(engine, pool, await gateInputs(processes, plan)).finally(() => pool.end());
      if (blocks.length > 0) {
        for (const block of blocks) describeGateBlock(block).forEach(out);
        throw new CliError(`refused: ${blocks.map((b) => `${b.processKey} ${b.version}`).join(', ')} would drop messages still in use; nothing deployed`);
      }

      const results = dryRun ? plan : await deployModels(engine, processes, { dryRun: false, source: SOURCE });
      for (const result of results) out(describeResult(result));
      if (dryRun) out('dry run: nothing deployed');
      return 0;
    } catch (err) {
      if (err instanceof CliError) throw err;
      const line = describeDeployFailure(err, config.engine, cwd);
      if (line !== null) throw new CliError(line);
      throw err;
    }
  },
};

function discover(dir: string) {
  let processes;
  try {
    processes = discoverProcessModels(dir);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (processes.length === 0) throw new CliError(`no processes/<key>/vN.bpmn models under ${dir}`);
  return processes;
}

function describeResult(result: DeployedVersion): string {
  const what = `${result.processKey} v${result.version}`;
  switch (result.outcome) {
    case 'deployed':
      return `${what}: deployed (engine version ${result.engineVersion ?? '?'})`;
    case 'would-deploy':
      return `${what}: would deploy`;
    default:
      return `${what}: unchanged`;
  }
}

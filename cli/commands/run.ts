import path from 'node:path';
import type { Command } from './index.ts';
import { loadConfigOrFail } from '../load-config.ts';
import { CliError } from '../cli-error.ts';
import { startBridgeOrFail } from '../start-bridge.ts';
import { repoRoot, type Config } from '../../platform/config.ts';
import { stackUp } from '../../stack/control/stack.ts';
import { migrate } from '../../ledger/migrate.ts';
import { databaseName, ensureDatabase } from '../../platform/db/create-database.ts';
import { createEngineClient } from '../../platform/engine/client.ts';
import { discoverProcessModels } from '../../modeling/deploy/model-files.ts';
import { deployModels } from '../../modeling/deploy/deploy-models.ts';
import { launchWorkers, newRegistry } from '../../workers/run-workers.ts';
import { serveUntilSignal } from '../../platform/service/serve-until-signal.ts';
import { createLogger, type Logger } from '../../platform/observability/logger.ts';
import { application } from '../application.ts';
import { armKillAt } from '../../platform/service/fault-points.ts';

/** The variables that point Seam at real infrastructure; with none of them set, `seam run` uses the local stack. */
const INFRASTRUCTURE_VARIABLES = ['DATABASE_URL', 'CAMUNDA_REST_URL', 'KAFKA_BROKERS'];

const help = `usage: seam run

The main job: the bridge and the external-task workers in one process, until SIGTERM.
With none of ${INFRASTRUCTURE_VARIABLES.join(', ')} set, it first brings up the local stack, migrates
Seam's schema and deploys the processes under processes/. With them set it migrates and runs against
what they name (deploy there with \`seam deploy\`).`;

async function prepareLocalStack(config: Config, log: Logger): Promise<void> {
  process.stderr.write('no infrastructure configured: using the local stack\n');
  const report = await stackUp(config);
  for (const part of report.parts) if (part.state === 'failed') throw new CliError(`local stack: ${part.part} failed: ${part.detail ?? ''}`);
  const engine = report.parts.find((p) => p.part === 'engine')?.detail;
  log.info({ event: 'local_stack_up', ms: report.totalMs, engine }, `local stack up (${engine})`);
  const deployed = await deployModels(createEngineClient(config.engine), discoverProcessModels(path.join(repoRoot, 'processes')), {
    dryRun: false,
    source: 'seam run',
  });
  for (const d of deployed)
    log.info({ event: 'process_deployed', processKey: d.processKey, version: d.version, outcome: d.outcome }, `${d.processKey} v${d.version} ${d.outcome}`);
}

export const runCommand: Command = {
  async run(args) {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(help + '\n');
      return 0;
    }
    const config = loadConfigOrFail();
    const log = createLogger(config.logLevel, 'seam');
    if (config.killAt) armKillAt(config.killAt, log); // the chaos suite's crash at a named moment
    if (INFRASTRUCTURE_VARIABLES.every((v) => !process.env[v])) await prepareLocalStack(config, log);
    await ensureDatabase(config.databaseUrl, databaseName(config.databaseUrl));
    const applied = await migrate(config.databaseUrl, log);
    if (applied.length) log.info({ event: 'migrated', applied }, 'schema migrated');

    const registry = newRegistry();
    const bridge = await startBridgeOrFail(config, registry, createLogger(config.logLevel, 'bridge'));
    const workers = launchWorkers(config, registry, { handlers: application.handlers, log: createLogger(config.logLevel, 'workers') });
    return serveUntilSignal(
      config,
      registry,
      bridge.readiness,
      log,
      async () => {
        await bridge.shutdown();
        await workers.shutdown();
      },
      (url) => process.stderr.write(`seam is running: bridge + workers; metrics ${url}/metrics; Ctrl-C stops\n`),
    );
  },
};

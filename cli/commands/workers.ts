import type { Command } from './index.ts';
import { loadConfigOrFail } from '../load-config.ts';
import { launchWorkers, newRegistry } from '../../workers/run-workers.ts';
import { serveUntilSignal } from '../../platform/service/serve-until-signal.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { application } from '../application.ts';
import { armKillAt } from '../../platform/service/fault-points.ts';

export const workersCommand: Command = {
  async run(args) {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(
        'usage: seam workers\n\nRuns every external-task worker against CAMUNDA_REST_URL; metrics on SEAM_METRICS_HOST:SEAM_METRICS_PORT/metrics.\nSIGTERM stops fetching, lets the long poll in flight return (tasks it brings are handed back), waits up to SEAM_SHUTDOWN_GRACE_MS for it and for running handlers, exits 0.\n',
      );
      return 0;
    }
    const config = loadConfigOrFail();
    const log = createLogger(config.logLevel, 'workers');
    if (config.killAt) armKillAt(config.killAt, log); // the chaos suite's crash at a named moment
    const registry = newRegistry();
    const workers = launchWorkers(config, registry, { handlers: application.handlers, log });
    return serveUntilSignal(config, registry, [], log, () => workers.shutdown());
  },
};

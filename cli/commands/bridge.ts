import type { Command } from './index.ts';
import { loadConfigOrFail } from '../load-config.ts';
import { CliError } from '../cli-error.ts';
import { launchBridge } from '../../bridge/run-bridge.ts';
import { MappingError } from '../../bridge/mapping/load-mapping.ts';
import { newRegistry } from '../../workers/run-workers.ts';
import { startMetricsServer } from '../../lib/observability/metrics-server.ts';
import { untilSignal } from '../../lib/service/until-signal.ts';
import { createLogger } from '../../lib/observability/logger.ts';

const help = `usage: seam bridge

Runs the Kafka bridge until SIGTERM: intake (Kafka → inbox), projector (inbox → commands), command
workers (commands → engine, through the subscription shadow) and the reconciler. Any number of bridge
processes may run side by side. Mapping: SEAM_BRIDGE_MAPPING (default bridge/mappings.yaml).
/metrics, /health and /ready on SEAM_METRICS_HOST:SEAM_METRICS_PORT.`;

export const bridgeCommand: Command = {
  summary: 'run the Kafka bridge (intake, projector, command workers, reconciler) until SIGTERM',
  async run(args) {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(help + '\n');
      return 0;
    }
    const config = loadConfigOrFail();
    const log = createLogger(config.logLevel, 'bridge');
    const registry = newRegistry();
    let bridge;
    try {
      bridge = await launchBridge(config, registry, { log });
    } catch (err) {
      if (err instanceof MappingError) throw new CliError(err.message, 2);
      throw new CliError(`the bridge could not start: ${(err as Error).message}`);
    }
    const server = await startMetricsServer(registry, config.metrics.port, config.metrics.host, bridge.readiness);
    const address = server.address();
    log.info({ event: 'metrics_listening', port: typeof address === 'object' ? address?.port : undefined }, 'metrics server up');
    const signal = await untilSignal();
    log.info({ event: 'shutdown_requested', signal }, 'stopping');
    await bridge.shutdown();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return 0;
  },
};

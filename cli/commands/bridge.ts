import type { Command } from './index.ts';
import { loadConfigOrFail } from '../load-config.ts';
import { startBridgeOrFail } from '../start-bridge.ts';
import { newRegistry } from '../../workers/run-workers.ts';
import { serveUntilSignal } from '../../platform/service/serve-until-signal.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { armKillAt } from '../../platform/service/fault-points.ts';

const help = `usage: seam bridge

Runs the Kafka bridge until SIGTERM: intake (Kafka → inbox), projector (inbox → commands), command
workers (commands → engine, through the subscription shadow) and the reconciler. Any number of bridge
processes may run side by side. Mapping: SEAM_BRIDGE_MAPPING (default apps/regulatory-case/mappings.yaml).
/metrics, /health and /ready on SEAM_METRICS_HOST:SEAM_METRICS_PORT.`;

export const bridgeCommand: Command = {
  async run(args) {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(help + '\n');
      return 0;
    }
    const config = loadConfigOrFail();
    const log = createLogger(config.logLevel, 'bridge');
    if (config.killAt) armKillAt(config.killAt, log); // the chaos suite's crash at a named moment
    const registry = newRegistry();
    const bridge = await startBridgeOrFail(config, registry, createLogger(config.logLevel, 'bridge'));
    return serveUntilSignal(config, registry, bridge.readiness, log, () => bridge.shutdown());
  },
};

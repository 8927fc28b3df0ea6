import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import type { Logger } from '../observability/logger.ts';
import { startMetricsServer, type HealthCheck } from '../observability/metrics-server.ts';
import { untilSignal } from './until-signal.ts';

/**
 * The life of a long-running Seam command: serve /metrics, /health and /ready, wait for SIGTERM or SIGINT,
 * then run `shutdown` and close the server. Returns the exit code (0: a clean stop).
 */
export async function serveUntilSignal(
  config: Config,
  registry: Registry,
  readiness: HealthCheck[],
  log: Logger,
  shutdown: () => Promise<unknown>,
  onListening?: (url: string) => void,
): Promise<number> {
  const server = await startMetricsServer(registry, config.metrics.port, config.metrics.host, readiness);
  const address = server.address();
  const url = `http://${config.metrics.host}:${typeof address === 'object' ? address?.port : config.metrics.port}`;
  log.info({ event: 'metrics_listening', url }, 'metrics, health and readiness served');
  onListening?.(url);
  const signal = await untilSignal();
  log.info({ event: 'shutdown_requested', signal }, 'stopping');
  await shutdown();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return 0;
}

import http from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthCheck {
  name: string;
  /** Resolves true when the part is ready to serve. */
  check(): Promise<boolean>;
}

/** A check that has not answered by then counts as failed: /ready must answer while a dependency hangs. */
export const READY_CHECK_DEADLINE_MS = 2_000;

/**
 * A check's answer, false when it fails or does not answer in time. A database that is restarting can
 * leave a query queued behind a busy pool for longer than any probe waits; "not ready" must be said
 * then, not a probe that times out with no answer at all.
 */
async function answeredInTime(check: HealthCheck, deadlineMs = READY_CHECK_DEADLINE_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
  try {
    return await Promise.race([check.check().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/metrics` (Prometheus text), `/health` (the process is alive) and `/ready` (every check passes),
 * for operators and orchestrators.
 */
export function startMetricsServer(
  registry: Registry,
  port: number,
  host: string,
  readiness: HealthCheck[] = [],
  options: { checkDeadlineMs?: number } = {},
): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    try {
      if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
      } else if (req.url === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok' }));
      } else if (req.url === '/ready') {
        const results = await Promise.all(readiness.map(async (r) => [r.name, await answeredInTime(r, options.checkDeadlineMs)] as const));
        const ready = results.every(([, ok]) => ok);
        res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ready ? 'ready' : 'not-ready', checks: Object.fromEntries(results) }));
      } else {
        res.writeHead(404).end();
      }
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

import http from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthCheck {
  name: string;
  /** Resolves true when the part is ready to serve. */
  check(): Promise<boolean>;
}

/**
 * `/metrics` (Prometheus text), `/health` (the process is alive) and `/ready` (every check passes),
 * for operators and orchestrators.
 */
export function startMetricsServer(registry: Registry, port: number, host: string, readiness: HealthCheck[] = []): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    try {
      if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
      } else if (req.url === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok' }));
      } else if (req.url === '/ready') {
        const results = await Promise.all(readiness.map(async (r) => [r.name, await r.check().catch(() => false)] as const));
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

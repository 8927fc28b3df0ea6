import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of the real engine that answers the first `failures` POST /message calls
 * with HTTP 500 (as an engine whose database is down does) and forwards everything else unchanged.
 */
export async function startFaultyEngineProxy(
  engineRestUrl: string,
  failures: number,
): Promise<{ url: string; failed: () => number; close: () => Promise<void> }> {
  const target = new URL(engineRestUrl);
  let failed = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url?.endsWith('/message') && failed < failures) {
      failed++;
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'ProcessEngineException', message: 'injected failure: engine database unavailable', code: 0 }));
      return;
    }
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname.replace(/\/$/, '')}${req.url!.replace(/^\/engine-rest/, '')}`,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/engine-rest`,
    failed: () => failed,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

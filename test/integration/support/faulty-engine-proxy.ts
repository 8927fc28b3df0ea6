import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does to one request:
 * - `status`: answers with this HTTP status and a Camunda-style error body, never forwards (an engine whose database is down);
 * - `reset`: destroys the client's connection at once, never forwards (a refused or broken connection);
 * - `hold-request`: reads the whole request, waits `ms`, then forwards it even if the client gave up (a slow
 *   proxy or engine queue: the call lands after the caller's timeout);
 * - `hold-reply`: forwards at once, waits `ms` after the engine answered, then replies (the reply is late);
 * - `drop-mid-body`: forwards, sends the reply's headers and half its body, then cuts the connection;
 * - `reset-after-forward`: forwards, and destroys the client's connection once the engine answered (reply lost);
 * - `hold-until`: reads the whole request and forwards it when `release` resolves, however long the client
 *   has given up by then (a queue that outlives every grace); `landed` hears the engine's answer.
 */
export type EngineFault =
  | { kind: 'status'; status: number }
  | { kind: 'reset' }
  | { kind: 'hold-request'; ms: number }
  | { kind: 'hold-reply'; ms: number }
  | { kind: 'drop-mid-body' }
  | { kind: 'reset-after-forward' }
  | { kind: 'hold-until'; release: Promise<void>; landed?: (status: number, body: string) => void };

export interface RequestInfo {
  method: string;
  path: string;
  body: string;
}

export interface FaultyEngineProxy {
  url: string;
  /** Faults injected so far, by kind. */
  injected: () => Record<string, number>;
  failed: () => number;
  /** Changes the plan for the requests that follow. */
  setPlan(plan: (req: RequestInfo) => EngineFault | undefined): void;
  close: () => Promise<void>;
}

const isMessageCall = (r: RequestInfo) => r.method === 'POST' && r.path.endsWith('/message');

/**
 * A loopback HTTP proxy in front of the real engine that injects faults by a plan. `failures` (a number)
 * keeps the old behaviour: the first N POST /message calls answer HTTP 500, everything else is forwarded.
 */
export async function startFaultyEngineProxy(
  engineRestUrl: string,
  plan: number | ((req: RequestInfo) => EngineFault | undefined),
): Promise<FaultyEngineProxy> {
  const target = new URL(engineRestUrl);
  const injected: Record<string, number> = {};
  let planFn: (req: RequestInfo) => EngineFault | undefined;
  if (typeof plan === 'number') {
    let left = plan;
    planFn = (r) => (isMessageCall(r) && left-- > 0 ? { kind: 'status', status: 500 } : undefined);
  } else planFn = plan;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const forward = (
    info: RequestInfo,
    headers: http.IncomingHttpHeaders,
    onReply: (status: number, headers: http.IncomingHttpHeaders, body: Buffer) => void,
    onError: () => void,
  ) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname.replace(/\/$/, '')}${info.path.replace(/^\/engine-rest/, '')}`,
        method: info.method,
        headers: { ...headers, host: target.host, 'content-length': String(Buffer.byteLength(info.body)) },
      },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => onReply(up.statusCode ?? 502, up.headers, Buffer.concat(chunks)));
        up.on('error', onError);
      },
    );
    upstream.on('error', onError);
    upstream.end(info.body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const info: RequestInfo = { method: req.method ?? 'GET', path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') };
      const fault = planFn(info);
      if (fault) injected[fault.kind] = (injected[fault.kind] ?? 0) + 1;
      const reply = (status: number, headers: http.IncomingHttpHeaders, body: Buffer) => {
        if (res.destroyed || res.writableEnded) return;
        const { 'transfer-encoding': _te, 'content-length': _cl, connection: _c, ...rest } = headers;
        res.writeHead(status, { ...rest, 'content-length': String(body.length) });
        res.end(body);
      };
      const badGateway = () => {
        if (!res.destroyed && !res.headersSent) res.writeHead(502).end();
      };
      switch (fault?.kind) {
        case 'status':
          res.writeHead(fault.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ type: 'ProcessEngineException', message: 'injected failure: engine database unavailable', code: 0 }));
          return;
        case 'reset':
          req.socket.destroy();
          return;
        case 'hold-request':
          later(fault.ms, () => forward(info, req.headers, reply, badGateway));
          return;
        case 'hold-until': {
          const { release, landed } = fault;
          void release.then(() =>
            forward(
              info,
              req.headers,
              (s, h, b) => {
                landed?.(s, b.toString('utf8'));
                reply(s, h, b);
              },
              () => {
                landed?.(502, '');
                badGateway();
              },
            ),
          );
          return;
        }
        case 'hold-reply':
          forward(info, req.headers, (s, h, b) => later(fault.ms, () => reply(s, h, b)), badGateway);
          return;
        case 'drop-mid-body':
          forward(
            info,
            req.headers,
            (s, h, b) => {
              const { 'transfer-encoding': _te, 'content-length': _cl, ...rest } = h;
              res.writeHead(s, { ...rest, 'content-length': String(b.length + 1) });
              res.write(b.subarray(0, Math.floor(b.length / 2)));
              later(20, () => req.socket.destroy());
            },
            badGateway,
          );
          return;
        case 'reset-after-forward':
          forward(info, req.headers, () => req.socket.destroy(), badGateway);
          return;
        default:
          forward(info, req.headers, reply, badGateway);
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/engine-rest`,
    injected: () => ({ ...injected }),
    failed: () => Object.values(injected).reduce((a, b) => a + b, 0),
    setPlan: (p) => (planFn = p),
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

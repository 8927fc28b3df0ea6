import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * Two stand-ins for the engine's REST API used by the bridge benchmark:
 * - a counting proxy: forwards every call to the real engine and counts it by route (method and path
 *   with ids replaced), keeping the last real answer of each route;
 * - a stub: answers each route with the real engine's recorded status and body (fresh instance ids),
 *   so the bridge does all its own work while the engine costs nothing.
 */

/** `POST /engine-rest/external-task/7f3e…/complete` → `POST /external-task/:id/complete`. */
export function routeOf(method: string, url: string): string {
  const pathname = new URL(url, 'http://x').pathname.replace(/^\/engine-rest/, '');
  return `${method} ${pathname
    .split('/')
    .map((part) => (/^[0-9a-f-]{16,}$/i.test(part) || /^\d+$/.test(part) || /:[0-9a-f-]{16,}$/i.test(part) ? ':id' : part))
    .join('/')}`;
}

export interface RecordedAnswer {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** One forwarded call: how long the engine (and the proxy) took, and the instance a correlation named. */
export interface ProxiedCall {
  route: string;
  processInstanceId: string | undefined;
  ms: number;
}

export interface CountingProxy {
  url: string;
  counts: Map<string, number>;
  /** Every forwarded call, in the order the answers came back. */
  calls: ProxiedCall[];
  /** The last answer of each route from the real engine. */
  answers: Map<string, RecordedAnswer>;
  snapshot(): Record<string, number>;
  close(): Promise<void>;
}

const listen = (server: http.Server): Promise<string> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/engine-rest`)));

const readBody = (req: http.IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const instanceNamedIn = (body: Buffer): string | undefined => /"processInstanceId"\s*:\s*"([^"]+)"/.exec(body.toString('utf8'))?.[1];

export async function startCountingProxy(engineRestUrl: string): Promise<CountingProxy> {
  const target = new URL(engineRestUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const counts = new Map<string, number>();
  const answers = new Map<string, RecordedAnswer>();
  const calls: ProxiedCall[] = [];
  const server = http.createServer(async (req, res) => {
    const route = routeOf(req.method!, req.url!);
    counts.set(route, (counts.get(route) ?? 0) + 1);
    const started = performance.now();
    const body = await readBody(req);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const payload = Buffer.concat(chunks);
          answers.set(route, { status: answer.statusCode!, contentType: answer.headers['content-type'], body: payload.toString('utf8') });
          calls.push({ route, processInstanceId: instanceNamedIn(body), ms: performance.now() - started });
          res.writeHead(answer.statusCode!, answer.headers);
          res.end(payload);
        });
      },
    );
    upstream.on('error', (err) => {
      res.writeHead(502);
      res.end(String(err));
    });
    req.on('close', () => {
      if (!res.writableEnded) upstream.destroy(); // an aborted long poll
    });
    upstream.end(body);
  });
  server.keepAliveTimeout = 60_000;
  const url = await listen(server);
  return {
    url,
    counts,
    calls,
    answers,
    snapshot: () => Object.fromEntries(counts),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}

/** Calls per route between two snapshots. */
export function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([route, n]) => [route, n - (before[route] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}

export interface EngineStub {
  url: string;
  counts: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Answers like the engine from `answers` (recorded through the counting proxy). A start's instance id is
 * replaced by a fresh one per call; an unrecorded route answers 404 with the engine's error shape.
 */
export async function startEngineStub(answers: Map<string, RecordedAnswer>): Promise<EngineStub> {
  const counts = new Map<string, number>();
  const startAnswer = answers.get('POST /message');
  const recordedInstanceId = startAnswer ? /"processInstance":\{[^}]*?"id":"([^"]+)"/.exec(startAnswer.body)?.[1] : undefined;
  const server = http.createServer(async (req, res) => {
    const route = routeOf(req.method!, req.url!);
    counts.set(route, (counts.get(route) ?? 0) + 1);
    await readBody(req);
    const answer = answers.get(route);
    if (!answer) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'NotFoundException', message: `the stub has no recorded answer for ${route}` }));
      return;
    }
    const body = route === 'POST /message' && recordedInstanceId ? answer.body.split(recordedInstanceId).join(randomUUID()) : answer.body;
    res.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  const url = await listen(server);
  return {
    url,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import createClient, { type Client } from 'openapi-fetch';
import { Pool } from 'undici';
import type { paths } from './generated/camunda-rest.ts';
import type { Config } from '../config.ts';
import { engineErrorFromThrown } from './engine-error.ts';

/** The typed client, and `close()`: its connections are let go once the calls in flight have answered. */
export type RawEngineClient = Client<paths> & { close(): Promise<void> };

export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/**
 * What openapi-fetch builds for each call, as a plain value. A WHATWG Request plus global `fetch` costs
 * 1–3 ms of CPU per call on Node 20 (measured against a local server), which made the HTTP client the
 * bridge's largest cost; undici's pool takes ~0.2 ms.
 */
class EngineRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit['body'];
  constructor(input: string, init: RequestInit = {}) {
    this.url = input;
    this.method = init.method ?? 'GET';
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
  }
}

/**
 * An engine answer with what openapi-fetch and EngineClient read of it (status, headers, the body as text
 * or JSON): the body is already in hand, so a WHATWG Response and its streams would only add cost.
 */
class EngineResponse {
  readonly ok: boolean;
  readonly statusText = '';
  readonly headers: { get(name: string): string | null };
  constructor(
    readonly status: number,
    rawHeaders: Record<string, string | string[] | undefined>,
    private readonly bodyText: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get: (name) => {
        const value = rawHeaders[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }
  text(): Promise<string> {
    return Promise.resolve(this.bodyText);
  }
  json(): Promise<unknown> {
    return Promise.resolve(JSON.parse(this.bodyText));
  }
}

/**
 * The transport under EngineClient: typed paths, credentials, the per-call timeout and network failures as
 * EngineErrors, but HTTP error answers left to the caller. Only platform/engine/client.ts and tests use it
 * (an import-direction lint zone refuses it elsewhere); product code calls the named EngineClient methods.
 *
 * The timeout covers the whole call, from the moment it is asked for, including time spent waiting for a
 * connection: the fence (docs/fencing.md) counts from the recorded call start, so a call must never reach
 * the engine later than `timeoutMs` after it. Nothing is retried here: a POST that may have landed is settled
 * by the caller.
 */
export function createRawEngineClient(engine: Config['engine']): RawEngineClient {
  const base = new URL(engine.restUrl);
  const pool = new Pool(base.origin);
  const timedFetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${engine.timeoutMs} ms`, 'TimeoutError')), engine.timeoutMs);
    try {
      const headers = Object.fromEntries(request.headers);
      let body = request.body as string | Buffer | null;
      if (request.body instanceof FormData) {
        // Deployments: let the platform encode the multipart body (undici's pool takes bytes).
        const encoded = new Response(request.body);
        headers['content-type'] = encoded.headers.get('content-type')!;
        body = Buffer.from(await encoded.arrayBuffer());
      }
      const answer = await pool.request({ path: url.pathname + url.search, method: request.method as 'GET', headers, body, signal: controller.signal });
      const text = await answer.body.text();
      return new EngineResponse(answer.statusCode, answer.headers, text) as unknown as Response;
    } catch (err) {
      throw engineErrorFromThrown(`${request.method} ${url.pathname}`, controller.signal.aborted ? controller.signal.reason : err, engine.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  };
  const client = createClient<paths>({
    baseUrl: engine.restUrl,
    headers: { authorization: basicAuthHeader(engine.user, engine.password), accept: 'application/json' },
    Request: EngineRequest as unknown as typeof Request,
    fetch: timedFetch,
  });
  return Object.assign(client, { close: () => pool.close() });
}

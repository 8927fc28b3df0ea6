import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/camunda-rest.ts';
import type { Config } from '../config.ts';
import { engineErrorFromThrown } from './engine-error.ts';

export type RawEngineClient = Client<paths>;

export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/**
 * The transport under EngineClient: typed paths, credentials, the per-call timeout and network failures as
 * EngineErrors, but HTTP error answers left to the caller. Only platform/engine/client.ts and tests use it
 * (an import-direction lint zone refuses it elsewhere); product code calls the named EngineClient methods.
 */
export function createRawEngineClient(engine: Config['engine']): RawEngineClient {
  const timedFetch = async (request: Request): Promise<Response> => {
    try {
      return await fetch(request, { signal: AbortSignal.timeout(engine.timeoutMs) });
    } catch (err) {
      throw engineErrorFromThrown(`${request.method} ${new URL(request.url).pathname}`, err, engine.timeoutMs);
    }
  };
  return createClient<paths>({
    baseUrl: engine.restUrl,
    headers: { authorization: basicAuthHeader(engine.user, engine.password), accept: 'application/json' },
    fetch: timedFetch,
  });
}

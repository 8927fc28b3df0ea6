import { afterEach, describe, expect, it } from 'vitest';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { startMetricsServer, type HealthCheck } from '../../platform/observability/metrics-server.ts';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function ready(checks: HealthCheck[]): Promise<{ status: number; body: unknown; ms: number }> {
  server = await startMetricsServer(new Registry(), 0, '127.0.0.1', checks, { checkDeadlineMs: 200 });
  const { port } = server.address() as AddressInfo;
  const started = Date.now();
  const res = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, body: await res.json(), ms: Date.now() - started };
}

describe('/ready', () => {
  it('is 200 when every check passes', async () => {
    const { status, body } = await ready([{ name: 'database', check: async () => true }]);
    expect({ status, body }).toEqual({ status: 200, body: { status: 'ready', checks: { database: true } } });
  });

  it('says not ready, naming the check, when one hangs past its deadline (a database restarting behind a busy pool), instead of not answering', async () => {
    const hangs: HealthCheck = { name: 'database', check: () => new Promise<boolean>(() => undefined) };
    const { status, body } = await ready([hangs, { name: 'engine', check: async () => true }]);
    expect({ status, body }).toEqual({ status: 503, body: { status: 'not-ready', checks: { database: false, engine: true } } });
  });

  it('counts a check that throws as failed', async () => {
    const { status, body } = await ready([{ name: 'kafka-consumer', check: () => Promise.reject(new Error('down')) }]);
    expect({ status, body }).toEqual({ status: 503, body: { status: 'not-ready', checks: { 'kafka-consumer': false } } });
  });
});

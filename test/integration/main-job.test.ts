import { afterAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { runSeam, startSeam, type SeamProcess } from '../support/run-seam.ts';
import { loadConfig } from '../../platform/config.ts';
import { engineSpecs } from '../../stack/control/engines.ts';
import { eventually } from './support/cases.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a newcomer: none of the infrastructure variables set. */
const unconfigured = (extra: Record<string, string>) => ({ ...extra, DATABASE_URL: undefined, CAMUNDA_REST_URL: undefined, KAFKA_BROKERS: undefined });

let run: SeamProcess | undefined;

describe('the main job: seam run, then seam demo', () => {
  afterAll(async () => {
    if (run && run.child.exitCode === null) {
      run.child.kill('SIGKILL');
      await run.exited;
    }
  });

  it('runs bridge and workers on the local stack, plays every demo case as the policy says, and stops on SIGTERM', async () => {
    const port = await freePort();
    const seamRun = startSeam(['run'], { env: unconfigured({ SEAM_METRICS_PORT: String(port) }) });
    run = seamRun;
    await eventually(
      'seam run to be ready',
      async () => {
        if (seamRun.child.exitCode !== null) throw new Error(`seam run exited: ${seamRun.output()}`);
        const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined);
        return res?.status === 200;
      },
      120_000,
    );
    expect(seamRun.output()).toContain('using the local stack');
    // On the engine SEAM_ENGINE names (the whole suite runs once per engine).
    const { product, version } = engineSpecs[loadConfig().engine.kind];
    expect(seamRun.output()).toContain(`local stack up (${product} ${version})`);

    const demo = await runSeam(['demo'], { env: unconfigured({}), timeoutMs: 180_000 });
    expect(demo.output, demo.output).toMatch(/(\d+) of \1 outcomes as the policy says/);
    expect(demo.code).toBe(0);

    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const name of [
      'process_correlation_command_pending_total',
      'process_correlation_command_buffered_total',
      'process_correlation_command_quarantined_total',
      'process_correlation_command_oldest_pending_age_seconds',
      'camunda_message_correlation_duration_seconds_bucket',
      'camunda_message_correlation_multiple_match_total',
      'seam_bridge_consumer_lag',
      'seam_worker_tasks_total',
    ])
      expect(metrics).toContain(name);
    expect(metrics).toMatch(/camunda_message_correlation_multiple_match_total [1-9]/);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    seamRun.child.kill('SIGTERM');
    expect((await seamRun.exited).code).toBe(0);
    const output = seamRun.output();
    // Logs are JSON, one object per line, and carry no payload values.
    const logLines = output.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(10);
    for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    expect(output).not.toContain('APPROVED'); // an assessment outcome the demo sends as a payload value
  }, 240_000);
});

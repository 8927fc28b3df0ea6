import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { loadConfig, repoRoot } from '../../platform/config.ts';
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
function unconfigured(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const v of ['DATABASE_URL', 'CAMUNDA_REST_URL', 'KAFKA_BROKERS']) delete env[v];
  return env;
}

let run: ChildProcess | undefined;

describe('the main job: seam run, then seam demo', () => {
  afterAll(async () => {
    if (run && run.exitCode === null) {
      run.kill('SIGKILL');
      await new Promise((resolve) => run!.on('exit', resolve));
    }
  });

  it('runs bridge and workers on the local stack, plays every demo case as the policy says, and stops on SIGTERM', async () => {
    const port = await freePort();
    run = spawn('node', ['cli/seam.js', 'run'], { cwd: repoRoot, env: unconfigured({ SEAM_METRICS_PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    run.stdout!.on('data', (d) => (output += d));
    run.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => run!.on('exit', resolve));
    await eventually(
      'seam run to be ready',
      async () => {
        if (run!.exitCode !== null) throw new Error(`seam run exited: ${output}`);
        const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined);
        return res?.status === 200;
      },
      120_000,
    );
    expect(output).toContain('using the local stack');
    // On the engine SEAM_ENGINE names (the whole suite runs once per engine).
    const { product, version } = engineSpecs[loadConfig().engine.kind];
    expect(output).toContain(`local stack up (${product} ${version})`);

    const demo = spawn('node', ['cli/seam.js', 'demo'], { cwd: repoRoot, env: unconfigured({}), stdio: ['ignore', 'pipe', 'pipe'] });
    let demoOut = '';
    demo.stdout.on('data', (d) => (demoOut += d));
    demo.stderr.on('data', (d) => (demoOut += d));
    const demoCode = await new Promise<number | null>((resolve) => demo.on('exit', resolve));
    expect(demoOut, demoOut).toMatch(/(\d+) of \1 outcomes as the policy says/);
    expect(demoCode).toBe(0);

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

    run.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Logs are JSON, one object per line, and carry no payload values.
    const logLines = output.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(10);
    for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    expect(output).not.toContain('APPROVED'); // an assessment outcome the demo sends as a payload value
  }, 240_000);
});

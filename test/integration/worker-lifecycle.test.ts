import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { config, engine } from './support/engine.ts';
import { caseActions, deployProjectModels, eventually, pool, startCase, waitForShadow } from './support/cases.ts';
import { repoRoot } from '../../platform/config.ts';
import { launchWorkers, newRegistry } from '../../workers/run-workers.ts';
import { startSeam } from '../support/run-seam.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { regulatoryCase as application } from '../../apps/regulatory-case/index.ts';

interface Child {
  process: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function spawnNode(args: string[], env: Record<string, string>): Child {
  const child = spawn('node', ['--import', 'tsx', ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { process: child, output: () => output, exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

const testWorker = (mode: string) =>
  spawnNode([path.join('test', 'integration', 'support', 'test-worker.ts'), mode], {
    SEAM_WORKER_LOCK_MS: '3000',
    SEAM_WORKER_LONG_POLL_MS: '1000',
    SEAM_WORKER_ID: `test-${mode}`,
  });

const waitForOutput = (child: Child, text: string) => eventually(`worker to print ${text}`, async () => child.output().includes(text), 30_000);

describe('worker lifecycle', () => {
  afterAll(async () => {
    await pool.end();
  });

  it('a worker killed mid-task: the lock expires, the task is fetched again, nothing is done twice', async () => {
    await deployProjectModels();
    const crashing = testWorker('hang-after-work');
    await waitForOutput(crashing, 'READY');
    const { caseId, processInstanceId } = await startCase();
    await waitForOutput(crashing, `WORK_DONE ${caseId}`);
    crashing.process.kill('SIGKILL');
    await crashing.exit;
    expect(await caseActions(caseId)).toEqual(['EVIDENCE_REQUESTED']);

    // A healthy worker picks the task up once its 3 s lock has expired.
    const healthy = launchWorkers({ ...config, workers: { ...config.workers, longPollMs: 1000 } }, newRegistry(), {
      handlers: application.handlers,
      log: createLogger('warn', 'lifecycle-test'),
      pool,
    });
    try {
      await waitForShadow(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    } finally {
      await healthy.shutdown();
    }
    expect(await caseActions(caseId)).toEqual(['EVIDENCE_REQUESTED']);
  }, 60_000);

  it('SIGTERM during a handler: fetching stops, the handler finishes and reports, the process exits 0', async () => {
    const slow = testWorker('slow');
    await waitForOutput(slow, 'READY');
    const { caseId, processInstanceId } = await startCase();
    await waitForOutput(slow, `WORK_STARTED ${caseId}`);
    slow.process.kill('SIGTERM');
    expect(await slow.exit).toBe(0);
    expect(slow.output()).toContain('STOPPED unfinished=0');
    // The evidence request was completed in the engine before exit: the next task (open shadow) waits now.
    const { data } = await engine.raw.GET('/external-task', { params: { query: { processInstanceId } } });
    expect(data?.map((t) => t.topicName)).toEqual(['seam-shadow-open']);
  }, 60_000);

  it('SIGTERM while idle: the long poll in flight is let return, and a task it brings meanwhile is handed back, not left locked', async () => {
    // An aborted poll stays open at the engine until its timeout and locks a task created meanwhile for a
    // worker that is gone (for the whole lock); stopping, the worker lets its poll return instead.
    const idle = startSeam(['workers'], { env: { SEAM_METRICS_PORT: '0', SEAM_WORKER_LONG_POLL_MS: '4000', SEAM_WORKER_ID: 'test-idle' } });
    await eventually('workers to start polling', async () => idle.stdout().includes('workers_started'), 30_000);
    await new Promise((r) => setTimeout(r, 1000)); // a 4 s long poll is now in flight
    idle.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    // The case's first task (a shadow-open hook) is created while the stopping worker's poll is still open.
    const { processInstanceId } = await startCase();
    expect((await idle.exited).code).toBe(0);
    expect(idle.stdout()).toContain('workers_stopped');
    const { data } = await engine.raw.GET('/external-task', { params: { query: { processInstanceId } } });
    expect(data?.map((t) => ({ topic: t.topicName, lockedBy: t.workerId ?? null }))).toEqual([{ topic: 'seam-shadow-open', lockedBy: null }]);
  }, 60_000);
});

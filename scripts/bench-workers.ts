// npm run bench:workers — external tasks completed per second by Seam's worker runtime (workers/runtime)
// against a plain camunda-external-task-client-js loop, on the same engine, topic and settings (max tasks,
// long poll). Each round creates TASKS instances waiting at one external task, then starts one runner and
// times it until it has completed all of them; Seam and plain alternate. Run it under the shared stack's
// lock: flock /tmp/seam-integration.lock npm run bench:workers. The last line is JSON.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BasicAuthInterceptor, Client, type RequestConfig } from 'camunda-external-task-client-js';
import { loadConfig, repoRoot, type Config } from '../platform/config.ts';
import { createPool } from '../platform/db/pool.ts';
import { createEngineClient } from '../platform/engine/client.ts';
import { createLogger } from '../platform/observability/logger.ts';
import { waitUntil } from '../platform/wait.ts';
import { startWorkers } from '../workers/runtime/worker-runtime.ts';
import { createWorkerMetrics } from '../workers/runtime/worker-metrics.ts';
import { complete, type TaskHandler } from '../workers/runtime/task-handler.ts';
import { newRegistry } from '../workers/run-workers.ts';
import { fmt, runConcurrently } from './bench/stats.ts';

const TASKS = Number(process.env.BENCH_TASKS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TOPIC = 'seam-bench-work';

const config: Config = { ...loadConfig(), logLevel: 'error' };
const log = createLogger('error', 'bench-workers');
const engine = createEngineClient(config.engine);
const db = createPool(config.databaseUrl, 4);

/** TASKS instances of the bench process, each waiting at its external task; returns their instance ids. */
async function createTasks(): Promise<Set<string>> {
  const ids = new Set<string>();
  await runConcurrently(TASKS, 8, async () => {
    const [result] = await engine.correlate({ messageName: 'MSG_BENCH_WORK_STARTED', businessKey: `work-${randomUUID()}` });
    const id = result?.processInstance?.id;
    if (!id) throw new Error('the bench process did not start');
    ids.add(id);
  });
  return ids;
}

/** Seam's runtime with one handler that completes the task. */
async function seamRound(batch: Set<string>): Promise<number> {
  let done = 0;
  const handler: TaskHandler = {
    topic: TOPIC,
    variables: [],
    async handle(task) {
      if (batch.has(task.processInstanceId!)) done++;
      return complete();
    },
  };
  const workerConfig: Config = { ...config, workers: { ...config.workers, workerId: `bench-seam-${randomUUID().slice(0, 8)}` } };
  const started = performance.now();
  const runtime = startWorkers(workerConfig, [handler], { db, engine, log }, createWorkerMetrics(newRegistry()), log);
  await waitUntil(async () => done >= batch.size, 300_000, 5);
  const rate = batch.size / ((performance.now() - started) / 1000);
  await runtime.stop(5_000);
  return rate;
}

/** The stock client as its README shows it, with the same max tasks and long poll as Seam's runtime. */
async function plainRound(batch: Set<string>): Promise<number> {
  let done = 0;
  const client = new Client({
    baseUrl: config.engine.restUrl,
    workerId: `bench-plain-${randomUUID().slice(0, 8)}`,
    maxTasks: config.workers.maxTasks,
    lockDuration: config.workers.lockMs,
    asyncResponseTimeout: config.workers.longPollMs || undefined,
    interceptors: [
      new BasicAuthInterceptor({ username: config.engine.user, password: config.engine.password }) as unknown as (c: RequestConfig) => RequestConfig,
    ],
  });
  const started = performance.now();
  client.subscribe(TOPIC, { lockDuration: config.workers.lockMs }, async ({ task, taskService }) => {
    await taskService.complete(task);
    if (batch.has(task.processInstanceId!)) done++;
  });
  await waitUntil(async () => done >= batch.size, 300_000, 5);
  const rate = batch.size / ((performance.now() - started) / 1000);
  client.stop();
  return rate;
}

await engine.deploy([{ name: 'seam-bench-work.bpmn', content: readFileSync(path.join(repoRoot, 'scripts', 'bench', 'seam-bench-work.bpmn'), 'utf8') }], {
  deploymentName: 'seam-bench/seam-bench-work.bpmn',
  source: 'bench',
});
const seam: number[] = [];
const plain: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  seam.push(await seamRound(await createTasks()));
  plain.push(await plainRound(await createTasks()));
}
// Harmonic means: total tasks over total time.
const mean = (rates: number[]) => rates.length / rates.reduce((s, r) => s + 1 / r, 0);
const result = { bench: 'workers', node: process.version, tasks: TASKS, rounds: ROUNDS, seam: mean(seam), plain: mean(plain), ratio: mean(seam) / mean(plain) };
process.stdout.write(
  `workers     Seam runtime ${fmt(result.seam)} tasks/s   plain camunda-external-task-client-js ${fmt(result.plain)} tasks/s   ratio ${fmt(result.ratio, 2)} (target >= 1.0)` +
    `   (${TASKS} tasks x ${ROUNDS} rounds each, maxTasks ${config.workers.maxTasks}, long poll ${config.workers.longPollMs} ms)\n`,
);
process.stdout.write(JSON.stringify(result) + '\n');
await db.end();

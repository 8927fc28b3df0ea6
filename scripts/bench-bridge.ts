// npm run bench:bridge — the bridge's figures on the local stack, each against a baseline measured in
// the same run on the same machine (ratios, never timed assertions). See docs/bridge.md for results.
//   1. throughput: START events end to end (Kafka → inbox → command → engine) vs raw POST /message
//   2. latency: event → correlated (publish to completed) vs a raw correlate call
//   3. wake-up: a buffered event → applied, measured from its shadow opening
//   4. queue: command claim + complete with the engine stubbed vs graphile-worker on the same database
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Partitioners, type Producer } from 'kafkajs';
import { Logger as GraphileLogger, run as runGraphileWorker } from 'graphile-worker';
import { loadConfig, repoRoot, type Config } from '../platform/config.ts';
import { createPool } from '../platform/db/pool.ts';
import { migrate } from '../ledger/migrate.ts';
import { createEngineClient } from '../platform/engine/client.ts';
import { createKafka } from '../platform/kafka/create-kafka.ts';
import { createLogger } from '../platform/observability/logger.ts';
import { waitUntil } from '../platform/wait.ts';
import { parseMapping } from '../bridge/mapping/load-mapping.ts';
import { launchBridge, type RunningBridge } from '../bridge/run-bridge.ts';
import { launchWorkers, newRegistry } from '../workers/run-workers.ts';
import { claimDueCommands } from '../ledger/commands/claim.ts';
import { completeCommand } from '../ledger/commands/complete.ts';
import { leaseOf } from '../ledger/commands/command-row.ts';
import { fmt, quantile, runConcurrently } from './bench/stats.ts';
import { regulatoryCase as application } from '../apps/regulatory-case/index.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 200);
const QUEUE_JOBS = Number(process.env.BENCH_QUEUE_JOBS ?? 20_000);
const CONCURRENCY = 8;
/** Which parts to run: all by default, or e.g. BENCH_ONLY=queue. */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'throughput,latency,wakeup,queue').split(','));

const config: Config = { ...loadConfig(), logLevel: 'error' };
const benchConfig: Config = {
  ...config,
  bridge: { ...config.bridge, concurrency: CONCURRENCY, pollMs: 200 },
  workers: { ...config.workers, longPollMs: 1000 },
};
const log = createLogger('error', 'bench');
const engine = createEngineClient(config.engine);
const db = createPool(config.databaseUrl, 20);
const id = randomUUID().slice(0, 8);
const topic = `seam-bench-${id}`;
const mapping = parseMapping({
  consumerName: `seam-bench-${id}`,
  topics: [topic],
  mappings: [
    {
      name: 'bench-start',
      eventType: 'bench.started.v1',
      commandType: 'START_PROCESS',
      processKey: 'seam-bench-start',
      messageName: 'MSG_BENCH_STARTED',
      businessKey: '$.payload.id',
      payloadVariables: { benchId: '$.payload.id' },
    },
    {
      name: 'bench-wait',
      eventType: 'bench.wait.started.v1',
      commandType: 'START_PROCESS',
      processKey: 'seam-bench-wait',
      messageName: 'MSG_BENCH_WAIT_STARTED',
      businessKey: '$.payload.id',
      payloadVariables: { benchId: '$.payload.id' },
    },
    {
      name: 'bench-next',
      eventType: 'bench.next.v1',
      commandType: 'CORRELATE_MESSAGE',
      processKey: 'seam-bench-wait',
      messageName: 'MSG_BENCH_NEXT',
      businessKey: '$.payload.id',
      payloadVariables: { step: '$.payload.step' },
      bufferFor: 'PT10M',
      latePolicy: { action: 'quarantine' },
    },
  ],
});

const envelope = (eventType: string, payload: Record<string, unknown>) => ({
  eventId: `bench-${randomUUID()}`,
  eventType,
  occurredAt: new Date().toISOString(),
  payload,
});
let producer: Producer;
async function publish(values: object[]): Promise<void> {
  for (let i = 0; i < values.length; i += 500) {
    await producer.send({
      topic,
      messages: values.slice(i, i + 500).map((v) => ({ key: (v as { payload: { id: string } }).payload.id, value: JSON.stringify(v) })),
    });
  }
}

async function completedCount(eventIds: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from integration.process_correlation_command where source_event_id = any($1) and status = 'COMPLETED'`,
    [eventIds],
  );
  return rows[0]!.n;
}

/** Raw engine throughput: message starts at the bridge's concurrency, with the same business variables. */
async function rawStarts(count: number): Promise<number> {
  const started = performance.now();
  await runConcurrently(count, CONCURRENCY, async () => {
    const key = `raw-${randomUUID()}`;
    await engine.correlate({ messageName: 'MSG_BENCH_STARTED', businessKey: key, processVariables: { benchId: { value: key, type: 'String' } } });
  });
  return count / ((performance.now() - started) / 1000);
}

/** Bridge throughput: from the first publish until every command is COMPLETED. */
async function bridgedStarts(count: number): Promise<number> {
  const batch = Array.from({ length: count }, () => envelope('bench.started.v1', { id: `bridge-${randomUUID()}` }));
  const ids = batch.map((e) => e.eventId);
  const started = performance.now();
  await publish(batch);
  const done = await waitUntil(async () => (await completedCount(ids)) === count, 600_000, 250);
  if (!done) throw new Error(`only ${await completedCount(ids)} of ${count} bridged starts completed`);
  return count / ((performance.now() - started) / 1000);
}

/** Instances of the wait process whose shadow is OPEN, ready to be correlated. */
async function waitingInstances(count: number, via: 'bridge' | 'engine'): Promise<{ id: string; instance: string }[]> {
  const keys = Array.from({ length: count }, () => `wait-${randomUUID()}`);
  if (via === 'bridge') await publish(keys.map((k) => envelope('bench.wait.started.v1', { id: k })));
  else
    await runConcurrently(
      count,
      CONCURRENCY,
      async (i) => void (await engine.correlate({ messageName: 'MSG_BENCH_WAIT_STARTED', businessKey: keys[i]!, processVariables: {} })),
    );
  let rows: { business_key: string; camunda_process_instance_id: string }[] = [];
  await waitUntil(
    async () => {
      rows = (
        await db.query(
          `select business_key, camunda_process_instance_id from integration.process_wait_subscription where business_key = any($1) and status = 'OPEN'`,
          [keys],
        )
      ).rows;
      return rows.length === count;
    },
    300_000,
    250,
  );
  return rows.map((r) => ({ id: r.business_key, instance: r.camunda_process_instance_id }));
}

async function latencies(): Promise<{ bridged: number[]; raw: number[] }> {
  const forBridge = await waitingInstances(LATENCY_SAMPLES, 'engine');
  const forRaw = await waitingInstances(LATENCY_SAMPLES, 'engine');
  const raw: number[] = [];
  for (const w of forRaw) {
    const t = performance.now();
    await engine.correlate({ messageName: 'MSG_BENCH_NEXT', processInstanceId: w.instance, processVariables: { step: { value: 'raw', type: 'String' } } });
    raw.push(performance.now() - t);
  }
  const bridged: number[] = [];
  for (const w of forBridge) {
    const event = envelope('bench.next.v1', { id: w.id, step: 'bridged' });
    const t = performance.now();
    await publish([event]);
    await waitUntil(async () => (await completedCount([event.eventId])) === 1, 30_000, 2);
    bridged.push(performance.now() - t);
  }
  return { bridged, raw };
}

/** Buffered events woken by their shadows: time from the shadow turning OPEN to the command completing. */
async function wakeUps(): Promise<number[]> {
  const keys = Array.from({ length: LATENCY_SAMPLES }, () => `buffered-${randomUUID()}`);
  const events = keys.map((k) => envelope('bench.next.v1', { id: k, step: 'early' }));
  await publish(events);
  await waitUntil(
    async () =>
      (
        await db.query(`select 1 from integration.process_correlation_command where source_event_id = any($1) and status = 'BUFFERED'`, [
          events.map((e) => e.eventId),
        ])
      ).rowCount === keys.length,
    120_000,
    100,
  );
  await runConcurrently(
    keys.length,
    4,
    async (i) => void (await engine.correlate({ messageName: 'MSG_BENCH_WAIT_STARTED', businessKey: keys[i]!, processVariables: {} })),
  );
  await waitUntil(async () => (await completedCount(events.map((e) => e.eventId))) === keys.length, 300_000, 250);
  const { rows } = await db.query<{ ms: number }>(
    `select extract(epoch from c.completed_at - s.confirmed_at)::float8 * 1000 as ms
       from integration.process_correlation_command c
       join integration.process_wait_subscription s on s.subscription_id = (
         select subscription_id from integration.process_wait_subscription w where w.business_key = c.business_key and w.message_name = c.message_name order by opened_at limit 1)
      where c.source_event_id = any($1)`,
    [events.map((e) => e.eventId)],
  );
  return rows.map((r) => r.ms);
}

/**
 * Seam's command queue with the engine stubbed, as the command worker drives it: claims ahead up to twice
 * the concurrency on a relaxed-commit session, completes each claimed command by its lease.
 */
async function seamQueue(jobs: number): Promise<number> {
  const source = `bench-queue-${randomUUID()}`;
  await db.query(
    `insert into integration.process_correlation_command (source_consumer_name, source_event_id, source_event_type, command_type, process_key, message_name, business_key)
     select $1, 'q-' || g, 'bench.queue', 'CORRELATE_MESSAGE', 'bench-queue', 'MSG', 'q-' || g from generate_series(1, $2) g`,
    [source, jobs],
  );
  const relaxed = createPool(config.databaseUrl, 2 * CONCURRENCY + 2, { relaxed: true });
  let done = 0;
  const started = performance.now();
  const inHand = new Set<Promise<void>>();
  const ready: Awaited<ReturnType<typeof claimDueCommands>> = [];
  while (done < jobs) {
    const room = 2 * CONCURRENCY - inHand.size - ready.length;
    if (room >= CONCURRENCY / 2) ready.push(...(await claimDueCommands(relaxed, 'bench', room, 30_000)));
    while (ready.length && inHand.size < CONCURRENCY) {
      const c = ready.shift()!;
      const p: Promise<void> = completeCommand(relaxed, leaseOf(c), 'CORRELATED', null).then(() => {
        done++;
        inHand.delete(p);
      });
      inHand.add(p);
    }
    if (inHand.size >= CONCURRENCY || ready.length === 0) await Promise.race([...inHand, new Promise((r) => setTimeout(r, 5))]);
  }
  const rate = jobs / ((performance.now() - started) / 1000);
  await relaxed.end();
  return rate;
}

/** graphile-worker on the same database and concurrency, with a task that does nothing. */
async function graphileQueue(jobs: number): Promise<number> {
  const options = {
    connectionString: config.databaseUrl,
    concurrency: CONCURRENCY,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: new GraphileLogger(() => () => undefined),
  };
  const runner = await runGraphileWorker({ ...options, taskList: { bench: async () => undefined } });
  await runner.stop();
  await db.query(`select graphile_worker.add_job('bench', json_build_object('i', g)) from generate_series(1, $1) g`, [jobs]);
  let done = 0;
  const started = performance.now();
  const worker = await runGraphileWorker({ ...options, taskList: { bench: async () => void done++ } });
  await waitUntil(async () => done >= jobs, 600_000, 20);
  const rate = jobs / ((performance.now() - started) / 1000);
  await worker.stop();
  return rate;
}

async function main(): Promise<void> {
  await migrate(config.databaseUrl);
  for (const file of ['seam-bench-start.bpmn', 'seam-bench-wait.bpmn']) {
    await engine.deploy([{ name: file, content: readFileSync(path.join(repoRoot, 'scripts', 'bench', file), 'utf8') }], {
      deploymentName: `seam-bench/${file}`,
      source: 'bench',
    });
  }
  producer = createKafka(config.kafka, log, '-bench').producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const admin = createKafka(config.kafka, log, '-bench-admin').admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();

  if (ONLY.has('throughput') || ONLY.has('latency') || ONLY.has('wakeup')) await bridgePhases();
  if (ONLY.has('queue')) {
    const seam = await seamQueue(QUEUE_JOBS);
    const graphile = await graphileQueue(QUEUE_JOBS);
    process.stdout.write(
      `queue       seam claim+complete ${fmt(seam)} jobs/s   graphile-worker ${fmt(graphile)} jobs/s   ratio ${fmt(seam / graphile, 2)} (target >= 1.0)\n`,
    );
  }
  await producer.disconnect();
  await db.end();
}

async function throughput(): Promise<void> {
  await rawStarts(200); // warm both paths up
  await bridgedStarts(200);
  const half = Math.floor(EVENTS / 2);
  // Alternate, so drift on this shared machine hits both sides alike.
  const raw1 = await rawStarts(half);
  const bridged1 = await bridgedStarts(half);
  const raw2 = await rawStarts(EVENTS - half);
  const bridged2 = await bridgedStarts(EVENTS - half);
  const raw = 2 / (1 / raw1 + 1 / raw2);
  const bridged = 2 / (1 / bridged1 + 1 / bridged2);
  process.stdout.write(
    `throughput  raw POST /message ${fmt(raw)} /s   bridge end to end ${fmt(bridged)} /s   ratio ${fmt(bridged / raw, 2)} (target >= 0.9)\n`,
  );
}

async function latency(): Promise<void> {
  const { bridged, raw } = await latencies();
  process.stdout.write(
    `latency     raw correlate p50 ${fmt(quantile(raw, 0.5))} ms p99 ${fmt(quantile(raw, 0.99))} ms   event -> correlated p50 ${fmt(quantile(bridged, 0.5))} ms p99 ${fmt(quantile(bridged, 0.99))} ms   ratio p50 ${fmt(quantile(bridged, 0.5) / quantile(raw, 0.5), 2)}\n`,
  );
}

async function wakeup(): Promise<void> {
  const wake = await wakeUps();
  process.stdout.write(
    `wake-up     buffered -> applied after its shadow opens p50 ${fmt(quantile(wake, 0.5))} ms p99 ${fmt(quantile(wake, 0.99))} ms (target p99 <= 250 ms)\n`,
  );
}

async function bridgePhases(): Promise<void> {
  const bridge: RunningBridge = await launchBridge(benchConfig, newRegistry(), { log, pool: db, mapping, parts: { reconciler: false } });
  const workers = launchWorkers(benchConfig, newRegistry(), { handlers: application.handlers, log, pool: db });
  try {
    process.stdout.write(`bench: ${EVENTS} events, concurrency ${CONCURRENCY}, ${LATENCY_SAMPLES} latency samples, ${QUEUE_JOBS} queue jobs\n`);
    if (ONLY.has('throughput')) await throughput();
    if (ONLY.has('latency')) await latency();
    if (ONLY.has('wakeup')) await wakeup();
  } finally {
    await workers.shutdown();
    await bridge.shutdown();
  }
}

await main();

// npm run bench:bridge — the bridge's figures on the local stack, each against a baseline measured in
// the same run on the same machine (ratios, never timed assertions). See docs/benchmarks.md for results.
// Run it under the shared stack's lock: flock /tmp/seam-integration.lock npm run bench:bridge
//   1. cost: engine REST calls per applied event and engine CPU per 1,000 starts, bridged vs raw, counted
//      by a forwarding proxy in front of the engine and read from the engine JVM's /proc/<pid>/stat; what
//      the subscription shadow adds per wait; the co-located throughput ratio from the same runs
//   2. capacity: START events through the bridge with the engine replaced by a stub that answers as the
//      engine did (recorded through the proxy): events/s, resident memory at 10k vs 100k, DB connections
//   3. latency: event → correlated vs a raw correlate, and buffered → applied after its wait opens, with
//      where the time goes (from the ledger's timestamps)
//   4. queue: command claim + complete with the engine stubbed vs graphile-worker on the same database
// The last line is JSON with every figure.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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
import { delta, startCountingProxy, type CountingProxy, type RecordedAnswer } from './bench/engine-proxy.ts';
import { cpuSeconds, localPortsOfConnectionsTo, pidListeningOn } from './bench/process-stats.ts';
import { startEngineStubProcess } from './bench/engine-stub-process.ts';
import { regulatoryCase as application } from '../apps/regulatory-case/index.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const STUB_EVENTS = Number(process.env.BENCH_STUB_EVENTS ?? 100_000);
const SHADOW_WAITS = Number(process.env.BENCH_SHADOW_WAITS ?? 100);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 200);
const QUEUE_JOBS = Number(process.env.BENCH_QUEUE_JOBS ?? 20_000);
const CONCURRENCY = 8;
/** The capacity part's SEAM_BRIDGE_CONCURRENCY: with a stub that answers at once, more commands in hand share each ledger batch. */
const CAPACITY_CONCURRENCY = Number(process.env.BENCH_CAPACITY_CONCURRENCY ?? 32);
/** Which parts to run: all by default, or e.g. BENCH_ONLY=queue. */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'cost,shadow,latency,wakeup,capacity,queue').split(','));
/** Every figure, printed as the last line. */
const figures: Record<string, unknown> = { bench: 'bridge', node: process.version };
const out = (line = '') => process.stdout.write(line + '\n');

const config: Config = { ...loadConfig(), logLevel: 'error' };
const benchConfig: Config = {
  ...config,
  bridge: { ...config.bridge, concurrency: CONCURRENCY, pollMs: 200 },
  workers: { ...config.workers, longPollMs: 1000 },
};
const log = createLogger('error', 'bench');
// Raw calls go through the counting proxy too, so both sides are counted alike (set in main).
let engine = createEngineClient(config.engine);
let proxy: CountingProxy;
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

// Every probe names the consumer: the commands' unique index leads with it. By event id alone each probe
// was a sequential scan of the whole command table (128 ms on the shared database, run back to back by
// the latency loop), which both delayed and slowed what it measured.
async function completedCount(eventIds: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from integration.process_correlation_command where source_consumer_name = $2 and source_event_id = any($1) and status = 'COMPLETED'`,
    [eventIds, mapping.consumerName],
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

const ms = (v: unknown) => Number(v);
const p = (samples: number[], q: number) => quantile(samples, q);

interface LatencyBreakdown {
  /** publish → inbox row (Kafka + intake) */
  intake: number[];
  /** inbox row → command row (projector) */
  project: number[];
  /** command row → engine call started (claim, shadow lookup, the engine-call mark) */
  claim: number[];
  /** engine call started → completed (the engine's correlate + the completion statement) */
  apply: number[];
  /** of which the engine: the correlate's time at the counting proxy */
  engine: number[];
}

/** The bridge that applied a command; another bridge on the shared database may claim the bench's commands. */
const bridgeId = config.bridge.instanceId;

/** The engine's time for the bench's correlation to `instance`, from the counting proxy. */
const engineMsFor = (instance: string): number | undefined =>
  proxy.calls.find((call) => call.route === 'POST /message' && call.processInstanceId === instance)?.ms;

/**
 * Where each bridged event's time went, from the ledger's timestamps (`now()` of each statement's
 * transaction, i.e. when it began) and the proxy. Only commands this bench's bridge applied.
 */
async function breakdownOf(eventIds: string[], publishedAt: Map<string, number>): Promise<LatencyBreakdown & { foreign: Set<string> }> {
  const { rows } = await db.query<{
    event_id: string;
    received: number;
    created: number;
    called: number;
    completed: number;
    applied_by: string;
    instance: string;
  }>(
    `select i.event_id, extract(epoch from i.received_at) * 1000 as received, extract(epoch from c.created_at) * 1000 as created,
            extract(epoch from c.engine_call_started_at) * 1000 as called, extract(epoch from c.completed_at) * 1000 as completed,
            c.applied_by, c.camunda_process_instance_id as instance
       from integration.consumer_inbox i
       join integration.process_correlation_command c on c.source_consumer_name = i.consumer_name and c.source_event_id = i.event_id
      where i.consumer_name = $2 and i.event_id = any($1)`,
    [eventIds, mapping.consumerName],
  );
  const b = { intake: [], project: [], claim: [], apply: [], engine: [], foreign: new Set<string>() } as LatencyBreakdown & { foreign: Set<string> };
  for (const r of rows) {
    if (r.applied_by !== bridgeId) {
      b.foreign.add(r.event_id);
      continue;
    }
    b.intake.push(ms(r.received) - publishedAt.get(r.event_id)!);
    b.project.push(ms(r.created) - ms(r.received));
    b.claim.push(ms(r.called) - ms(r.created));
    b.apply.push(ms(r.completed) - ms(r.called));
    const engineMs = engineMsFor(r.instance);
    if (engineMs !== undefined) b.engine.push(engineMs);
  }
  return b;
}

async function latencies(): Promise<{ bridged: number[]; raw: number[]; breakdown: LatencyBreakdown; foreign: number }> {
  const forBridge = await waitingInstances(LATENCY_SAMPLES, 'engine');
  const forRaw = await waitingInstances(LATENCY_SAMPLES, 'engine');
  const raw: number[] = [];
  for (const w of forRaw) {
    const t = performance.now();
    await engine.correlate({ messageName: 'MSG_BENCH_NEXT', processInstanceId: w.instance, processVariables: { step: { value: 'raw', type: 'String' } } });
    raw.push(performance.now() - t);
  }
  const bridged = new Map<string, number>();
  const publishedAt = new Map<string, number>();
  for (const w of forBridge) {
    const event = envelope('bench.next.v1', { id: w.id, step: 'bridged' });
    const t = performance.now();
    publishedAt.set(event.eventId, Date.now());
    await publish([event]);
    await waitUntil(async () => (await completedCount([event.eventId])) === 1, 30_000, 2);
    bridged.set(event.eventId, performance.now() - t);
  }
  const { foreign, ...breakdown } = await breakdownOf([...publishedAt.keys()], publishedAt);
  const ours = [...bridged].filter(([eventId]) => !foreign.has(eventId)).map(([, latency]) => latency);
  return { bridged: ours, raw, breakdown, foreign: foreign.size };
}

/**
 * Buffered events woken by their shadows: time from the shadow turning OPEN (its confirmed_at) to the
 * command completing, split into wake → engine call started → completed.
 */
interface WakeUps {
  total: number[];
  toCall: number[];
  apply: number[];
  engine: number[];
  openToConfirm: number[];
  foreign: number;
}

/**
 * `alone`: the waits open one at a time, each after the previous command completed, so each wake-up is
 * measured on its own; otherwise four at a time, a burst in which the woken commands queue behind each
 * other for the engine (the bridge's concurrency) and the engine serves starts, hooks and correlations at once.
 */
async function wakeUps(alone: boolean): Promise<WakeUps> {
  const keys = Array.from({ length: LATENCY_SAMPLES }, () => `buffered-${randomUUID()}`);
  const events = keys.map((k) => envelope('bench.next.v1', { id: k, step: 'early' }));
  await publish(events);
  await waitUntil(
    async () =>
      (
        await db.query(
          `select 1 from integration.process_correlation_command where source_consumer_name = $2 and source_event_id = any($1) and status = 'BUFFERED'`,
          [events.map((e) => e.eventId), mapping.consumerName],
        )
      ).rowCount === keys.length,
    120_000,
    100,
  );
  await runConcurrently(keys.length, alone ? 1 : 4, async (i) => {
    await engine.correlate({ messageName: 'MSG_BENCH_WAIT_STARTED', businessKey: keys[i]!, processVariables: {} });
    if (alone) await waitUntil(async () => (await completedCount([events[i]!.eventId])) === 1, 30_000, 2);
  });
  await waitUntil(async () => (await completedCount(events.map((e) => e.eventId))) === keys.length, 300_000, 250);
  const { rows: all } = await db.query<{ total: number; to_call: number; apply: number; open_to_confirm: number; applied_by: string; instance: string }>(
    `select extract(epoch from c.completed_at - s.confirmed_at)::float8 * 1000 as total,
            extract(epoch from c.engine_call_started_at - s.confirmed_at)::float8 * 1000 as to_call,
            extract(epoch from c.completed_at - c.engine_call_started_at)::float8 * 1000 as apply,
            extract(epoch from s.confirmed_at - s.opened_at)::float8 * 1000 as open_to_confirm,
            c.applied_by, c.camunda_process_instance_id as instance
       from integration.process_correlation_command c
       join integration.process_wait_subscription s on s.subscription_id = (
         select subscription_id from integration.process_wait_subscription w
          where w.process_key = c.process_key and w.business_key = c.business_key and w.message_name = c.message_name order by opened_at limit 1)
      where c.source_consumer_name = $2 and c.source_event_id = any($1)`,
    [events.map((e) => e.eventId), mapping.consumerName],
  );
  const rows = all.filter((r) => r.applied_by === bridgeId);
  return {
    total: rows.map((r) => r.total),
    toCall: rows.map((r) => r.to_call),
    apply: rows.map((r) => r.apply),
    engine: rows.map((r) => engineMsFor(r.instance)).filter((v) => v !== undefined),
    openToConfirm: rows.map((r) => r.open_to_confirm),
    foreign: all.length - rows.length,
  };
}

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

interface PhaseCost {
  events: number;
  seconds: number;
  rate: number;
  engineCpuSeconds: number;
  calls: Record<string, number>;
}

/** Runs one phase and reads what it cost the engine: calls by route (through the proxy) and the JVM's CPU. */
async function measured(events: number, enginePid: number | null, phase: () => Promise<void>): Promise<PhaseCost> {
  const before = proxy.snapshot();
  const cpu = enginePid ? cpuSeconds(enginePid) : Number.NaN;
  const started = performance.now();
  await phase();
  const seconds = (performance.now() - started) / 1000;
  return {
    events,
    seconds,
    rate: events / seconds,
    engineCpuSeconds: enginePid ? cpuSeconds(enginePid) - cpu : Number.NaN,
    calls: delta(proxy.snapshot(), before),
  };
}

const sum = (calls: Record<string, number>, predicate: (route: string) => boolean = () => true) =>
  Object.entries(calls)
    .filter(([route]) => predicate(route))
    .reduce((n, [, c]) => n + c, 0);
const isPoll = (route: string) => route === 'POST /external-task/fetchAndLock';

/** (1) What the bridge costs the engine, and (4) the co-located throughput ratio, from the same runs. */
async function cost(enginePid: number | null): Promise<Map<string, RecordedAnswer>> {
  await rawStarts(100); // warm both paths up
  await bridgedStarts(100);
  const half = Math.floor(EVENTS / 2);
  const phases: { raw: PhaseCost[]; bridged: PhaseCost[] } = { raw: [], bridged: [] };
  // Alternate, so drift on this shared machine hits both sides alike.
  for (const n of [half, EVENTS - half]) {
    phases.raw.push(await measured(n, enginePid, async () => void (await rawStarts(n))));
    phases.bridged.push(await measured(n, enginePid, async () => void (await bridgedStarts(n))));
  }
  // The stub answers starts as the engine just did.
  const answers = new Map(proxy.answers);
  const total = (list: PhaseCost[]) => ({
    events: list.reduce((n, x) => n + x.events, 0),
    seconds: list.reduce((n, x) => n + x.seconds, 0),
    cpu: list.reduce((n, x) => n + x.engineCpuSeconds, 0),
    calls: list.reduce(
      (acc, x) => {
        for (const [route, c] of Object.entries(x.calls)) acc[route] = (acc[route] ?? 0) + c;
        return acc;
      },
      {} as Record<string, number>,
    ),
  });
  const raw = total(phases.raw);
  const bridged = total(phases.bridged);
  const callsPerEvent = (t: typeof raw, predicate?: (route: string) => boolean) => sum(t.calls, predicate) / t.events;
  const result = {
    events: EVENTS,
    rawCallsPerEvent: callsPerEvent(raw, (r) => !isPoll(r)),
    bridgedCallsPerEvent: callsPerEvent(bridged, (r) => !isPoll(r)),
    bridgedWorkerPollsPerEvent: callsPerEvent(bridged, isPoll),
    rawEngineCpuPer1000: (raw.cpu / raw.events) * 1000,
    bridgedEngineCpuPer1000: (bridged.cpu / bridged.events) * 1000,
    rawRate: raw.events / raw.seconds,
    bridgedRate: bridged.events / bridged.seconds,
    bridgedCalls: bridged.calls,
  };
  figures.cost = result;
  out(
    `cost        engine REST calls per applied start: raw ${fmt(result.rawCallsPerEvent, 3)}, bridged ${fmt(result.bridgedCallsPerEvent, 3)} ` +
      `(ratio ${fmt(result.bridgedCallsPerEvent / result.rawCallsPerEvent, 3)}, target <= 1.05; plus ${fmt(sum(bridged.calls, isPoll), 0)} worker long polls in ${fmt(bridged.seconds, 0)} s, not per event)`,
  );
  out(
    `            engine CPU per 1,000 starts: raw ${fmt(result.rawEngineCpuPer1000, 2)} s, bridged ${fmt(result.bridgedEngineCpuPer1000, 2)} s ` +
      `(ratio ${fmt(result.bridgedEngineCpuPer1000 / result.rawEngineCpuPer1000, 2)}, target <= 1.1; engine pid ${enginePid ?? 'not found'}, shared with other users of the engine)`,
  );
  out(
    `co-located throughput  raw POST /message ${fmt(result.rawRate)} /s   bridge end to end ${fmt(result.bridgedRate)} /s   ratio ${fmt(result.bridgedRate / result.rawRate, 2)} (target >= 0.8)`,
  );
  return answers;
}

/** (1) What the subscription shadow adds per wait: the hooks' task fetches and completions, the subscription reads. */
async function shadowCost(): Promise<void> {
  const before = proxy.snapshot();
  const waits = await waitingInstances(SHADOW_WAITS, 'engine');
  const opened = delta(proxy.snapshot(), before);
  const events = waits.map((w) => envelope('bench.next.v1', { id: w.id, step: 'shadow' }));
  const beforeClose = proxy.snapshot();
  await publish(events);
  await waitUntil(async () => (await completedCount(events.map((e) => e.eventId))) === events.length, 120_000, 100);
  await waitUntil(
    async () =>
      (await db.query(`select 1 from integration.process_wait_subscription where business_key = any($1) and status = 'CLOSED'`, [waits.map((w) => w.id)]))
        .rowCount === waits.length,
    120_000,
    100,
  );
  const closed = delta(proxy.snapshot(), beforeClose);
  const perWait = (calls: Record<string, number>) =>
    Object.fromEntries(Object.entries(calls).map(([route, n]) => [route, Number((n / SHADOW_WAITS).toFixed(3))] as const));
  // The instance start and the correlation are the raw baseline's own calls; the rest is the shadow's.
  const shadowOnly = (calls: Record<string, number>) => sum(calls, (r) => r !== 'POST /message') / SHADOW_WAITS;
  const result = {
    waits: SHADOW_WAITS,
    openPhase: perWait(opened),
    correlatePhase: perWait(closed),
    addedCallsPerWait: shadowOnly(opened) + shadowOnly(closed),
  };
  figures.shadow = result;
  out(`shadow      per wait, ${SHADOW_WAITS} waits (calls per wait; POST /message is the start or the correlation itself):`);
  out(`            opening: ${JSON.stringify(result.openPhase)}`);
  out(`            correlate and close: ${JSON.stringify(result.correlatePhase)}`);
  out(`            the shadow adds ${fmt(result.addedCallsPerWait, 2)} engine calls per wait (long polls that returned nothing included)`);
}

async function latency(): Promise<void> {
  const { bridged, raw, breakdown, foreign } = await latencies();
  const overhead = { p50: p(bridged, 0.5) - p(raw, 0.5), p99: p(bridged, 0.99) - p(raw, 0.99) };
  const parts = Object.fromEntries(Object.entries(breakdown).map(([k, v]) => [k, { p50: p(v, 0.5), p99: p(v, 0.99) }]));
  figures.latency = {
    samples: LATENCY_SAMPLES,
    appliedByAnotherBridge: foreign,
    raw: { p50: p(raw, 0.5), p99: p(raw, 0.99) },
    bridged: { p50: p(bridged, 0.5), p99: p(bridged, 0.99) },
    overhead,
    parts,
  };
  out(
    `latency     raw correlate p50 ${fmt(p(raw, 0.5))} ms p99 ${fmt(p(raw, 0.99))} ms   event -> correlated p50 ${fmt(p(bridged, 0.5))} ms p99 ${fmt(p(bridged, 0.99))} ms`,
  );
  out(`            overhead over raw: p50 ${fmt(overhead.p50)} ms (target <= 15) p99 ${fmt(overhead.p99)} ms (target <= 50)`);
  out(
    `            where it goes (p50 / p99 ms): ${Object.entries(parts)
      .map(([k, v]) => `${k} ${fmt(v.p50)} / ${fmt(v.p99)}`)
      .join(', ')}  (intake: publish -> inbox; project: inbox -> command; claim: command -> engine call; apply: engine call -> completed, ` +
      `of which engine: the correlate at the proxy)${foreign ? `; ${foreign} samples left out: another bridge on the database applied them` : ''}`,
  );
}

async function wakeup(): Promise<void> {
  for (const alone of [true, false]) {
    const wake = await wakeUps(alone);
    const q = (v: number[]) => ({ p50: p(v, 0.5), p99: p(v, 0.99) });
    (figures[alone ? 'wakeup' : 'wakeupBurst'] as unknown) = {
      samples: LATENCY_SAMPLES,
      appliedByAnotherBridge: wake.foreign,
      total: q(wake.total),
      toEngineCall: q(wake.toCall),
      apply: q(wake.apply),
      engine: q(wake.engine),
      openToConfirm: q(wake.openToConfirm),
    };
    printWakeUps(alone ? 'one wait opening at a time' : 'a burst, four waits opening at a time', wake);
  }
}

function printWakeUps(how: string, wake: WakeUps): void {
  out(
    `wake-up     ${how}: buffered -> applied after its wait opens p50 ${fmt(p(wake.total, 0.5))} ms p99 ${fmt(p(wake.total, 0.99))} ms (target p99 <= 150 ms)`,
  );
  out(
    `            open -> engine call p50 ${fmt(p(wake.toCall, 0.5))} / p99 ${fmt(p(wake.toCall, 0.99))} ms, engine call -> completed ${fmt(p(wake.apply, 0.5))} / ${fmt(p(wake.apply, 0.99))} ms ` +
      `(of which engine ${fmt(p(wake.engine, 0.5))} / ${fmt(p(wake.engine, 0.99))} ms at the proxy); ` +
      `(hook ran -> shadow confirmed OPEN ${fmt(p(wake.openToConfirm, 0.5))} / ${fmt(p(wake.openToConfirm, 0.99))} ms, before the clock starts)` +
      (wake.foreign ? `; ${wake.foreign} samples left out: another bridge on the database applied them` : ''),
  );
}

/** (2) What the bridge can carry: the engine replaced by a stub answering as the engine did. */
async function capacity(answers: Map<string, RecordedAnswer>): Promise<void> {
  const stub = await startEngineStubProcess(answers);
  const stubConfig: Config = {
    ...benchConfig,
    engine: { ...benchConfig.engine, restUrl: stub.url },
    bridge: { ...benchConfig.bridge, concurrency: CAPACITY_CONCURRENCY },
  };
  // The bridge's own pools (no pool handed in), so the connection count is the bridge's.
  const bridge = await launchBridge(stubConfig, newRegistry(), { log, mapping, parts: { reconciler: false } });
  const chunk = 10_000;
  const samples: { events: number; rssMb: number; seconds: number }[] = [];
  const stages: { intake: number; projector: number; commands: number }[] = [];
  let maxConnections = 0;
  // Each second: this process's connections to PostgreSQL, and the CPU their server backends have used (so the
  // figure is this bridge's database work, not other clients' of a shared server; includes the bench's polls).
  const pgPort = Number(new URL(config.databaseUrl).port || 5432);
  const backendCpu = new Map<number, { first: number; last: number }>();
  const sample = async () => {
    const ports = localPortsOfConnectionsTo(pgPort);
    maxConnections = Math.max(maxConnections, ports.length);
    const { rows } = await db.query<{ pid: number }>('select pid from pg_stat_activity where client_port = any($1::int[])', [ports]);
    for (const { pid } of rows) {
      try {
        const now = cpuSeconds(pid);
        const seen = backendCpu.get(pid);
        if (seen) seen.last = now;
        else backendCpu.set(pid, { first: now, last: now });
      } catch {
        // the backend ended meanwhile
      }
    }
  };
  await sample();
  const sampler = setInterval(() => void sample().catch(() => undefined), 1000); // reading /proc costs ~20 ms: once a second
  const postgresCpu = () => [...backendCpu.values()].reduce((sum, b) => sum + b.last - b.first, 0);
  // Where the CPU goes, per event: this process (the bridge, its Kafka producer and the bench's polls), its
  // PostgreSQL backends, the broker, the engine stub, and the idle engine JVM, which shares the cores.
  const kafkaPid = pidListeningOn(Number(config.kafka.brokers[0]!.split(':')[1] ?? 9092));
  const idleEnginePid = pidListeningOn(Number(new URL(config.engine.restUrl).port || 80));
  const cpuNow = () => ({
    bridge: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    postgres: postgresCpu(),
    kafka: kafkaPid ? cpuSeconds(kafkaPid) : Number.NaN,
    stub: cpuSeconds(stub.pid),
    engine: idleEnginePid ? cpuSeconds(idleEnginePid) : Number.NaN,
  });
  const cpuAtStart = cpuNow();
  const started = performance.now();
  try {
    for (let done = 0; done < STUB_EVENTS; done += chunk) {
      const n = Math.min(chunk, STUB_EVENTS - done);
      const batch = Array.from({ length: n }, () => envelope('bench.started.v1', { id: `stub-${randomUUID()}` }));
      const ids = batch.map((e) => e.eventId);
      await publish(batch);
      const ok = await waitUntil(async () => (await completedCount(ids)) === n, 600_000, 250);
      if (!ok) throw new Error(`only ${await completedCount(ids)} of ${n} stubbed starts completed`);
      global.gc?.();
      samples.push({ events: done + n, rssMb: process.memoryUsage().rss / 2 ** 20, seconds: (performance.now() - started) / 1000 });
      // Which stage set the pace: each stage's span over this chunk, from the first record received.
      const { rows } = await db.query<{ received: number; projected: number; completed: number }>(
        `select extract(epoch from max(i.received_at) - min(i.received_at)) as received, extract(epoch from max(i.processed_at) - min(i.received_at)) as projected,
                extract(epoch from max(c.completed_at) - min(i.received_at)) as completed
           from integration.consumer_inbox i join integration.process_correlation_command c on c.source_consumer_name = i.consumer_name and c.source_event_id = i.event_id
          where i.consumer_name = $2 and i.event_id = any($1)`,
        [ids, mapping.consumerName],
      );
      const span = rows[0]!;
      stages.push({ intake: n / Number(span.received), projector: n / Number(span.projected), commands: n / Number(span.completed) });
      out(
        `            ${done + n} events: ${fmt((done + n) / samples.at(-1)!.seconds, 0)} events/s so far, rss ${fmt(samples.at(-1)!.rssMb, 0)} MiB; ` +
          `this chunk's stages, events/s: intake ${fmt(stages.at(-1)!.intake, 0)}, projected ${fmt(stages.at(-1)!.projector, 0)}, applied ${fmt(stages.at(-1)!.commands, 0)}`,
      );
    }
  } finally {
    clearInterval(sampler);
  }
  await sample();
  const cpuAtEnd = cpuNow();
  const stubCalls = Object.fromEntries(await stub.counts());
  await bridge.shutdown();
  await stub.close();
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const steady = samples.length > 1 ? (last.events - first.events) / (last.seconds - first.seconds) : last.events / last.seconds;
  const result = {
    events: last.events,
    rate: last.events / last.seconds,
    steadyRate: steady,
    rssMbAt10k: first.rssMb,
    rssMbAtEnd: last.rssMb,
    rssGrowthPct: ((last.rssMb - first.rssMb) / first.rssMb) * 100,
    maxDbConnections: maxConnections,
    // The bridge's pool, its relaxed pool and its LISTEN connection, plus the bench's own pool of 20.
    dbConnectionBound:
      Math.min(config.db.poolMax, 2 * CAPACITY_CONCURRENCY + 6) + Math.min(Math.ceil(config.db.poolMax / 2), 2 * CAPACITY_CONCURRENCY + 2) + 1 + 20,
    concurrency: CAPACITY_CONCURRENCY,
    stubCalls,
    stagesPerChunk: stages,
    // CPU milliseconds per event by process, and the rate all of them together would allow on this machine's cores.
    cpuMsPerEvent: Object.fromEntries(
      Object.entries(cpuAtEnd).map(([k, v]) => [k, ((v - cpuAtStart[k as keyof typeof cpuAtStart]) * 1000) / samples.at(-1)!.events]),
    ),
    cores: availableParallelism(),
  };
  const cpuTotal = Object.values(result.cpuMsPerEvent).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  figures.capacity = result;
  out(
    `capacity    engine stubbed: ${fmt(result.rate, 0)} events/s over ${result.events} (after the first 10k: ${fmt(steady, 0)} /s; target >= 2000)   ` +
      `rss ${fmt(result.rssMbAt10k, 0)} MiB at 10k, ${fmt(result.rssMbAtEnd, 0)} MiB at ${result.events} (${fmt(result.rssGrowthPct, 1)}%, target within ±10%)   ` +
      `DB connections at most ${maxConnections} (the pools bound it to ${result.dbConnectionBound}, the bench's own pool of 20 included)`,
  );
  out(
    `            CPU ms per event: ${Object.entries(result.cpuMsPerEvent)
      .map(([k, v]) => `${k} ${fmt(v, 2)}`)
      .join(', ')}; together ${fmt(cpuTotal, 2)} ms, so ${result.cores} cores allow at most ${fmt((result.cores * 1000) / cpuTotal, 0)} events/s`,
  );
}

/**
 * The ledger's queue tables churn (every row is updated out of the partial indexes its claim reads), and
 * the project's CI PostgreSQL runs with autovacuum off: after a few runs each claim walked tens of
 * thousands of dead index entries (the projector's 0.02 ms claim took 25 ms). Vacuumed first, every run
 * starts from the same state; a server with autovacuum does this on its own.
 */
async function vacuumLedger(): Promise<void> {
  const started = performance.now();
  await db.query(
    `vacuum (analyze) integration.consumer_inbox, integration.process_correlation_command, integration.process_wait_subscription, integration.process_instance_registry`,
  );
  out(
    `vacuumed the ledger's tables in ${fmt((performance.now() - started) / 1000)} s (autovacuum: ${(await db.query<{ autovacuum: string }>('show autovacuum')).rows[0]!.autovacuum})`,
  );
}

async function main(): Promise<void> {
  await migrate(config.databaseUrl);
  await vacuumLedger();
  proxy = await startCountingProxy(config.engine.restUrl);
  const proxied: Config = { ...benchConfig, engine: { ...benchConfig.engine, restUrl: proxy.url } };
  engine = createEngineClient(proxied.engine);
  const enginePid = pidListeningOn(Number(new URL(config.engine.restUrl).port || 80));
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
  out(
    `bench: ${EVENTS} starts per side, ${SHADOW_WAITS} shadow waits, ${LATENCY_SAMPLES} latency samples, ${STUB_EVENTS} stubbed events, ${QUEUE_JOBS} queue jobs, concurrency ${CONCURRENCY}`,
  );

  let answers = new Map<string, RecordedAnswer>();
  if (ONLY.has('cost') || ONLY.has('shadow') || ONLY.has('latency') || ONLY.has('wakeup')) {
    const bridge: RunningBridge = await launchBridge(proxied, newRegistry(), { log, pool: db, mapping, parts: { reconciler: false } });
    const workers = launchWorkers(proxied, newRegistry(), { handlers: application.handlers, log, pool: db });
    try {
      if (ONLY.has('cost')) answers = await cost(enginePid);
      if (ONLY.has('shadow')) await shadowCost();
      if (ONLY.has('latency')) await latency();
      if (ONLY.has('wakeup')) await wakeup();
    } finally {
      await workers.shutdown();
      await bridge.shutdown();
    }
  }
  if (ONLY.has('capacity')) {
    // Run alone (BENCH_ONLY=capacity, e.g. outside the shared engine's lock), it records the engine's answer to one start.
    if (!answers.has('POST /message')) await rawStarts(1);
    await capacity(answers.size ? answers : new Map(proxy.answers));
  }
  if (ONLY.has('queue')) {
    const seam = await seamQueue(QUEUE_JOBS);
    const graphile = await graphileQueue(QUEUE_JOBS);
    figures.queue = { jobs: QUEUE_JOBS, seam, graphile, ratio: seam / graphile };
    out(`queue       seam claim+complete ${fmt(seam)} jobs/s   graphile-worker ${fmt(graphile)} jobs/s   ratio ${fmt(seam / graphile, 2)} (keep >= 1.4)`);
  }
  await producer.disconnect();
  await db.end();
  await proxy.close();
  out(JSON.stringify(figures));
}

await main();

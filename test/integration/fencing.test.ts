import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { config, engine, uniqueKey } from './support/engine.ts';
import { deployProjectModels, eventsAppliedTo, eventually, pool, waitForShadow } from './support/cases.ts';
import { closeProducer, commandForEvent, events, publish, testMapping, waitForCommand } from './support/bridge.ts';
import { startFaultyEngineProxy, type EngineFault, type FaultyEngineProxy, type RequestInfo } from './support/faulty-engine-proxy.ts';
import { launchBridge, type RunningBridge } from '../../bridge/run-bridge.ts';
import { launchWorkers, newRegistry, type RunningWorkers } from '../../workers/run-workers.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import type { Config } from '../../platform/config.ts';
import { regulatoryCase as application } from '../../apps/regulatory-case/index.ts';

// The slow-engine duplicate start (issue 9): a proxy holds each case's first start request past
// CAMUNDA_TIMEOUT_MS and then forwards it; the bridge must still leave exactly one live instance per case.
const log = createLogger('error', 'fencing-test');
const TIMEOUT_MS = 1_500;
const processKey = 'regulatory-case-lifecycle';
let workers: RunningWorkers;
const running: RunningBridge[] = [];
const proxies: FaultyEngineProxy[] = [];

/** The first POST /message of each business key gets `fault`; everything else is forwarded. */
function firstStartOfEachCase(fault: EngineFault): (r: RequestInfo) => EngineFault | undefined {
  const seen = new Set<string>();
  return (r) => {
    if (r.method !== 'POST' || !r.path.endsWith('/message') || !r.body.includes('MSG_CASE_ACCEPTED')) return undefined;
    const key = (JSON.parse(r.body) as { businessKey?: string }).businessKey ?? '';
    if (seen.has(key)) return undefined;
    seen.add(key);
    return fault;
  };
}

async function historicInstances(caseId: string) {
  const { data } = await engine.raw.POST('/history/process-instance', { body: { processDefinitionKey: processKey, processInstanceBusinessKey: caseId } });
  return data ?? [];
}

async function runCases(fault: EngineFault, cases: number, settleGraceMs: number): Promise<{ caseIds: string[]; proxy: FaultyEngineProxy }> {
  const proxy = await startFaultyEngineProxy(config.engine.restUrl, firstStartOfEachCase(fault));
  proxies.push(proxy);
  const cfg: Config = {
    ...config,
    engine: { ...config.engine, restUrl: proxy.url, timeoutMs: TIMEOUT_MS },
    bridge: { ...config.bridge, pollMs: 100, leaseMs: 15_000, settleGraceMs },
  };
  const mapping = await testMapping();
  running.push(await launchBridge(cfg, newRegistry(), { log, pool, mapping, parts: { reconciler: false } }));
  const caseIds = Array.from({ length: cases }, () => uniqueKey('fence'));
  const accepted = caseIds.map((id) => events.caseAccepted(id));
  for (const [i, e] of accepted.entries()) await publish(mapping.topics[0]!, [e], caseIds[i]);
  await eventually(
    'every start to end',
    async () =>
      (await Promise.all(accepted.map((e) => commandForEvent(e.eventId)))).every((c) => c && ['COMPLETED', 'IGNORED', 'QUARANTINED'].includes(c.status)),
    60_000,
  );
  return { caseIds, proxy };
}

describe('fencing: a start is applied at most once when the engine is slow or the reply is lost', () => {
  beforeAll(async () => {
    await deployProjectModels();
    workers = launchWorkers({ ...config, workers: { ...config.workers, longPollMs: 1000 } }, newRegistry(), { handlers: application.handlers, log, pool });
  });
  afterEach(async () => {
    for (const b of running.splice(0)) await b.shutdown();
    for (const p of proxies.splice(0)) await p.close();
  });
  afterAll(async () => {
    await workers?.shutdown();
    await closeProducer();
    await pool.end();
  });

  it('the first start held past the timeout, then forwarded: one instance per case (settled within the grace)', async () => {
    const { caseIds, proxy } = await runCases({ kind: 'hold-request', ms: TIMEOUT_MS + 1_000 }, 6, 4_000);
    await new Promise((r) => setTimeout(r, 1_500)); // every held request has landed by now
    expect(proxy.injected()['hold-request']).toBe(6);
    for (const caseId of caseIds) expect(await historicInstances(caseId)).toHaveLength(1);
  });

  it('held longer than the grace: the late instance is fenced off by the start guard before it does any work, and that is recorded', async () => {
    const { caseIds } = await runCases({ kind: 'hold-request', ms: TIMEOUT_MS + 3_000 }, 4, 500);
    await new Promise((r) => setTimeout(r, 3_500));
    let fencedTotal = 0;
    for (const caseId of caseIds) {
      await eventually(
        `one live instance of ${caseId}`,
        async () => (await engine.processInstances({ businessKey: caseId, processDefinitionKey: processKey })).length === 1,
        30_000,
      );
      const all = await historicInstances(caseId);
      const fenced = all.filter((i) => i.state === 'EXTERNALLY_TERMINATED');
      expect(all.length - fenced.length).toBe(1);
      fencedTotal += fenced.length;
      for (const f of fenced) {
        const { data } = await engine.raw.GET('/history/variable-instance', {
          params: { query: { processInstanceId: f.id!, variableName: 'seamFencedAsDuplicateOf' } },
        });
        expect(data?.[0]?.value).toBeTruthy();
        // Terminated before any work: no external task of it was ever completed.
        const { data: done } = await engine.raw.GET('/history/external-task-log', { params: { query: { processInstanceId: f.id!, successLog: true } } });
        expect(done ?? []).toEqual([]);
      }
    }
    expect(fencedTotal).toBeGreaterThan(0); // the late calls did land: the fence, not luck, kept one instance
  });

  it('the reply lost (held past the timeout, cut mid-body, reset after forwarding): one instance per case', async () => {
    for (const fault of [{ kind: 'hold-reply', ms: TIMEOUT_MS + 500 }, { kind: 'drop-mid-body' }, { kind: 'reset-after-forward' }] as EngineFault[]) {
      const { caseIds } = await runCases(fault, 3, 2_000);
      for (const caseId of caseIds) expect(await historicInstances(caseId), `${fault.kind} ${caseId}`).toHaveLength(1);
      for (const b of running.splice(0)) await b.shutdown();
    }
  });

  it('a correlation held past every grace lands after the loop waits again: it cannot reach the next wait (the wait-scoped token)', async () => {
    // Invalid evidence closes the first evidence wait and leads back to a second one. The first call for it
    // is held until that second wait is open; the bridge meanwhile settles it as not applied and sends again.
    let release = () => undefined as void;
    const released = new Promise<void>((r) => (release = r));
    let landed = (_: { status: number; body: string }) => undefined as void;
    const heldCallAnswered = new Promise<{ status: number; body: string }>((r) => (landed = r));
    let instanceId = '';
    let held = false;
    const proxy = await startFaultyEngineProxy(config.engine.restUrl, (r) => {
      if (held || !instanceId || r.method !== 'POST' || !r.path.endsWith('/message') || !r.body.includes('MSG_EVIDENCE_SUBMITTED')) return undefined;
      if ((JSON.parse(r.body) as { processInstanceId?: string }).processInstanceId !== instanceId) return undefined;
      held = true;
      return { kind: 'hold-until', release: released, landed: (status, body) => landed({ status, body }) };
    });
    proxies.push(proxy);
    const cfg: Config = {
      ...config,
      engine: { ...config.engine, restUrl: proxy.url, timeoutMs: TIMEOUT_MS },
      bridge: { ...config.bridge, pollMs: 100, leaseMs: 15_000, settleGraceMs: 500 },
    };
    const mapping = await testMapping();
    running.push(await launchBridge(cfg, newRegistry(), { log, pool, mapping, parts: { reconciler: false } }));
    const caseId = uniqueKey('held-correlation');
    const accepted = events.caseAccepted(caseId);
    await publish(mapping.topics[0]!, [accepted], caseId);
    instanceId = (await waitForCommand(accepted.eventId, 'COMPLETED')).camunda_process_instance_id!;
    await waitForShadow(instanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');

    const invalid = events.evidenceSubmitted(caseId, 'exe');
    await publish(mapping.topics[0]!, [invalid], caseId);
    const applied = await waitForCommand(invalid.eventId, 'COMPLETED');
    await waitForShadow(instanceId, 'MSG_EVIDENCE_SUBMITTED', 'CLOSED');
    const secondWait = await waitForShadow(instanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    release();
    const answer = await heldCallAnswered;

    expect({
      held,
      resolution: applied.resolution,
      timesApplied: (await eventsAppliedTo(instanceId)).filter((id) => id === invalid.eventId).length,
      heldCallLanded: answer.status === 200,
      secondWaitStillOpen: (await engine.eventSubscriptions({ processInstanceId: instanceId, eventName: 'MSG_EVIDENCE_SUBMITTED', eventType: 'message' }))
        .length,
      secondWaitInLedger: (
        await pool.query<{ status: string }>('select status from integration.process_wait_subscription where subscription_id = $1', [
          secondWait.subscription_id,
        ])
      ).rows[0]?.status,
    }).toEqual({ held: true, resolution: 'CORRELATED', timesApplied: 1, heldCallLanded: false, secondWaitStillOpen: 1, secondWaitInLedger: 'OPEN' });
  });
});

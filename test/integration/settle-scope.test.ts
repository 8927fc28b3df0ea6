import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { config, uniqueKey } from './support/engine.ts';
import { deployProjectModels, eventually, pool, shadows, waitForShadow } from './support/cases.ts';
import { closeProducer, commandForEvent, events, publish, testMapping, waitForCommand } from './support/bridge.ts';
import { launchBridge, type RunningBridge } from '../../bridge/run-bridge.ts';
import { launchWorkers, newRegistry, type RunningWorkers } from '../../workers/run-workers.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { reconcileOnce } from '../../bridge/reconcile/reconciler.ts';
import type { Config } from '../../platform/config.ts';
import type { MappingFile } from '../../bridge/mapping/mapping-schema.ts';
import { operatorTransition } from '../../ledger/operator-actions/operator-transition.ts';
import { startFaultyEngineProxy } from './support/faulty-engine-proxy.ts';
import { regulatoryCase as application } from '../../apps/regulatory-case/index.ts';

// Settling an unknown outcome must close only the wait the call targeted, not the next wait of a
// correction loop that opened after the call (issue 9).
const log = createLogger('error', 'settle-scope-test');
const base: Config = {
  ...config,
  bridge: { ...config.bridge, pollMs: 100, leaseMs: 1_000, settleGraceMs: 0 },
  workers: { ...config.workers, longPollMs: 1000 },
};
let workers: RunningWorkers;
const running: RunningBridge[] = [];

/**
 * A case waiting for evidence, and its evidence correlation abandoned right after the engine call (a
 * crash mid-call): the command stays PROCESSING with the call recorded, for a settlement to decide.
 */
async function evidenceAbandonedMidCall(prefix: string, mapping: MappingFile, engine: Config['engine']) {
  const abandoned = new Set<string>();
  const crashAfterEvidence = (c: { command_id: string; message_name: string }) =>
    c.message_name === 'MSG_EVIDENCE_SUBMITTED' && !abandoned.has(c.command_id) ? (abandoned.add(c.command_id), 'abandon' as const) : undefined;
  const bridge = await launchBridge({ ...base, engine }, newRegistry(), {
    log,
    pool,
    mapping,
    parts: { reconciler: false },
    faults: { afterEngineCall: crashAfterEvidence },
  });
  running.push(bridge);
  const caseId = uniqueKey(prefix);
  const accepted = events.caseAccepted(caseId);
  await publish(mapping.topics[0]!, [accepted], caseId);
  const instanceId = (await waitForCommand(accepted.eventId, 'COMPLETED')).camunda_process_instance_id!;
  await waitForShadow(instanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
  const evidence = events.evidenceSubmitted(caseId);
  await publish(mapping.topics[0]!, [evidence], caseId);
  await eventually('the correlation to be abandoned mid-call', async () => abandoned.size === 1);
  return { bridge, instanceId, evidence };
}

describe('settling an unknown outcome, and the start guard', () => {
  beforeAll(async () => {
    await deployProjectModels();
    workers = launchWorkers(base, newRegistry(), { handlers: application.handlers, log, pool });
  });
  afterEach(async () => {
    for (const b of running.splice(0)) await b.shutdown();
  });
  afterAll(async () => {
    await workers?.shutdown();
    await closeProducer();
    await pool.end();
  });

  it('closes only the wait the lost call targeted; the correction loop’s next wait stays open', async () => {
    const mapping = await testMapping();
    const abandoned = new Set<string>();
    const crashAfterEvidence = (c: { command_id: string; message_name: string }) =>
      c.message_name === 'MSG_EVIDENCE_SUBMITTED' && !abandoned.has(c.command_id) ? (abandoned.add(c.command_id), 'abandon' as const) : undefined;
    const bridge = await launchBridge(base, newRegistry(), {
      log,
      pool,
      mapping,
      parts: { reconciler: false },
      faults: { afterEngineCall: crashAfterEvidence },
    });
    running.push(bridge);
    const caseId = uniqueKey('loop');
    const accepted = events.caseAccepted(caseId);
    await publish(mapping.topics[0]!, [accepted], caseId);
    const instanceId = (await waitForCommand(accepted.eventId, 'COMPLETED')).camunda_process_instance_id!;
    await waitForShadow(instanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');

    // An invalid document: the engine applies it, the reply is "lost", the process asks for a correction and waits again.
    const invalid = events.evidenceSubmitted(caseId, 'exe');
    await publish(mapping.topics[0]!, [invalid], caseId);
    await eventually('the correlation to be abandoned mid-call', async () => abandoned.size === 1);
    await eventually(
      'the second evidence wait to open',
      async () =>
        (await shadows(instanceId))
          .filter((s) => s.message_name === 'MSG_EVIDENCE_SUBMITTED')
          .map((s) => s.status)
          .join() === 'CLOSED,OPEN',
    );
    await new Promise((r) => setTimeout(r, 1_200)); // the lease runs out
    await reconcileOnce(bridge.context);
    expect(await commandForEvent(invalid.eventId)).toMatchObject({ status: 'COMPLETED', resolution: 'CORRELATED_RECONCILED' });
    const waits = (await shadows(instanceId)).filter((s) => s.message_name === 'MSG_EVIDENCE_SUBMITTED');
    expect(waits.map((s) => s.status)).toEqual(['CLOSED', 'OPEN']);
  });

  it('a start quarantined by an operator after calling the engine does not block the case forever: the next start settles its guard', async () => {
    const mapping = await testMapping();
    const caseId = uniqueKey('guard');
    let failing = true;
    const proxy = await startFaultyEngineProxy(config.engine.restUrl, (r) =>
      failing && r.path.endsWith('/message') && r.body.includes(caseId) ? { kind: 'status', status: 500 } : undefined,
    );
    try {
      const cfg: Config = { ...base, engine: { ...base.engine, restUrl: proxy.url }, bridge: { ...base.bridge, leaseMs: 15_000 } };
      running.push(await launchBridge(cfg, newRegistry(), { log, pool, mapping, parts: { reconciler: false } }));
      const first = events.caseAccepted(caseId);
      await publish(mapping.topics[0]!, [first], caseId);
      const held = await waitForCommand(first.eventId, 'RETRY_PENDING');
      expect(held.engine_call_started_at).not.toBeNull();
      // Between two attempts (a claim may win the race once; try again).
      await eventually(
        'the operator to quarantine the start',
        async () => (await operatorTransition(pool, held.command_id, 'QUARANTINE', 'test', 'looks wrong')) !== undefined,
      );
      failing = false;
      const second = events.caseAccepted(caseId);
      await publish(mapping.topics[0]!, [second], caseId);
      const started = await waitForCommand(second.eventId, 'COMPLETED', 45_000);
      const { rows } = await pool.query(`select status, camunda_process_instance_id from integration.process_instance_registry where business_key = $1`, [
        caseId,
      ]);
      expect(rows).toEqual([{ status: 'STARTED', camunda_process_instance_id: started.camunda_process_instance_id }]);
    } finally {
      await proxy.close();
    }
  });

  it('a settlement the engine is too slow to answer is asked again without spending attempts, and settles once the engine answers', async () => {
    const mapping = await testMapping();
    let slow = true;
    const proxy = await startFaultyEngineProxy(config.engine.restUrl, (r) =>
      slow && r.path.includes('/history/') ? { kind: 'hold-request', ms: 1_500 } : undefined,
    );
    try {
      const { bridge, instanceId, evidence } = await evidenceAbandonedMidCall('slow-history', mapping, {
        ...base.engine,
        restUrl: proxy.url,
        timeoutMs: 1_000,
      });
      // No attempt left to spend: a settlement that spent one would end RETRIES_EXHAUSTED at once.
      await pool.query(`update integration.process_correlation_command set max_attempts = attempt_count where source_event_id = $1`, [evidence.eventId]);
      await new Promise((r) => setTimeout(r, 1_200)); // the lease runs out
      await reconcileOnce(bridge.context);
      const first = (await commandForEvent(evidence.eventId))!;
      expect(first).toMatchObject({ status: 'RETRY_PENDING', reason_code: 'OUTCOME_UNKNOWN' });
      // The worker asks again while the engine is still too slow: still unknown, still not quarantined.
      let waiting = first;
      await eventually('a second failed settlement', async () => {
        waiting = (await commandForEvent(evidence.eventId))!;
        if (waiting.status === 'QUARANTINED') throw new Error(`quarantined: ${waiting.reason_message}`);
        return waiting.status === 'RETRY_PENDING' && new Date(waiting.updated_at).getTime() > new Date(first.updated_at).getTime();
      });
      expect(waiting.attempt_count).toBe(first.attempt_count);
      expect(waiting.reason_message).toMatch(/^could not settle the previous engine call \(ENGINE_UNREACHABLE\): .*no answer within 1000 ms/);
      slow = false;
      const settled = await waitForCommand(evidence.eventId, 'COMPLETED');
      expect(settled).toMatchObject({ resolution: 'CORRELATED_RECONCILED', camunda_process_instance_id: instanceId });
    } finally {
      await proxy.close();
    }
  });

  it('a settlement that always fails (history forbidden) does not leave the command PROCESSING: it is retried visibly, spending attempts, and ends QUARANTINED where an operator can act', async () => {
    const mapping = await testMapping();
    const proxy = await startFaultyEngineProxy(config.engine.restUrl, (r) => (r.path.includes('/history/') ? { kind: 'status', status: 403 } : undefined));
    try {
      const { bridge, evidence } = await evidenceAbandonedMidCall('forbidden', mapping, { ...base.engine, restUrl: proxy.url });
      // Two attempts in all, so the test sees where attempts end without waiting out ten backoffs.
      await pool.query(`update integration.process_correlation_command set max_attempts = 2 where source_event_id = $1`, [evidence.eventId]);
      await new Promise((r) => setTimeout(r, 1_200)); // the lease runs out
      await reconcileOnce(bridge.context);
      const after = (await commandForEvent(evidence.eventId))!;
      // Visible and spending attempts (the reconciler's retry, or already a worker's next failed settlement).
      expect(['RETRY_PENDING', 'QUARANTINED']).toContain(after.status);
      // RETRY_PENDING names the failed settlement; QUARANTINED ("gave up after 2 attempts; last: …") its last cause.
      // Either way the outcome is still unknown (never a code that would skip the grace) and the cause is named.
      expect(after.reason_message).toMatch(
        after.status === 'QUARANTINED'
          ? /gave up after 2 attempts; last: OUTCOME_UNKNOWN: could not settle the previous engine call \(ENGINE_FORBIDDEN\): .*injected failure/
          : /^could not settle the previous engine call \(ENGINE_FORBIDDEN\): .*injected failure/,
      );
      if (after.status === 'RETRY_PENDING') expect(after.reason_code).toBe('OUTCOME_UNKNOWN');
      expect(after.attempt_count).toBeGreaterThanOrEqual(1);
      // The next failed settlement spends the last attempt: quarantined, where an operator can act on it.
      const gaveUp = await waitForCommand(evidence.eventId, 'QUARANTINED');
      expect(gaveUp).toMatchObject({ reason_code: 'RETRIES_EXHAUSTED', attempt_count: 2 });
      expect(gaveUp.reason_message).toMatch(/last: OUTCOME_UNKNOWN: could not settle the previous engine call \(ENGINE_FORBIDDEN\)/);
      expect(await operatorTransition(pool, gaveUp.command_id, 'IGNORE', 'test', 'the engine history cannot be read')).toBeDefined();
    } finally {
      await proxy.close();
    }
  });
});

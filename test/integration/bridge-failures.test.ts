import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { config, engine, uniqueKey } from './support/engine.ts';
import { deployProjectModels, eventsAppliedTo, eventually, pool, waitForShadow } from './support/cases.ts';
import { closeProducer, commandForEvent, events, publish, testMapping, waitForCommand } from './support/bridge.ts';
import { startFaultyEngineProxy } from './support/faulty-engine-proxy.ts';
import { launchBridge, type RunningBridge } from '../../bridge/run-bridge.ts';
import { launchWorkers, newRegistry, type RunningWorkers } from '../../workers/run-workers.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { reconcileOnce } from '../../bridge/reconcile/reconciler.ts';
import { claimDueCommands } from '../../ledger/commands/claim.ts';
import { completeCommand } from '../../ledger/commands/complete.ts';
import { takeOverExpiredLeases } from '../../ledger/commands/take-over-expired-leases.ts';
import { leaseOf, LeaseLostError } from '../../ledger/commands/command-row.ts';
import type { Config } from '../../platform/config.ts';
import { regulatoryCase as application } from '../../apps/regulatory-case/index.ts';

const log = createLogger('error', 'bridge-failure-test');
const base: Config = { ...config, bridge: { ...config.bridge, pollMs: 100, leaseMs: 15_000 }, workers: { ...config.workers, longPollMs: 1000 } };
let workers: RunningWorkers;
const running: RunningBridge[] = [];

async function bridgeWith(cfg: Config, mapping: Awaited<ReturnType<typeof testMapping>>, options: Parameters<typeof launchBridge>[2] = {}) {
  const b = await launchBridge(cfg, newRegistry(), { log, pool, mapping, parts: { reconciler: false }, ...options });
  running.push(b);
  return b;
}

/** Starts a case through the bridge and waits until it waits for evidence. */
async function caseWaitingForEvidence(topic: string): Promise<{ caseId: string; instanceId: string }> {
  const caseId = uniqueKey('case');
  const accepted = events.caseAccepted(caseId);
  await publish(topic, [accepted], caseId);
  const started = await waitForCommand(accepted.eventId, 'COMPLETED');
  await waitForShadow(started.camunda_process_instance_id!, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
  return { caseId, instanceId: started.camunda_process_instance_id! };
}

/** How many times the engine recorded this event on the instance (its variable history). */
const timesApplied = async (instanceId: string, eventId: string) => (await eventsAppliedTo(instanceId)).filter((id) => id === eventId).length;

describe('bridge failure scenarios', () => {
  beforeAll(async () => {
    await deployProjectModels();
    workers = launchWorkers(base, newRegistry(), { handlers: application.handlers, log, pool });
  });
  afterEach(async () => {
    // Command workers claim from the whole ledger, so no bridge may outlive its test.
    for (const b of running.splice(0)) await b.shutdown();
  });
  afterAll(async () => {
    await workers?.shutdown();
    await closeProducer();
    await pool.end();
  });

  it('6. no wait opens within the buffer window: quarantined NO_MATCHING_EXECUTION by the reconciler', async () => {
    const mapping = await testMapping((m) => {
      const evidence = m.mappings.find((x) => x.name === 'evidence-submitted')!;
      if (evidence.commandType === 'CORRELATE_MESSAGE') evidence.bufferFor = 'PT1S';
    });
    const bridge = await bridgeWith(base, mapping);
    const evidence = events.evidenceSubmitted(uniqueKey('never-started'));
    await publish(mapping.topics[0]!, [evidence]);
    await waitForCommand(evidence.eventId, 'BUFFERED');
    await new Promise((r) => setTimeout(r, 1200));
    const report = await reconcileOnce(bridge.context);
    expect(report.buffersExpired).toBeGreaterThanOrEqual(1);
    const command = await commandForEvent(evidence.eventId);
    expect(command).toMatchObject({ status: 'QUARANTINED', reason_code: 'NO_MATCHING_EXECUTION' });
  });

  it('8. engine failures (HTTP 500) are retried with backoff until the engine answers', async () => {
    const mapping = await testMapping();
    await bridgeWith(base, mapping); // a healthy bridge starts the case
    const { caseId, instanceId } = await caseWaitingForEvidence(mapping.topics[0]!);
    for (const b of running.splice(0)) await b.shutdown();

    const proxy = await startFaultyEngineProxy(config.engine.restUrl, 2);
    try {
      await bridgeWith({ ...base, engine: { ...base.engine, restUrl: proxy.url } }, mapping, { parts: { reconciler: false } });
      running.at(-1)!.context.settings.retryBaseMs = 100;
      const evidence = events.evidenceSubmitted(caseId);
      await publish(mapping.topics[0]!, [evidence], caseId);
      const command = await waitForCommand(evidence.eventId, 'COMPLETED');
      expect(proxy.failed()).toBe(2);
      expect(command).toMatchObject({ resolution: 'CORRELATED', camunda_process_instance_id: instanceId, attempt_count: 3 });
      expect(await timesApplied(instanceId, evidence.eventId)).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('9. a crash after the engine call and before completion is reconciled without a duplicate', async () => {
    const mapping = await testMapping();
    const abandoned = new Set<string>();
    // Every command's first engine call "crashes" right after the engine applied it.
    const crashOnce = (c: { command_id: string }) => (abandoned.has(c.command_id) ? undefined : (abandoned.add(c.command_id), 'abandon' as const));
    const bridge = await bridgeWith({ ...base, bridge: { ...base.bridge, leaseMs: 1_000 } }, mapping, { faults: { afterEngineCall: crashOnce } });

    const caseId = uniqueKey('case');
    const accepted = events.caseAccepted(caseId);
    await publish(mapping.topics[0]!, [accepted], caseId);
    await eventually('the start to be abandoned mid-call', async () => abandoned.size === 1);
    await new Promise((r) => setTimeout(r, 1200)); // its lease runs out
    await reconcileOnce(bridge.context);
    const start = (await commandForEvent(accepted.eventId))!;
    expect(start).toMatchObject({ status: 'COMPLETED', resolution: 'STARTED_RECONCILED' });
    expect(await engine.processInstances({ businessKey: caseId, processDefinitionKey: 'regulatory-case-lifecycle' })).toHaveLength(1);
    const { rows } = await pool.query(`select status, registered_by from integration.process_instance_registry where business_key = $1`, [caseId]);
    expect(rows).toEqual([{ status: 'STARTED', registered_by: 'RECONCILER' }]);

    const instanceId = start.camunda_process_instance_id!;
    await waitForShadow(instanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    const evidence = events.evidenceSubmitted(caseId);
    await publish(mapping.topics[0]!, [evidence], caseId);
    await eventually('the correlation to be abandoned mid-call', async () => abandoned.size === 2);
    await new Promise((r) => setTimeout(r, 1200));
    await reconcileOnce(bridge.context);
    const command = (await commandForEvent(evidence.eventId))!;
    expect(command).toMatchObject({ status: 'COMPLETED', resolution: 'CORRELATED_RECONCILED', camunda_process_instance_id: instanceId });
    expect(await timesApplied(instanceId, evidence.eventId)).toBe(1);
  });

  it('a worker whose lease was taken over cannot complete the command', async () => {
    const mapping = await testMapping();
    const caseId = uniqueKey('case');
    const accepted = events.caseAccepted(caseId);
    const bridge = await bridgeWith(base, mapping, { parts: { commands: false, reconciler: false } });
    await publish(mapping.topics[0]!, [accepted], caseId);
    await waitForCommand(accepted.eventId, 'PENDING');
    let mine = (await claimDueCommands(pool, 'slow-worker', 50, 1)).find((c) => c.source_event_id === accepted.eventId);
    for (let i = 0; !mine && i < 20; i++) mine = (await claimDueCommands(pool, 'slow-worker', 50, 1)).find((c) => c.source_event_id === accepted.eventId);
    expect(mine).toBeDefined();
    await new Promise((r) => setTimeout(r, 20));
    const taken = await takeOverExpiredLeases(pool, 'reconciler', 500, 10_000);
    expect(taken.map((c) => c.command_id)).toContain(mine!.command_id);
    await expect(completeCommand(pool, leaseOf(mine!), 'STARTED', null)).rejects.toBeInstanceOf(LeaseLostError);
    expect((await commandForEvent(accepted.eventId))?.status).toBe('PROCESSING');
    expect(bridge.readiness.map((r) => r.name)).toContain('kafka-consumer');
  });
});

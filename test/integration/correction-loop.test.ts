import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { config, engine, uniqueKey } from './support/engine.ts';
import { deployProjectModels, eventsAppliedTo, eventually, fireTimer, isEnded, pool, shadows, waitForShadow } from './support/cases.ts';
import { closeProducer, commandForEvent, events, publish, testMapping, waitForCommand } from './support/bridge.ts';
import { launchBridge, type RunningBridge } from '../../bridge/run-bridge.ts';
import { launchWorkers, newRegistry, type RunningWorkers } from '../../workers/run-workers.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { reconcileOnce } from '../../bridge/reconcile/reconciler.ts';
import type { Config } from '../../platform/config.ts';
import type { TaskHandler } from '../../workers/runtime/task-handler.ts';
import type { CommandRow } from '../../ledger/commands/command-row.ts';
import type { MappingFile } from '../../bridge/mapping/mapping-schema.ts';
import { regulatoryCase as application } from '../../apps/regulatory-case/index.ts';

// The correction loop of the regulatory case (issue 9): an invalid document ends the evidence wait, the
// process asks for a correction and waits for the same message again. An event that comes between the two
// waits belongs to the next one; one that comes after the process has left the loop for good is late.
const log = createLogger('error', 'correction-loop-test');
const base: Config = {
  ...config,
  bridge: { ...config.bridge, pollMs: 100 },
  workers: { ...config.workers, longPollMs: 1000 },
};

interface Signal {
  promise: Promise<void>;
  resolve(): void;
}
const signal = (): Signal => {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/** Holds a case task of one business key where the test wants the process to stand, until released. */
class TaskGate {
  private readonly holds = new Map<string, { reached: Signal; released: Signal }>();
  hold(businessKey: string): void {
    this.holds.set(businessKey, { reached: signal(), released: signal() });
  }
  /** Resolves once the held task has been fetched: the process stands on it. */
  reached(businessKey: string): Promise<void> {
    return this.holds.get(businessKey)!.reached.promise;
  }
  release(businessKey: string): void {
    this.holds.get(businessKey)?.released.resolve();
    this.holds.delete(businessKey);
  }
  releaseAll(): void {
    for (const key of [...this.holds.keys()]) this.release(key);
  }
  around(handler: TaskHandler): TaskHandler {
    return {
      ...handler,
      handle: async (task, deps) => {
        const held = task.businessKey ? this.holds.get(task.businessKey) : undefined;
        if (held) {
          held.reached.resolve();
          await held.released.promise;
        }
        return handler.handle(task, deps);
      },
    };
  }
}

const correction = new TaskGate();
const validation = new TaskGate();
const handlers = application.handlers.map((h) =>
  h.topic === 'case-request-correction' ? correction.around(h) : h.topic === 'case-validate-evidence' ? validation.around(h) : h,
);

let workers: RunningWorkers;
let mapping: MappingFile;
let bridge: RunningBridge;

const lateReviewsOf = async (caseId: string) =>
  engine.historicProcessInstances({ processDefinitionKey: 'late-evidence-review', processInstanceBusinessKey: caseId });
const evidenceWaits = async (instanceId: string) => (await shadows(instanceId)).filter((s) => s.message_name === 'MSG_EVIDENCE_SUBMITTED');
/** The command that closed each evidence wait of the instance, in the order the waits opened. */
const evidenceWaitsClosedBy = async (instanceId: string) =>
  (
    await pool.query<{ closed_by_command_id: string | null }>(
      `select closed_by_command_id from integration.process_wait_subscription
        where camunda_process_instance_id = $1 and message_name = 'MSG_EVIDENCE_SUBMITTED' order by opened_at, subscription_id`,
      [instanceId],
    )
  ).rows.map((r) => r.closed_by_command_id);
/** Waits until the command has left PENDING and PROCESSING: buffered, or an end state. */
const decided = async (eventId: string): Promise<CommandRow> => {
  let row: CommandRow | undefined;
  await eventually(`command of ${eventId} to be decided`, async () => {
    row = await commandForEvent(eventId);
    return !!row && !['PENDING', 'PROCESSING', 'RETRY_PENDING'].includes(row.status);
  });
  return row!;
};

async function caseWaitingForEvidence(caseId: string): Promise<string> {
  const accepted = events.caseAccepted(caseId);
  await publish(mapping.topics[0]!, [accepted], caseId);
  const instanceId = (await waitForCommand(accepted.eventId, 'COMPLETED')).camunda_process_instance_id!;
  await waitForShadow(instanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
  return instanceId;
}

/** Publishes evidence of this document type for the case; resolves with the event once it is published. */
async function submitEvidence(caseId: string, documentType: string) {
  const evidence = events.evidenceSubmitted(caseId, documentType);
  await publish(mapping.topics[0]!, [evidence], caseId);
  return evidence;
}

/** Evidence the case can no longer take starts one late review, at once and never buffered. */
async function expectLateAtOnce(caseId: string): Promise<void> {
  const late = await submitEvidence(caseId, 'pdf');
  const row = await waitForCommand(late.eventId, 'COMPLETED');
  expect(row).toMatchObject({ resolution: 'LATE_REVIEW_STARTED', first_buffered_at: null, reason_code: 'LATE_EVENT' });
  expect(await lateReviewsOf(caseId)).toHaveLength(1);
}

describe('the correction loop: an event between two waits of one message', () => {
  beforeAll(async () => {
    await deployProjectModels();
    workers = launchWorkers(base, newRegistry(), { handlers, log, pool });
    mapping = await testMapping();
    // No scheduled reconciler: the tests run its pass themselves, where they want it.
    bridge = await launchBridge(base, newRegistry(), { log, pool, mapping, parts: { reconciler: false } });
  });
  afterEach(() => {
    correction.releaseAll();
    validation.releaseAll();
  });
  afterAll(async () => {
    correction.releaseAll();
    validation.releaseAll();
    await bridge?.shutdown();
    await workers?.shutdown();
    await closeProducer();
    await pool.end();
  });

  it('evidence published after the first wait closed and before the next one opens is applied to the next wait, not sent to the late policy', async () => {
    const caseId = uniqueKey('loop');
    correction.hold(caseId);
    const instanceId = await caseWaitingForEvidence(caseId);
    await waitForCommand((await submitEvidence(caseId, 'exe')).eventId, 'COMPLETED');
    // The process stands on "Request corrected evidence": the first wait is closed, the next not opened yet.
    await correction.reached(caseId);
    expect((await evidenceWaits(instanceId)).map((s) => s.status)).toEqual(['CLOSED']);

    const corrected = await submitEvidence(caseId, 'pdf');
    await decided(corrected.eventId);
    correction.release(caseId);

    const applied = await waitForCommand(corrected.eventId, 'COMPLETED');
    const [, secondWaitClosedBy = null] = await evidenceWaitsClosedBy(instanceId);
    expect({
      resolution: applied.resolution,
      instance: applied.camunda_process_instance_id,
      secondWaitClosedBy,
      appliedToTheCase: (await eventsAppliedTo(instanceId)).includes(corrected.eventId),
      lateReviewsStarted: (await lateReviewsOf(caseId)).length,
    }).toEqual({ resolution: 'CORRELATED', instance: instanceId, secondWaitClosedBy: applied.command_id, appliedToTheCase: true, lateReviewsStarted: 0 });
    // The engine took it in the second round: the case goes on to its assessment.
    await waitForShadow(instanceId, 'MSG_ASSESSMENT_COMPLETED', 'OPEN');
  });

  it('evidence after the case has left the evidence loop for good goes to the late policy at once, never buffered', async () => {
    const caseId = uniqueKey('moved-on');
    const instanceId = await caseWaitingForEvidence(caseId);
    await submitEvidence(caseId, 'pdf');
    await waitForShadow(instanceId, 'MSG_ASSESSMENT_COMPLETED', 'OPEN');
    await expectLateAtOnce(caseId);
  });

  it('evidence after the case ended goes to the late policy at once, never buffered', async () => {
    const caseId = uniqueKey('ended');
    const instanceId = await caseWaitingForEvidence(caseId);
    await fireTimer(instanceId, 'EvidenceDeadline');
    await eventually('the case to close for missing evidence', () => isEnded(instanceId));
    await expectLateAtOnce(caseId);
  });

  it('evidence that came while the document was being validated goes to the late policy once the case leaves the loop, not at the end of the buffer window', async () => {
    const caseId = uniqueKey('validating');
    validation.hold(caseId);
    const instanceId = await caseWaitingForEvidence(caseId);
    await waitForCommand((await submitEvidence(caseId, 'pdf')).eventId, 'COMPLETED');
    // Validation may still reject the document and ask again: whether the second one is late is not known yet.
    await validation.reached(caseId);
    const second = await submitEvidence(caseId, 'pdf');
    expect((await decided(second.eventId)).status).toBe('BUFFERED');
    validation.release(caseId);
    await waitForShadow(instanceId, 'MSG_ASSESSMENT_COMPLETED', 'OPEN');

    await reconcileOnce(bridge.context);
    const row = await waitForCommand(second.eventId, 'COMPLETED');
    expect(row).toMatchObject({ resolution: 'LATE_REVIEW_STARTED', reason_code: 'LATE_EVENT' });
    // Decided by the case leaving the loop, well inside the mapping's one-hour buffer window.
    expect(new Date(row.completed_at!).getTime()).toBeLessThan(new Date(row.buffer_until!).getTime());
    expect(await lateReviewsOf(caseId)).toHaveLength(1);
  });
});

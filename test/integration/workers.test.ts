import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, engine } from './support/engine.ts';
import {
  caseActions,
  correlate,
  deployProjectModels,
  eventually,
  expectShadowMatchesEngine,
  fireTimer,
  isEnded,
  pool,
  shadows,
  startCase,
  waitForShadow,
} from './support/cases.ts';
import { launchWorkers, newRegistry, type RunningWorkers } from '../../workers/run-workers.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { isNoMatch } from '../../platform/engine/engine-error.ts';
import { regulatoryCase as application } from '../../apps/regulatory-case/index.ts';

const registry = newRegistry();
let workers: RunningWorkers;

describe('case lifecycle driven by the workers on the real engine', () => {
  beforeAll(async () => {
    await deployProjectModels();
    workers = launchWorkers({ ...config, workers: { ...config.workers, longPollMs: 1000, lockMs: 10_000 } }, registry, {
      handlers: application.handlers,
      log: createLogger('warn', 'workers-test'),
      pool,
    });
  });
  afterAll(async () => {
    await workers?.shutdown();
    await pool.end();
  });

  it('message before the deadline: shadow opens, the evidence closes it, assessment completes the case', async () => {
    const { caseId, processInstanceId } = await startCase();
    const evidenceWait = await waitForShadow(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    expect(evidenceWait).toMatchObject({
      process_key: 'regulatory-case-lifecycle',
      business_key: caseId,
      correlation_key_name: 'caseId',
      correlation_key_value: caseId,
      wait_activity_id: 'WaitForEvidence',
    });
    // The deadline comes from the evidenceDeadline variable (P10D by default).
    const days = (evidenceWait.deadline_at!.getTime() - evidenceWait.opened_at.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(9.9);
    expect(days).toBeLessThan(10.1);
    await expectShadowMatchesEngine(processInstanceId);

    await correlate(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', { evidenceId: 'ev-1', documentType: 'pdf' });
    await waitForShadow(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', 'CLOSED');
    await waitForShadow(processInstanceId, 'MSG_ASSESSMENT_COMPLETED', 'OPEN');
    await expectShadowMatchesEngine(processInstanceId);

    await correlate(processInstanceId, 'MSG_ASSESSMENT_COMPLETED', { assessmentId: 'as-1', assessmentOutcome: 'APPROVED' });
    await eventually('case to end', () => isEnded(processInstanceId));
    expect(await caseActions(caseId)).toEqual(['EVIDENCE_REQUESTED', 'EVIDENCE_VALIDATED', 'ASSESSMENT_REQUESTED', 'DECISION_RECORDED']);
    const final = await shadows(processInstanceId);
    expect(final.map((s) => [s.message_name, s.status, s.close_reason])).toEqual([
      ['MSG_APPEAL_FILED', 'EXPIRED', 'WAIT_CANCELLED'],
      ['MSG_EVIDENCE_SUBMITTED', 'CLOSED', 'MESSAGE_RECEIVED'],
      ['MSG_ASSESSMENT_COMPLETED', 'CLOSED', 'MESSAGE_RECEIVED'],
    ]);
  });

  it('deadline before the message: the timer expires the shadow, the case closes, late evidence is recorded and reviewed', async () => {
    const { caseId, processInstanceId } = await startCase();
    await waitForShadow(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    await fireTimer(processInstanceId, 'EvidenceDeadline');
    const expired = await waitForShadow(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', 'EXPIRED');
    expect(expired.close_reason).toBe('WAIT_CANCELLED');
    await eventually('case to close', () => isEnded(processInstanceId));
    expect(await caseActions(caseId)).toEqual(['EVIDENCE_REQUESTED', 'CLOSED_MISSING_EVIDENCE']);

    // The evidence arrives now: the engine no longer waits, and the shadow says why (EXPIRED → late policy).
    await expect(correlate(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', { evidenceId: 'ev-late' })).rejects.toSatisfy(isNoMatch);
    const lateEventId = `evt-late-${caseId}`;
    const [review] = await engine.correlate({
      messageName: 'MSG_LATE_EVIDENCE_RECEIVED',
      businessKey: caseId,
      processVariables: { seamSourceEventId: { value: lateEventId, type: 'String' }, evidenceId: { value: 'ev-late', type: 'String' } },
    });
    const reviewId = review!.processInstance!.id!;
    await eventually('late evidence to reach a reviewer', async () => {
      const { data } = await engine.raw.GET('/task', { params: { query: { processInstanceId: reviewId } } });
      return (data ?? []).some((t) => t.taskDefinitionKey === 'ReviewLateEvidence');
    });
    const { rows } = await pool.query(`select wait_status, disposition, message_name from integration.late_event where business_key = $1`, [caseId]);
    expect(rows).toEqual([{ wait_status: 'EXPIRED', disposition: 'REVIEW', message_name: 'MSG_EVIDENCE_SUBMITTED' }]);
  });

  it('a duplicate message after the wait closed finds no wait and changes nothing', async () => {
    const { caseId, processInstanceId } = await startCase();
    await waitForShadow(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    await correlate(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', { evidenceId: 'ev-1', documentType: 'pdf' });
    await waitForShadow(processInstanceId, 'MSG_ASSESSMENT_COMPLETED', 'OPEN');
    await expect(correlate(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', { evidenceId: 'ev-1', documentType: 'pdf' })).rejects.toSatisfy(isNoMatch);
    await expectShadowMatchesEngine(processInstanceId);
    expect((await caseActions(caseId)).filter((a) => a === 'EVIDENCE_VALIDATED')).toHaveLength(1);
  });

  it('business error path: an invalid document asks for a correction and reopens the evidence wait', async () => {
    const { caseId, processInstanceId } = await startCase();
    await waitForShadow(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    await correlate(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', { evidenceId: 'ev-bad', documentType: 'exe' });
    await waitForShadow(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN', 1);
    await eventually(
      'a second evidence wait',
      async () => (await shadows(processInstanceId)).filter((s) => s.message_name === 'MSG_EVIDENCE_SUBMITTED').length === 2,
    );
    await expectShadowMatchesEngine(processInstanceId);
    expect(await caseActions(caseId)).toEqual(['EVIDENCE_REQUESTED', 'EVIDENCE_REJECTED', 'CORRECTION_REQUESTED']);

    await correlate(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', { evidenceId: 'ev-good', documentType: 'pdf' });
    await waitForShadow(processInstanceId, 'MSG_ASSESSMENT_COMPLETED', 'OPEN');
    const evidenceWaits = (await shadows(processInstanceId)).filter((s) => s.message_name === 'MSG_EVIDENCE_SUBMITTED');
    expect(evidenceWaits.map((s) => s.status)).toEqual(['CLOSED', 'CLOSED']);
  });

  it('escalation path: delay risk notifies the supervisor once while the review still waits', async () => {
    const { caseId, processInstanceId } = await startCase();
    await waitForShadow(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    await correlate(processInstanceId, 'MSG_EVIDENCE_SUBMITTED', { evidenceId: 'ev-1', documentType: 'pdf' });
    await waitForShadow(processInstanceId, 'MSG_ASSESSMENT_COMPLETED', 'OPEN');
    await fireTimer(processInstanceId, 'ReviewDelayRisk');
    await eventually('supervisor notified', async () => (await caseActions(caseId)).includes('SUPERVISOR_NOTIFIED'));
    await expectShadowMatchesEngine(processInstanceId);
    expect((await shadows(processInstanceId)).find((s) => s.message_name === 'MSG_ASSESSMENT_COMPLETED')?.status).toBe('OPEN');
    expect((await caseActions(caseId)).filter((a) => a === 'SUPERVISOR_NOTIFIED')).toHaveLength(1);
  });

  it('exposes handler counts and durations as Prometheus metrics', async () => {
    const text = await registry.metrics();
    expect(text).toMatch(/seam_worker_tasks_total\{topic="seam-shadow-open",outcome="completed"\} [1-9]/);
    expect(text).toMatch(/seam_worker_tasks_total\{topic="case-validate-evidence",outcome="bpmn_error"\} [1-9]/);
    expect(text).toMatch(/seam_worker_task_duration_seconds_count\{topic="case-request-evidence"\} [1-9]/);
  });
});

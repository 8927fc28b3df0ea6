import type { Task } from 'camunda-external-task-client-js';
import { complete } from '../../../workers/runtime/task-handler.ts';
import { caseTask, pick } from './case-task.ts';

/** Evidence wait length when the case does not bring its own (the contract's EvidenceDeadline, P10D). */
export const DEFAULT_EVIDENCE_DEADLINE = 'P10D';

/** Document types the assessment accepts; anything else is the modeled business error INVALID_DOCUMENT. */
const ACCEPTED_DOCUMENT_TYPES = new Set(['pdf', 'png', 'jpeg', 'docx']);

export const requestEvidence = caseTask({
  topic: 'case-request-evidence',
  action: 'EVIDENCE_REQUESTED',
  variables: ['evidenceDeadline', 'jurisdiction'],
  details: pick('jurisdiction', 'evidenceDeadline'),
  // The deadline timer and the shadow both read evidenceDeadline, so they agree.
  outcome: (task) => complete({ evidenceDeadline: (task.variables.get('evidenceDeadline') as string | null) ?? DEFAULT_EVIDENCE_DEADLINE }),
});

export const sendEvidenceReminder = caseTask({ topic: 'case-send-reminder', action: 'REMINDER_SENT' });

const documentAccepted = (task: Task): boolean => ACCEPTED_DOCUMENT_TYPES.has(String(task.variables.get('documentType') ?? '').toLowerCase());

export const validateEvidence = caseTask({
  topic: 'case-validate-evidence',
  action: (task) => (documentAccepted(task) ? 'EVIDENCE_VALIDATED' : 'EVIDENCE_REJECTED'),
  variables: ['evidenceId', 'documentType'],
  declaredErrors: ['INVALID_DOCUMENT'],
  details: pick('evidenceId', 'documentType'),
  outcome: (task) =>
    documentAccepted(task)
      ? complete()
      : {
          kind: 'bpmnError',
          errorCode: 'INVALID_DOCUMENT',
          message: `document type "${String(task.variables.get('documentType') ?? '(none)')}" is not accepted`,
          variables: { rejectedEvidenceId: (task.variables.get('evidenceId') as string | undefined) ?? null },
        },
});

export const requestCorrection = caseTask({
  topic: 'case-request-correction',
  action: 'CORRECTION_REQUESTED',
  variables: ['rejectedEvidenceId'],
  details: pick('rejectedEvidenceId'),
});

export const requestAssessment = caseTask({
  topic: 'case-request-assessment',
  action: 'ASSESSMENT_REQUESTED',
  variables: ['evidenceId'],
  details: pick('evidenceId'),
});

/** The supervisor hears of a delay risk once per escalation, however often the task is delivered. */
export const notifySupervisor = caseTask({
  topic: 'case-notify-supervisor',
  action: 'SUPERVISOR_NOTIFIED',
  idempotencyKey: (task, businessKey) => `${businessKey}:REVIEW_DELAY_RISK:${task.activityInstanceId}`,
  details: () => ({ escalationCode: 'REVIEW_DELAY_RISK', group: 'review-supervisors' }),
});

export const recordDecision = caseTask({
  topic: 'case-record-decision',
  action: 'DECISION_RECORDED',
  variables: ['assessmentOutcome', 'assessmentId'],
  details: pick('assessmentOutcome', 'assessmentId'),
});

export const closeForMissingEvidence = caseTask({ topic: 'case-close-missing-evidence', action: 'CLOSED_MISSING_EVIDENCE' });

export const registerAppeal = caseTask({ topic: 'case-register-appeal', action: 'APPEAL_REGISTERED', variables: ['appealId'], details: pick('appealId') });

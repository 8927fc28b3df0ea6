import type { Queryable } from '../../../platform/db/pool.ts';

/** The application's own table (casework.case_action, migrations/Migration20261201010000_casework.ts); Seam's ledger never reads it. */
export type CaseActionType =
  | 'EVIDENCE_REQUESTED'
  | 'REMINDER_SENT'
  | 'EVIDENCE_VALIDATED'
  | 'EVIDENCE_REJECTED'
  | 'CORRECTION_REQUESTED'
  | 'ASSESSMENT_REQUESTED'
  | 'SUPERVISOR_NOTIFIED'
  | 'DECISION_RECORDED'
  | 'CLOSED_MISSING_EVIDENCE'
  | 'APPEAL_REGISTERED';

export interface CaseAction {
  businessKey: string;
  type: CaseActionType;
  processInstanceId: string;
  idempotencyKey: string;
  details?: Record<string, string | number | boolean | null>;
}

/** → recorded, once per idempotency key (a task redelivered after its lock expired finds its row); false when it already was. */
export async function recordCaseAction(db: Queryable, action: CaseAction): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into casework.case_action (business_key, action_type, process_instance_id, idempotency_key, details)
     values ($1, $2, $3, $4, $5)
     on conflict (idempotency_key) do nothing`,
    [action.businessKey, action.type, action.processInstanceId, action.idempotencyKey, JSON.stringify(action.details ?? {})],
  );
  return rowCount === 1;
}

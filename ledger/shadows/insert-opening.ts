import type { Queryable } from '../../platform/db/pool.ts';
import type { ShadowCloseReason, ShadowStatus } from '../states.ts';
import { TABLES } from '../schema.ts';

export interface ShadowRow {
  subscription_id: string;
  process_key: string;
  business_key: string;
  message_name: string;
  correlation_key_name: string | null;
  correlation_key_value: string | null;
  tenant_id: string | null;
  camunda_process_instance_id: string;
  camunda_execution_id: string | null;
  hook_activity_id: string;
  wait_activity_id: string | null;
  opened_by_task_id: string;
  /** The process variable holding this wait's token (its subscription id); null: a wait opened without one. */
  wait_token_variable: string | null;
  status: ShadowStatus;
  deadline_at: Date | null;
  opened_at: Date;
  confirmed_at: Date | null;
  closed_at: Date | null;
  close_reason: ShadowCloseReason | null;
}

export interface OpeningShadow {
  processKey: string;
  processDefinitionId: string;
  businessKey: string;
  messageName: string;
  correlationKeyName: string | null;
  correlationKeyValue: string | null;
  tenantId: string | null;
  processInstanceId: string;
  hookActivityId: string;
  openedByTaskId: string;
  deadlineAt: Date | null;
  waitTokenVariable: string | null;
}

/**
 * → OPENING. The hook task is about to be completed, after which the engine waits. Keyed by the hook
 * task, so a redelivered task (its lock expired before it completed) finds its own row again, and with
 * it the same subscription id: the token the completion writes does not change between deliveries.
 */
export async function insertOpeningShadow(tx: Queryable, s: OpeningShadow): Promise<ShadowRow> {
  const { rows } = await tx.query<ShadowRow>(
    `insert into ${TABLES.shadows}
       (process_key, process_definition_id, business_key, message_name, correlation_key_name, correlation_key_value,
        tenant_id, camunda_process_instance_id, hook_activity_id, opened_by_task_id, deadline_at, wait_token_variable, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'OPENING')
     on conflict (opened_by_task_id) do update set updated_at = now()
     returning *`,
    [
      s.processKey,
      s.processDefinitionId,
      s.businessKey,
      s.messageName,
      s.correlationKeyName,
      s.correlationKeyValue,
      s.tenantId,
      s.processInstanceId,
      s.hookActivityId,
      s.openedByTaskId,
      s.deadlineAt,
      s.waitTokenVariable,
    ],
  );
  return rows[0]!;
}

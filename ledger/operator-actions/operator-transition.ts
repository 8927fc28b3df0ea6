import type { Queryable } from '../../platform/db/pool.ts';
import { OPERATOR_ALLOWED_FROM, type CommandStatus, type OperatorAction } from '../states.ts';
import { TABLES } from '../schema.ts';

export interface OperatorResult {
  from_status: CommandStatus;
  to_status: CommandStatus;
  action_id: number;
}

/**
 * An operator moves a command, and the move is recorded (who, when, why, from and to) in the same
 * statement, so there is no action without its record. REQUEUE gives the command fresh attempts;
 * a start that is requeued can claim the case's start guard again because quarantine released it.
 * Returns undefined when the command does not exist or is not in a state the action may start from.
 */
export async function operatorTransition(
  db: Queryable,
  commandId: string,
  action: OperatorAction,
  actor: string,
  reason: string,
): Promise<OperatorResult | undefined> {
  const { rows } = await db.query<OperatorResult>(
    `with previous as (
       select command_id, status from ${TABLES.commands} where command_id = $1 and status = any($2::text[]) for update),
     moved as (
       update ${TABLES.commands} c
          set status = case $3 when 'REQUEUE' then 'PENDING' when 'IGNORE' then 'IGNORED' else 'QUARANTINED' end,
              next_attempt_at = case when $3 = 'REQUEUE' then now() else c.next_attempt_at end,
              attempt_count = case when $3 = 'REQUEUE' then 0 else c.attempt_count end,
              no_match_count = case when $3 = 'REQUEUE' then 0 else c.no_match_count end,
              -- a requeued buffered event gets a fresh buffer window from now
              buffer_until = case when $3 = 'REQUEUE' and c.buffer_until is not null then now() + (c.buffer_until - c.created_at) else c.buffer_until end,
              reason_code = case $3 when 'REQUEUE' then 'OPERATOR_REQUEUED' when 'IGNORE' then 'OPERATOR_IGNORED' else 'OPERATOR_QUARANTINED' end,
              reason_message = $5,
              quarantined_at = case when $3 = 'QUARANTINE' then now() when $3 = 'REQUEUE' then null else c.quarantined_at end,
              updated_at = now()
         from previous
        where c.command_id = previous.command_id
       returning c.command_id, c.status)
     insert into ${TABLES.operatorActions} (command_id, action, actor, reason, from_status, to_status)
     select moved.command_id, $3, $4, $5, previous.status, moved.status from moved join previous using (command_id)
     returning action_id, from_status, to_status`,
    [commandId, OPERATOR_ALLOWED_FROM[action], action, actor, reason],
  );
  return rows[0];
}

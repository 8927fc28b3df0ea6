import type { Queryable } from '../../platform/db/pool.ts';
import { expectLease, type Lease } from './command-row.ts';
import { CLEAR_LEASE, TABLES } from '../schema.ts';

/**
 * After the engine took the message, in one statement: the command PROCESSING → COMPLETED (CORRELATED),
 * only by the lease holder, and its wait OPEN → CLOSED by this command. The ledger never shows a completed
 * correlation beside a wait that still looks open.
 */
export async function completeCorrelation(db: Queryable, lease: Lease, subscriptionId: string, instanceId: string): Promise<void> {
  const { rows } = await db.query<{ completed: boolean }>(
    `with completed as (
       update ${TABLES.commands}
          set status = 'COMPLETED', resolution = 'CORRELATED', camunda_process_instance_id = $4, completed_at = now(), updated_at = now(),
              reason_code = null, reason_message = null,
              applied_by = locked_by, ${CLEAR_LEASE}
        where command_id = $1 and lease_token = $2 and status = 'PROCESSING'
       returning command_id),
     closed as (
       update ${TABLES.shadows}
          set status = 'CLOSED', closed_at = now(), close_reason = 'CORRELATED', closed_by_command_id = $1, updated_at = now()
        where subscription_id = $3 and status = 'OPEN' and exists (select 1 from completed)
       returning 1)
     select exists (select 1 from completed) as completed`,
    [lease.commandId, lease.token, subscriptionId, instanceId],
  );
  expectLease(rows[0]!.completed ? 1 : 0, lease, 'completion');
}

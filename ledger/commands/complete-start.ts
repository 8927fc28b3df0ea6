import type { Queryable } from '../../platform/db/pool.ts';
import { expectLease, type Lease } from './command-row.ts';
import type { CaseKey } from '../case-key.ts';
import { CLEAR_LEASE, TABLES } from '../schema.ts';

/**
 * After the engine started the instance, in one statement: the registry row STARTING → STARTED with the
 * instance id, and the command PROCESSING → COMPLETED (STARTED), only by the lease holder.
 */
export async function completeStart(db: Queryable, lease: Lease, g: CaseKey & { instanceId: string; definitionId: string | null }): Promise<void> {
  const { rows } = await db.query<{ completed: boolean }>(
    `with completed as (
       update ${TABLES.commands}
          set status = 'COMPLETED', resolution = 'STARTED', camunda_process_instance_id = $5, completed_at = now(), updated_at = now(),
              reason_code = null, reason_message = null,
              applied_by = locked_by, ${CLEAR_LEASE}
        where command_id = $1 and lease_token = $2 and status = 'PROCESSING'
       returning command_id),
     registered as (
       update ${TABLES.registry}
          set status = 'STARTED', camunda_process_instance_id = $5, process_definition_id = $6, started_at = now(), registered_by = 'WORKER'
        where process_key = $3 and business_key = $4 and tenant_key = coalesce($7::text, '') and start_command_id = $1 and status = 'STARTING'
          and exists (select 1 from completed)
       returning 1)
     select exists (select 1 from completed) as completed`,
    [lease.commandId, lease.token, g.processKey, g.businessKey, g.instanceId, g.definitionId, g.tenantId],
  );
  expectLease(rows[0]!.completed ? 1 : 0, lease, 'completion');
}

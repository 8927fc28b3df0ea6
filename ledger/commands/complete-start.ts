import type { Queryable } from '../../platform/db/pool.ts';
import { LeaseLostError, type Lease } from './command-row.ts';
import type { CaseKey } from '../case-key.ts';
import { CLEAR_LEASE, TABLES } from '../schema.ts';
import { unnestColumns } from '../unnest-columns.ts';

export interface StartCompletion extends CaseKey {
  lease: Lease;
  instanceId: string;
  definitionId: string | null;
}

/**
 * After the engine started the instances, in one statement for many starts: each registry row STARTING →
 * STARTED with its instance id, and each command PROCESSING → COMPLETED (STARTED), only by the lease
 * holder. Per completion: nothing, or the LeaseLostError of a lost lease.
 */
export async function completeStarts(db: Queryable, completions: StartCompletion[]): Promise<(null | LeaseLostError)[]> {
  const { rows } = await db.query<{ command_id: string }>(
    `with input as (
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         as i(command_id, lease_token, process_key, business_key, tenant_id, instance_id, definition_id)),
     completed as (
       update ${TABLES.commands} c
          set status = 'COMPLETED', resolution = 'STARTED', camunda_process_instance_id = i.instance_id, completed_at = now(), updated_at = now(),
              reason_code = null, reason_message = null,
              applied_by = c.locked_by, ${CLEAR_LEASE}
         from input i
        where c.command_id = i.command_id and c.lease_token = i.lease_token and c.status = 'PROCESSING'
       returning c.command_id),
     registered as (
       update ${TABLES.registry} r
          set status = 'STARTED', camunda_process_instance_id = i.instance_id, process_definition_id = i.definition_id, started_at = now(), registered_by = 'WORKER'
         from input i
        where r.process_key = i.process_key and r.business_key = i.business_key and r.tenant_key = coalesce(i.tenant_id, '') and r.start_command_id = i.command_id and r.status = 'STARTING'
          and i.command_id in (select command_id from completed)
       returning 1)
     select command_id::text from completed`,
    unnestColumns(
      completions,
      (c) => c.lease.commandId,
      (c) => c.lease.token,
      (c) => c.processKey,
      (c) => c.businessKey,
      (c) => c.tenantId,
      (c) => c.instanceId,
      (c) => c.definitionId,
    ),
  );
  const completed = new Set(rows.map((r) => r.command_id));
  return completions.map((c) => (completed.has(c.lease.commandId) ? null : new LeaseLostError(c.lease.commandId, 'completion')));
}

import type { Queryable } from '../../platform/db/pool.ts';
import { expectLease, type Lease } from '../commands/command-row.ts';
import type { CaseKey } from '../case-key.ts';
import { TABLES } from '../schema.ts';

/**
 * START_PROCESS, before the engine call, in one statement and one durable commit: claim the case's start
 * guard (→ STARTING) and record on the command that the engine is about to be called. After a crash these
 * two facts tell the reconciler to look for the instance rather than start another. Returns false when
 * another command already holds the guard (nothing is marked then). One guard per case and tenant.
 */
export async function guardStartAndMarkCall(db: Queryable, lease: Lease, g: CaseKey & { sourceEventId: string }): Promise<boolean> {
  const { rows } = await db.query<{ guarded: boolean; marked: boolean }>(
    `with guarded as (
       insert into ${TABLES.registry} (process_key, business_key, tenant_id, status, start_command_id, start_source_event_id)
       values ($3, $4, $5, 'STARTING', $1, $6)
       on conflict (process_key, business_key, tenant_key) do update set start_command_id = excluded.start_command_id
         where process_instance_registry.status = 'STARTING' and process_instance_registry.start_command_id = excluded.start_command_id
       returning 1),
     marked as (
       update ${TABLES.commands}
          set engine_call_started_at = now(), updated_at = now()
        where command_id = $1 and lease_token = $2 and status = 'PROCESSING' and exists (select 1 from guarded)
       returning 1)
     select exists (select 1 from guarded) as guarded, exists (select 1 from marked) as marked`,
    [lease.commandId, lease.token, g.processKey, g.businessKey, g.tenantId, g.sourceEventId],
  );
  const { guarded, marked } = rows[0]!;
  if (guarded) expectLease(marked ? 1 : 0, lease, 'the engine call');
  return guarded;
}

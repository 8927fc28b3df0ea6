import type { Queryable } from '../../platform/db/pool.ts';
import { LeaseLostError, type Lease } from '../commands/command-row.ts';
import type { CaseKey } from '../case-key.ts';
import { TABLES } from '../schema.ts';
import { unnestColumns } from '../unnest-columns.ts';

export interface StartGuardRequest extends CaseKey {
  lease: Lease;
  sourceEventId: string;
}

/**
 * START_PROCESS, before the engine call, in one statement and one durable commit for all the commands
 * that start together: claim each case's start guard (→ STARTING) and record on the command that the
 * engine is about to be called. After a crash these two facts tell the reconciler to look for the
 * instance rather than start another. Per request: true (guarded and marked), false (another command
 * holds the guard; nothing is marked then), or a LeaseLostError. One guard per case and tenant. A case
 * asked for twice in one batch is tried once, for the first request: ON CONFLICT may touch a row only
 * once per statement, and the second would lose to the first anyway.
 */
export async function guardStartsAndMarkCalls(db: Queryable, requests: StartGuardRequest[]): Promise<(boolean | LeaseLostError)[]> {
  const firstOfCase = new Map<string, StartGuardRequest>();
  for (const r of requests) {
    const key = JSON.stringify([r.processKey, r.businessKey, r.tenantId]);
    if (!firstOfCase.has(key)) firstOfCase.set(key, r);
  }
  const tried = [...firstOfCase.values()];
  const { rows } = await db.query<{ command_id: string; guarded: boolean; marked: boolean }>(
    `with input as (
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
         as i(command_id, lease_token, process_key, business_key, tenant_id, source_event_id)),
     guarded as (
       insert into ${TABLES.registry} (process_key, business_key, tenant_id, status, start_command_id, start_source_event_id)
       select process_key, business_key, tenant_id, 'STARTING', command_id, source_event_id from input
       on conflict (process_key, business_key, tenant_key) do update set start_command_id = excluded.start_command_id
         where process_instance_registry.status = 'STARTING' and process_instance_registry.start_command_id = excluded.start_command_id
       returning start_command_id),
     marked as (
       update ${TABLES.commands} c
          set engine_call_started_at = now(), updated_at = now()
         from input i
        where c.command_id = i.command_id and c.lease_token = i.lease_token and c.status = 'PROCESSING'
          and i.command_id in (select start_command_id from guarded)
       returning c.command_id)
     select i.command_id::text, i.command_id in (select start_command_id from guarded) as guarded, i.command_id in (select command_id from marked) as marked
       from input i`,
    unnestColumns(
      tried,
      (r) => r.lease.commandId,
      (r) => r.lease.token,
      (r) => r.processKey,
      (r) => r.businessKey,
      (r) => r.tenantId,
      (r) => r.sourceEventId,
    ),
  );
  const byCommand = new Map(rows.map((r) => [r.command_id, r]));
  return requests.map((r) => {
    const row = byCommand.get(r.lease.commandId);
    if (!row || !row.guarded) return false;
    return row.marked ? true : new LeaseLostError(r.lease.commandId, 'the engine call');
  });
}

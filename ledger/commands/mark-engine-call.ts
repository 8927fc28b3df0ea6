import type { Queryable } from '../../platform/db/pool.ts';
import { expectLease, type Lease } from './command-row.ts';
import type { ShadowRow } from '../shadows/insert-opening.ts';
import type { ShadowLookup } from '../shadows/find-shadows.ts';
import { TABLES } from '../schema.ts';

/**
 * Records, before the engine is called, that a call is about to happen (and to which instance, when known).
 * If the lease then expires, the reconciler knows the engine may have applied the command and settles it
 * against the engine instead of retrying blindly.
 */
export async function markEngineCallStarted(db: Queryable, lease: Lease, targetInstanceId: string | null): Promise<void> {
  const { rowCount } = await db.query(
    `update ${TABLES.commands}
        set engine_call_started_at = now(), camunda_process_instance_id = coalesce($3, camunda_process_instance_id), updated_at = now()
      where command_id = $1 and lease_token = $2 and status = 'PROCESSING'`,
    [lease.commandId, lease.token, targetInstanceId],
  );
  expectLease(rowCount, lease, 'the engine call');
}

/**
 * A correlation's first statement: the live (OPENING or OPEN) waits for its key in its tenant, as
 * findLiveShadows reads them, and — when they are exactly one OPEN wait — the record `markEngineCallStarted` writes, for that wait's instance, in the same statement (durable on
 * a durable pool; a read alone commits nothing). One round trip before the engine call instead of two,
 * and the decision and the record read one snapshot. `marked` says the engine may now be called.
 */
export async function findWaitsAndMarkCall(db: Queryable, lease: Lease, key: ShadowLookup): Promise<{ live: ShadowRow[]; marked: boolean }> {
  const { rows } = await db.query<ShadowRow & { eligible: boolean; marked: boolean }>(
    `with live as (
       select * from ${TABLES.shadows}
        where process_key = $3 and business_key = $4 and tenant_key = coalesce($7::text, '') and message_name = $5 and status in ('OPENING', 'OPEN')
          and ($6::text is null or correlation_key_value is not distinct from $6)),
     target as (
       select camunda_process_instance_id from live
        where status = 'OPEN' and (select count(*) from live) = 1),
     marked as (
       update ${TABLES.commands}
          set engine_call_started_at = now(), camunda_process_instance_id = (select camunda_process_instance_id from target), updated_at = now()
        where command_id = $1 and lease_token = $2 and status = 'PROCESSING' and exists (select 1 from target)
       returning 1)
     select live.*, exists (select 1 from target) as eligible, exists (select 1 from marked) as marked from live order by opened_at`,
    [lease.commandId, lease.token, key.processKey, key.businessKey, key.messageName, key.correlationKeyValue, key.tenantId],
  );
  const eligible = rows[0]?.eligible ?? false;
  const marked = rows[0]?.marked ?? false;
  if (eligible) expectLease(marked ? 1 : 0, lease, 'the engine call');
  const live = rows.map(({ eligible: _e, marked: _m, ...shadow }) => shadow as ShadowRow);
  return { live, marked };
}

import type { Queryable } from '../../platform/db/pool.ts';
import type { ShadowRow } from './insert-opening.ts';
import type { WaitKey } from './lock-wait-key.ts';
import { TABLES } from '../schema.ts';

export interface ShadowLookup extends WaitKey {
  /** When the event names a correlation value, only waits with that value match. */
  correlationKeyValue: string | null;
}

/** Live (OPENING or OPEN) waits for a key, in its tenant only. More than one OPEN means the event is ambiguous. */
export async function findLiveShadows(db: Queryable, k: ShadowLookup): Promise<ShadowRow[]> {
  const { rows } = await db.query<ShadowRow>(
    `select * from ${TABLES.shadows}
      where process_key = $1 and business_key = $2 and tenant_key = coalesce($5::text, '') and message_name = $3 and status in ('OPENING', 'OPEN')
        and ($4::text is null or correlation_key_value is not distinct from $4)
      order by opened_at`,
    [k.processKey, k.businessKey, k.messageName, k.correlationKeyValue, k.tenantId],
  );
  return rows;
}

/**
 * Live waits for the same key in the other tenants (or with a tenant, for a key without one). Never a
 * target: only what tells an event that found no wait in its own tenant that it came for the wrong tenant.
 */
export async function findLiveShadowsOfOtherTenants(db: Queryable, k: ShadowLookup): Promise<ShadowRow[]> {
  const { rows } = await db.query<ShadowRow>(
    `select * from ${TABLES.shadows}
      where process_key = $1 and business_key = $2 and tenant_key <> coalesce($5::text, '') and message_name = $3 and status in ('OPENING', 'OPEN')
        and ($4::text is null or correlation_key_value is not distinct from $4)
      order by opened_at`,
    [k.processKey, k.businessKey, k.messageName, k.correlationKeyValue, k.tenantId],
  );
  return rows;
}

/** The most recently ended wait for a key in its tenant: how a late event's wait ended, and in which instance. */
export async function findLatestEndedShadow(db: Queryable, k: ShadowLookup): Promise<ShadowRow | undefined> {
  const { rows } = await db.query<ShadowRow>(
    `select * from ${TABLES.shadows}
      where process_key = $1 and business_key = $2 and tenant_key = coalesce($5::text, '') and message_name = $3 and status in ('CLOSED', 'EXPIRED')
        and ($4::text is null or correlation_key_value is not distinct from $4)
      order by closed_at desc limit 1`,
    [k.processKey, k.businessKey, k.messageName, k.correlationKeyValue, k.tenantId],
  );
  return rows[0];
}

/** OPENING rows older than `graceSeconds`: the reconciler confirms or expires them. */
export async function findStaleOpeningShadows(db: Queryable, graceSeconds: number, limit: number, after: string | null = null): Promise<ShadowRow[]> {
  const { rows } = await db.query<ShadowRow>(
    `select * from ${TABLES.shadows}
      where status = 'OPENING' and opened_at < now() - make_interval(secs => $1) and ($3::uuid is null or subscription_id > $3)
      order by subscription_id limit $2`,
    [graceSeconds, limit, after],
  );
  return rows;
}

/**
 * OPEN rows, one page after the cursor `after` (a subscription id; null starts over): the reconciler walks
 * every open wait page by page across its passes, not only the oldest.
 */
export async function findOpenShadows(db: Queryable, limit: number, after: string | null = null): Promise<ShadowRow[]> {
  const { rows } = await db.query<ShadowRow>(
    `select * from ${TABLES.shadows} where status = 'OPEN' and ($2::uuid is null or subscription_id > $2) order by subscription_id limit $1`,
    [limit, after],
  );
  return rows;
}

/** The row a hook task opened (one per task), whatever its state now. */
export async function findShadowOpenedByTask(db: Queryable, taskId: string): Promise<ShadowRow | undefined> {
  const { rows } = await db.query<ShadowRow>(`select * from ${TABLES.shadows} where opened_by_task_id = $1`, [taskId]);
  return rows[0];
}

import type { Queryable } from '../../platform/db/pool.ts';
import type { ShadowRow } from './insert-opening.ts';
import { TABLES } from '../schema.ts';

export interface ShadowLookup {
  processKey: string;
  businessKey: string;
  messageName: string;
  /** When the event names a correlation value, only waits with that value match. */
  correlationKeyValue: string | null;
}

/** Live (OPENING or OPEN) waits for a key. More than one OPEN means the event is ambiguous. */
export async function findLiveShadows(db: Queryable, k: ShadowLookup): Promise<ShadowRow[]> {
  const { rows } = await db.query<ShadowRow>(
    `select * from ${TABLES.shadows}
      where process_key = $1 and business_key = $2 and message_name = $3 and status in ('OPENING', 'OPEN')
        and ($4::text is null or correlation_key_value is not distinct from $4)
      order by opened_at`,
    [k.processKey, k.businessKey, k.messageName, k.correlationKeyValue],
  );
  return rows;
}

/** The most recently ended wait for a key: how a late event's wait ended, and in which instance. */
export async function findLatestEndedShadow(db: Queryable, k: ShadowLookup): Promise<ShadowRow | undefined> {
  const { rows } = await db.query<ShadowRow>(
    `select * from ${TABLES.shadows}
      where process_key = $1 and business_key = $2 and message_name = $3 and status in ('CLOSED', 'EXPIRED')
        and ($4::text is null or correlation_key_value is not distinct from $4)
      order by closed_at desc limit 1`,
    [k.processKey, k.businessKey, k.messageName, k.correlationKeyValue],
  );
  return rows[0];
}

/** OPENING rows older than `graceSeconds`: the reconciler confirms or expires them. */
export async function findStaleOpeningShadows(db: Queryable, graceSeconds: number, limit: number): Promise<ShadowRow[]> {
  const { rows } = await db.query<ShadowRow>(
    `select * from ${TABLES.shadows} where status = 'OPENING' and opened_at < now() - make_interval(secs => $1) order by opened_at limit $2`,
    [graceSeconds, limit],
  );
  return rows;
}

/** OPEN rows, least recently touched first: the reconciler checks them against the engine. */
export async function findOpenShadows(db: Queryable, limit: number): Promise<ShadowRow[]> {
  const { rows } = await db.query<ShadowRow>(`select * from ${TABLES.shadows} where status = 'OPEN' order by updated_at limit $1`, [limit]);
  return rows;
}

/** The row a hook task opened (one per task), whatever its state now. */
export async function findShadowOpenedByTask(db: Queryable, taskId: string): Promise<ShadowRow | undefined> {
  const { rows } = await db.query<ShadowRow>(`select * from ${TABLES.shadows} where opened_by_task_id = $1`, [taskId]);
  return rows[0];
}

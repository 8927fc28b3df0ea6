import type { Queryable } from '../../platform/db/pool.ts';
import type { ShadowRow } from './insert-opening.ts';

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
    `select * from integration.process_wait_subscription
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
    `select * from integration.process_wait_subscription
      where process_key = $1 and business_key = $2 and message_name = $3 and status in ('CLOSED', 'EXPIRED')
        and ($4::text is null or correlation_key_value is not distinct from $4)
      order by closed_at desc limit 1`,
    [k.processKey, k.businessKey, k.messageName, k.correlationKeyValue],
  );
  return rows[0];
}

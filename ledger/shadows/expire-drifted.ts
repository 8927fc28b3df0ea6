import type { Queryable } from '../../platform/db/pool.ts';
import type { ShadowCloseReason } from '../states.ts';
import { TABLES } from '../schema.ts';

/**
 * OPENING|OPEN → EXPIRED when the engine proves the wait is gone (the instance ended, or has no
 * subscription for the message and no hook task pending). `reason` records the evidence.
 */
export async function expireDriftedShadow(db: Queryable, subscriptionId: string, reason: ShadowCloseReason): Promise<boolean> {
  const { rowCount } = await db.query(
    `update ${TABLES.shadows}
        set status = 'EXPIRED', closed_at = now(), close_reason = $2, updated_at = now()
      where subscription_id = $1 and status in ('OPENING', 'OPEN')`,
    [subscriptionId, reason],
  );
  return rowCount === 1;
}

import type { Queryable } from '../../platform/db/pool.ts';
import { TABLES } from '../schema.ts';

/**
 * OPENING → OPEN, once the engine's own event subscription for the message is seen: from now on a
 * correlation to this instance will find its wait. Only from OPENING, so a row that was closed or
 * expired meanwhile stays so. Returns whether the row moved.
 */
export async function confirmShadowOpen(tx: Queryable, subscriptionId: string, executionId: string, waitActivityId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update ${TABLES.shadows}
        set status = 'OPEN', confirmed_at = now(), camunda_execution_id = $2, wait_activity_id = $3, updated_at = now()
      where subscription_id = $1 and status = 'OPENING'`,
    [subscriptionId, executionId, waitActivityId],
  );
  return rowCount === 1;
}

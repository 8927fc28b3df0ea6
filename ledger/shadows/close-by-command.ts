import type { Queryable } from '../../platform/db/pool.ts';
import { TABLES } from '../schema.ts';

/**
 * OPEN → CLOSED by the command that correlated the message, in the transaction that completes the command:
 * the ledger never shows a completed correlation beside a wait that still looks open.
 */
export async function closeShadowByCommand(tx: Queryable, subscriptionId: string, commandId: string): Promise<void> {
  await tx.query(
    `update ${TABLES.shadows}
        set status = 'CLOSED', closed_at = now(), close_reason = 'CORRELATED', closed_by_command_id = $2, updated_at = now()
      where subscription_id = $1 and status = 'OPEN'`,
    [subscriptionId, commandId],
  );
}

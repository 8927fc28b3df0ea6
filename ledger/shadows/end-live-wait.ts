import type { Queryable } from '../../platform/db/pool.ts';
import type { ShadowCloseReason, ShadowEnd } from '../states.ts';
import { TABLES } from '../schema.ts';

export type WaitEnd = ShadowEnd;

/**
 * OPENING|OPEN → CLOSED (the message arrived) or → EXPIRED (a timer or another path cancelled the wait),
 * for the live wait of one instance and message. Only from a live state: a row the bridge already closed
 * when it correlated stays as the bridge left it, which makes the hook idempotent. Returns the rows ended.
 */
export async function endLiveWait(tx: Queryable, processInstanceId: string, messageName: string, end: WaitEnd, reason: ShadowCloseReason): Promise<number> {
  const { rowCount } = await tx.query(
    `update ${TABLES.shadows}
        set status = $3, closed_at = now(), close_reason = $4, updated_at = now()
      where camunda_process_instance_id = $1 and message_name = $2 and status in ('OPENING', 'OPEN')`,
    [processInstanceId, messageName, end, reason],
  );
  return rowCount ?? 0;
}

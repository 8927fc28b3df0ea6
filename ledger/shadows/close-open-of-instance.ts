import type { Queryable } from '../../platform/db/pool.ts';
import { TABLES } from '../schema.ts';

/**
 * OPEN → CLOSED (CORRELATED) for the open waits of one instance and message that the command the
 * reconciler found applied could have targeted: those already open when its engine call started. A wait
 * opened after the call (the next round of a correction loop) is not its target and stays open.
 */
export async function closeOpenShadowsOfInstance(
  tx: Queryable,
  processInstanceId: string,
  messageName: string,
  commandId: string,
  callStartedAt: Date,
): Promise<number> {
  const { rowCount } = await tx.query(
    `update ${TABLES.shadows}
        set status = 'CLOSED', closed_at = now(), close_reason = 'CORRELATED', closed_by_command_id = $3, updated_at = now()
      where camunda_process_instance_id = $1 and message_name = $2 and status = 'OPEN' and opened_at <= $4`,
    [processInstanceId, messageName, commandId, callStartedAt],
  );
  return rowCount ?? 0;
}

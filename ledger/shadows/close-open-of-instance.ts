import type { Queryable } from '../../platform/db/pool.ts';
import { TABLES } from '../schema.ts';

/**
 * OPEN → CLOSED (CORRELATED) for every open wait of one instance and message, by the command the
 * reconciler found applied: the engine took the message, so those waits are over.
 */
export async function closeOpenShadowsOfInstance(tx: Queryable, processInstanceId: string, messageName: string, commandId: string): Promise<number> {
  const { rowCount } = await tx.query(
    `update ${TABLES.shadows}
        set status = 'CLOSED', closed_at = now(), close_reason = 'CORRELATED', closed_by_command_id = $3, updated_at = now()
      where camunda_process_instance_id = $1 and message_name = $2 and status = 'OPEN'`,
    [processInstanceId, messageName, commandId],
  );
  return rowCount ?? 0;
}

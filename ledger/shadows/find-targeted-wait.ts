import type { Queryable } from '../../platform/db/pool.ts';

/**
 * The OPEN waits a correlation's engine call could have targeted: of its instance and message, and open
 * already when the call started. A wait opened after that (the next round of a correction loop) was not
 * the call's target and stays open.
 */
export async function findTargetedOpenWaits(db: Queryable, processInstanceId: string, messageName: string, callStartedAt: Date): Promise<string[]> {
  const { rows } = await db.query<{ subscription_id: string }>(
    `select subscription_id from integration.process_wait_subscription
      where camunda_process_instance_id = $1 and message_name = $2 and status = 'OPEN' and opened_at <= $3`,
    [processInstanceId, messageName, callStartedAt],
  );
  return rows.map((r) => r.subscription_id);
}

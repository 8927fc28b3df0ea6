import type { Pool } from '../../platform/db/pool.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import type { EngineClient } from '../../platform/engine/client.ts';
import type { Logger } from '../../platform/observability/logger.ts';
import { wakeBufferedCommands } from '../commands/wake-buffered.ts';
import { lockWaitKey } from './lock-wait-key.ts';
import { confirmShadowOpen } from './confirm-open.ts';
import type { ShadowRow } from './insert-opening.ts';

export type ConfirmResult =
  { confirmed: true; woken: string[] } | { confirmed: false; reason: 'NOT_OPENING' | 'NO_ENGINE_SUBSCRIPTION' | 'SEVERAL_ENGINE_SUBSCRIPTIONS' };

/**
 * Promotes an OPENING shadow to OPEN once the engine's subscription for the message exists, taking the
 * engine's execution and activity ids, and wakes the commands buffered for its key in the same transaction.
 * Called right after the hook task completed, and by the reconciler for rows left OPENING (a worker that
 * died between completing the hook and confirming it).
 */
export async function confirmOpeningShadow(row: ShadowRow, db: Pool, engine: EngineClient, log: Logger): Promise<ConfirmResult> {
  if (row.status !== 'OPENING') return { confirmed: false, reason: 'NOT_OPENING' };
  const subscriptions = await engine.eventSubscriptions({
    processInstanceId: row.camunda_process_instance_id,
    eventName: row.message_name,
    eventType: 'message',
  });
  if (subscriptions.length !== 1) {
    const reason = subscriptions.length === 0 ? 'NO_ENGINE_SUBSCRIPTION' : 'SEVERAL_ENGINE_SUBSCRIPTIONS';
    log.warn(
      {
        event: 'shadow_not_confirmed',
        subscriptionId: row.subscription_id,
        processInstanceId: row.camunda_process_instance_id,
        messageName: row.message_name,
        reason,
        engineSubscriptions: subscriptions.length,
      },
      'shadow stays OPENING',
    );
    return { confirmed: false, reason };
  }
  const [engineSubscription] = subscriptions;
  const key = { processKey: row.process_key, businessKey: row.business_key, tenantId: row.tenant_id, messageName: row.message_name };
  return withTransaction(db, async (tx) => {
    await lockWaitKey(tx, key);
    const moved = await confirmShadowOpen(tx, row.subscription_id, engineSubscription!.executionId!, engineSubscription!.activityId!);
    if (!moved) return { confirmed: false, reason: 'NOT_OPENING' } as const;
    const woken = await wakeBufferedCommands(tx, { ...key, correlationKeyValue: row.correlation_key_value });
    log.info(
      {
        event: 'shadow_opened',
        subscriptionId: row.subscription_id,
        processInstanceId: row.camunda_process_instance_id,
        messageName: row.message_name,
        waitActivityId: engineSubscription!.activityId,
        wokenCommands: woken.length,
      },
      'wait is open',
    );
    return { confirmed: true, woken } as const;
  });
}

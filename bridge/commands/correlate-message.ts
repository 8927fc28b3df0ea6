import { withTransaction } from '../../platform/db/pool.ts';
import { leaseOf, LeaseLostError, type CommandRow } from '../../ledger/commands/command-row.ts';
import type { CommandContext } from './command-context.ts';
import { callEngine } from './call-engine.ts';
import { commandVariables } from './engine-variables.ts';
import { applyLatePolicy } from './late-policy.ts';
import { logFields, noteCompleted, quarantine, retry } from './transitions.ts';
import { completeCorrelation } from '../../ledger/commands/complete-correlation.ts';
import { bufferCommand } from '../../ledger/commands/buffer.ts';
import { lockWaitKey } from '../../ledger/shadows/lock-wait-key.ts';
import { findLatestEndedShadow } from '../../ledger/shadows/find-shadows.ts';
import { findWaitsAndMarkCall } from '../../ledger/commands/mark-engine-call.ts';
import { expireDriftedShadow } from '../../ledger/shadows/expire-drifted.ts';
import type { ShadowRow } from '../../ledger/shadows/insert-opening.ts';
import { holdsLease } from '../../ledger/commands/holds-lease.ts';

/**
 * CORRELATE_MESSAGE, decided by the subscription shadow for (process key, business key, message,
 * correlation value):
 *   one OPEN wait          → correlate to that instance; complete the command and close the shadow together
 *   several live waits     → QUARANTINED (AMBIGUOUS_WAIT): never correlate to all
 *   a wait still OPENING   → BUFFERED: the hook ran, the engine's wait is not confirmed yet
 *   a wait CLOSED/EXPIRED  → the mapping's late policy
 *   no wait, within buffer → BUFFERED until a wait opens (which wakes it)
 *   no wait, buffer over   → QUARANTINED (NO_MATCHING_EXECUTION)
 */
export async function correlateMessage(ctx: CommandContext, c: CommandRow, allowRebuffer = true): Promise<void> {
  const key = { processKey: c.process_key, businessKey: c.business_key, messageName: c.message_name, correlationKeyValue: c.correlation_key_value };
  // One open wait: the same statement already recorded the engine call to it (the common case costs one round trip).
  const { live, marked } = await findWaitsAndMarkCall(ctx.db, leaseOf(c), key, c.tenant_id);
  const open = live.filter((s) => s.status === 'OPEN');
  // Two live waits (open, or about to open) for one key: the event could belong to either.
  if (live.length > 1) {
    ctx.metrics.multipleMatch.inc();
    return quarantine(ctx, c, 'AMBIGUOUS_WAIT', `${live.length} waits for ${c.message_name} under business key ${c.business_key} (${open.length} open)`, {
      instances: live.map((s) => s.camunda_process_instance_id),
    });
  }
  if (open[0]) return correlateOpenWait(ctx, c, open[0], marked);
  if (live.length === 0) {
    const ended = await findLatestEndedShadow(ctx.db, key);
    if (ended) return applyLatePolicy(ctx, c, ended);
    if (c.buffer_until && new Date(c.buffer_until) <= new Date()) {
      ctx.metrics.noMatch.inc();
      return quarantine(ctx, c, 'NO_MATCHING_EXECUTION', `no wait for ${c.message_name} opened for business key ${c.business_key} within the buffer window`);
    }
  }
  const buffered = await withTransaction(ctx.db, async (tx) => {
    await lockWaitKey(tx, key);
    return bufferCommand(
      tx,
      leaseOf(c),
      live.length ? 'the wait is opening; its engine subscription is not confirmed yet' : 'no wait for this message is open yet',
    );
  });
  if (buffered) {
    ctx.metrics.outcomes.inc({ command_type: c.command_type, status: 'BUFFERED', code: 'WAITING_FOR_SUBSCRIPTION' });
    ctx.log.info({ event: 'command_buffered', ...logFields(c) }, 'event is early; buffered until its wait opens');
    return;
  }
  // Not buffered: either a wait opened between our read and the buffer statement, or the lease is gone.
  if (!(await holdsLease(ctx.db, leaseOf(c)))) throw new LeaseLostError(c.command_id, 'buffering');
  if (allowRebuffer) return correlateMessage(ctx, c, false);
  return retry(ctx, c, 'WAIT_CHANGED', 'the wait changed while deciding; trying again', { shortDelayMs: 50 });
}

async function correlateOpenWait(ctx: CommandContext, c: CommandRow, wait: ShadowRow, marked: boolean): Promise<void> {
  if (c.tenant_id && wait.tenant_id && c.tenant_id !== wait.tenant_id) {
    return quarantine(
      ctx,
      c,
      'TENANT_MISMATCH',
      `the event is for tenant ${c.tenant_id}, the waiting instance ${wait.camunda_process_instance_id} belongs to tenant ${wait.tenant_id}`,
    );
  }
  const correlated = await callEngine(ctx, c, marked ? 'recorded' : { targetInstanceId: wait.camunda_process_instance_id }, () =>
    ctx.engine.correlate({ messageName: c.message_name, processInstanceId: wait.camunda_process_instance_id, processVariables: commandVariables(c) }),
  );
  if (!correlated.ok) {
    const { decision } = correlated;
    if (decision.action === 'no-match') return engineHasNoMatch(ctx, c, wait);
    if (decision.code === 'MULTIPLE_MATCH') ctx.metrics.multipleMatch.inc();
    if (decision.action === 'quarantine') return quarantine(ctx, c, decision.code, decision.message);
    return retry(ctx, c, decision.code, decision.message);
  }
  // Relaxed commit: if it is lost in a crash, the reconciler finds the event id in the instance's history.
  await completeCorrelation(ctx.relaxedDb, leaseOf(c), wait.subscription_id, wait.camunda_process_instance_id);
  noteCompleted(ctx, c, 'CORRELATED', wait.camunda_process_instance_id);
}

/**
 * The shadow says OPEN but the engine found no match. Usually a moment's lag: retry briefly without
 * spending attempts. If it persists, ask the engine for the instance's subscriptions: if it does wait,
 * keep retrying; if not, the shadow has drifted — expire it and treat the event as late.
 */
async function engineHasNoMatch(ctx: CommandContext, c: CommandRow, wait: ShadowRow): Promise<void> {
  ctx.metrics.noMatch.inc();
  if (c.no_match_count < ctx.settings.noMatchRetries) {
    return retry(ctx, c, 'ENGINE_SUBSCRIPTION_PENDING', `shadow ${wait.subscription_id} is open but the engine found no match`, {
      shortDelayMs: 100 * 2 ** c.no_match_count,
      countNoMatch: true,
    });
  }
  const subscriptions = await ctx.engine.eventSubscriptions({
    processInstanceId: wait.camunda_process_instance_id,
    eventName: c.message_name,
    eventType: 'message',
  });
  if (subscriptions.length > 0) return retry(ctx, c, 'ENGINE_SUBSCRIPTION_PENDING', 'the engine lists the subscription but did not match it');
  await expireDriftedShadow(ctx.db, wait.subscription_id, 'ENGINE_NOT_WAITING');
  ctx.metrics.reconciled.inc({ outcome: 'shadow_expired_drift' });
  ctx.log.warn(
    { event: 'shadow_drift_repaired', ...logFields(c), subscriptionId: wait.subscription_id },
    'shadow was open but the engine does not wait; expired it',
  );
  return applyLatePolicy(ctx, c, { ...wait, status: 'EXPIRED', close_reason: 'ENGINE_NOT_WAITING', closed_at: new Date() });
}

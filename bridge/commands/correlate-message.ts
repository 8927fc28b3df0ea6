import { withTransaction } from '../../platform/db/pool.ts';
import { caseKeyOf, leaseOf, LeaseLostError, type CommandRow } from '../../ledger/commands/command-row.ts';
import type { CommandContext } from './command-context.ts';
import { callEngine } from './call-engine.ts';
import { commandVariables } from './engine-variables.ts';
import { applyLatePolicy } from './late-policy.ts';
import { logFields, noteCompleted, quarantine, retry } from './transitions.ts';
import { completeCorrelation } from '../../ledger/commands/complete-correlation.ts';
import { bufferCommand } from '../../ledger/commands/buffer.ts';
import { lockWaitKey } from '../../ledger/shadows/lock-wait-key.ts';
import { findLatestEndedShadow, findLiveShadowsOfOtherTenants, type ShadowLookup } from '../../ledger/shadows/find-shadows.ts';
import { findWaitsAndMarkCall } from '../../ledger/commands/mark-engine-call.ts';
import { expireDriftedShadow } from '../../ledger/shadows/expire-drifted.ts';
import type { ShadowRow } from '../../ledger/shadows/insert-opening.ts';
import { holdsLease } from '../../ledger/commands/holds-lease.ts';
import { classifyFailure } from './classify-failure.ts';
import { mayWaitAgain } from './may-wait-again.ts';
import type { CorrelationMessage } from '../../platform/engine/client.ts';

/**
 * CORRELATE_MESSAGE, decided by the subscription shadow for (process key, business key, tenant, message,
 * correlation value); another tenant's wait is never a target:
 *   one OPEN wait          → correlate to that instance; complete the command and close the shadow together
 *   several live waits     → QUARANTINED (AMBIGUOUS_WAIT): never correlate to all
 *   a wait still OPENING   → BUFFERED: the hook ran, the engine's wait is not confirmed yet
 *   a wait CLOSED/EXPIRED  → the mapping's late policy, unless its instance may wait for the message
 *                            again (a loop: its model leads back to an open hook for it from where it
 *                            stands) and the buffer window is open: then BUFFERED until the next round
 *                            opens (which wakes it; the reconciler wakes it when the instance leaves the loop)
 *   no wait, within buffer → BUFFERED until a wait opens (which wakes it)
 *   no wait, buffer over   → QUARANTINED: TENANT_MISMATCH when the key waits in another tenant, else NO_MATCHING_EXECUTION
 */
export async function correlateMessage(ctx: CommandContext, c: CommandRow, allowRebuffer = true): Promise<void> {
  const key: ShadowLookup = { ...caseKeyOf(c), messageName: c.message_name, correlationKeyValue: c.correlation_key_value };
  // One open wait: the same statement already recorded the engine call to it (the common case costs one round trip).
  const { live, marked } = await findWaitsAndMarkCall(ctx.db, leaseOf(c), key);
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
    if (ended) return afterEndedWait(ctx, c, key, ended, allowRebuffer);
    if (bufferWindowOver(c)) return bufferIsOver(ctx, c, key);
  }
  return bufferUntilWaitOpens(
    ctx,
    c,
    key,
    live.length ? 'the wait is opening; its engine subscription is not confirmed yet' : 'no wait for this message is open yet',
    allowRebuffer,
  );
}

const bufferWindowOver = (c: CommandRow) => !!c.buffer_until && new Date(c.buffer_until) <= new Date();

/**
 * The key's wait has ended. The event is late unless the instance may wait for the message again (the
 * next round of a loop) and the buffer window is still open: then it waits for that round. An instance
 * that has ended or left the loop for good is asked once, and the late policy applies at once.
 */
async function afterEndedWait(ctx: CommandContext, c: CommandRow, key: ShadowLookup, ended: ShadowRow, allowRebuffer: boolean): Promise<void> {
  if (bufferWindowOver(c)) return applyLatePolicy(ctx, c, ended);
  let again: boolean;
  try {
    again = await mayWaitAgain(ctx.engine, {
      processInstanceId: ended.camunda_process_instance_id,
      processKey: ended.process_key,
      messageName: c.message_name,
    });
  } catch (err) {
    // Only a read: nothing was sent, so an unknown outcome is just an unreachable engine.
    const { action, code, message } = classifyFailure(err);
    return retry(
      ctx,
      c,
      action === 'settle' ? 'ENGINE_UNREACHABLE' : code,
      `could not read where instance ${ended.camunda_process_instance_id} stands: ${message}`,
    );
  }
  if (!again) return applyLatePolicy(ctx, c, ended);
  return bufferUntilWaitOpens(
    ctx,
    c,
    key,
    `the wait for ${c.message_name} ended in instance ${ended.camunda_process_instance_id}, whose model leads back to it; buffered for its next round`,
    allowRebuffer,
  );
}

/** → BUFFERED under the wait-key lock, unless a wait opened meanwhile: then decided again at once. */
async function bufferUntilWaitOpens(ctx: CommandContext, c: CommandRow, key: ShadowLookup, why: string, allowRebuffer: boolean): Promise<void> {
  const buffered = await withTransaction(ctx.db, async (tx) => {
    await lockWaitKey(tx, key);
    return bufferCommand(tx, leaseOf(c), why);
  });
  if (buffered) {
    ctx.metrics.outcomes.inc({ command_type: c.command_type, status: 'BUFFERED', code: 'WAITING_FOR_SUBSCRIPTION' });
    ctx.log.info({ event: 'command_buffered', ...logFields(c) }, 'buffered until its wait opens');
    return;
  }
  // Not buffered: either a wait opened between our read and the buffer statement, or the lease is gone.
  if (!(await holdsLease(ctx.db, leaseOf(c)))) throw new LeaseLostError(c.command_id, 'buffering');
  if (allowRebuffer) return correlateMessage(ctx, c, false);
  return retry(ctx, c, 'WAIT_CHANGED', 'the wait changed while deciding; trying again', { shortDelayMs: 50 });
}

/**
 * No wait opened in the event's tenant within its buffer window. If the key waits in another tenant, the
 * event most likely names the wrong tenant (or its mapping lacks the tenant its models are deployed for).
 */
async function bufferIsOver(ctx: CommandContext, c: CommandRow, key: ShadowLookup): Promise<void> {
  const elsewhere = await findLiveShadowsOfOtherTenants(ctx.db, key);
  if (elsewhere.length) {
    const tenants = [...new Set(elsewhere.map((s) => s.tenant_id ?? '(none)'))].join(', ');
    return quarantine(
      ctx,
      c,
      'TENANT_MISMATCH',
      `the event is for tenant ${c.tenant_id ?? '(none)'}; no wait for ${c.message_name} opened there within the buffer window, the key waits for tenant ${tenants}`,
      { instances: elsewhere.map((s) => s.camunda_process_instance_id) },
    );
  }
  ctx.metrics.noMatch.inc();
  return quarantine(ctx, c, 'NO_MATCHING_EXECUTION', `no wait for ${c.message_name} opened for business key ${c.business_key} within the buffer window`);
}

async function correlateOpenWait(ctx: CommandContext, c: CommandRow, wait: ShadowRow, marked: boolean): Promise<void> {
  const correlated = await callEngine(ctx, c, marked ? 'recorded' : { targetInstanceId: wait.camunda_process_instance_id }, () =>
    ctx.engine.correlate({
      messageName: c.message_name,
      processInstanceId: wait.camunda_process_instance_id,
      ...waitTokenOf(wait),
      processVariables: commandVariables(c),
    }),
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
 * Correlates only while the instance still holds this wait's token: a call that lands after the wait
 * ended and the instance waits for the message again (a loop's next round) matches nothing.
 */
const waitTokenOf = (wait: ShadowRow): Pick<CorrelationMessage, 'correlationKeys'> =>
  wait.wait_token_variable ? { correlationKeys: { [wait.wait_token_variable]: { value: wait.subscription_id, type: 'String' } } } : {};

/**
 * The shadow says OPEN but the engine found no match. Usually a moment's lag: retry briefly without
 * spending attempts. If it persists, ask the engine for the instance's subscriptions: if it does wait,
 * keep retrying, spending attempts (a wait whose token variable something else overwrote ends here, in
 * RETRIES_EXHAUSTED); if not, the shadow has drifted — expire it and treat the event as late.
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
  const key: ShadowLookup = { ...caseKeyOf(c), messageName: c.message_name, correlationKeyValue: c.correlation_key_value };
  return afterEndedWait(ctx, c, key, { ...wait, status: 'EXPIRED', close_reason: 'ENGINE_NOT_WAITING', closed_at: new Date() }, true);
}

import { withTransaction } from '../../platform/db/pool.ts';
import { caseKeyOf, type CommandRow } from '../../ledger/commands/command-row.ts';
import type { CaseKey } from '../../ledger/case-key.ts';
import { queryTenant } from '../../platform/engine/tenant.ts';
import type { CommandContext } from './command-context.ts';
import { complete, logFields, quarantine, retry } from './transitions.ts';
import { classifyFailure } from './classify-failure.ts';
import { terminateDuplicateInstance } from '../../platform/engine/terminate-duplicate.ts';
import { markStarted } from '../../ledger/registry/registry.ts';
import { closeOpenShadowsOfInstance } from '../../ledger/shadows/close-open-of-instance.ts';

/** `pending`: nothing found yet, but the previous call may still land (within its timeout plus the grace). */
export type Settlement = 'applied' | 'not-applied' | 'pending' | 'quarantined';

/** Failures the engine itself answered: its transaction rolled back, so the call cannot land later. */
const ANSWERED_BY_ENGINE = new Set(['OPTIMISTIC_LOCKING', 'NO_START_EVENT', 'NO_MATCHING_EXECUTION', 'ENGINE_ERROR']);

/**
 * Whether the previous engine call may still be on its way (held by a proxy, queued in the engine): its
 * outcome was not an answer from the engine, and its timeout plus the grace has not passed yet.
 * Before that, "not applied" cannot be decided (see docs/fencing.md).
 */
export function mayStillLand(c: CommandRow, settings: { engineTimeoutMs: number; settleGraceMs: number }, now = Date.now()): boolean {
  if (!c.engine_call_started_at || (c.reason_code && ANSWERED_BY_ENGINE.has(c.reason_code))) return false;
  return now < new Date(c.engine_call_started_at).getTime() + settings.engineTimeoutMs + settings.settleGraceMs;
}

/** Every value the instance's `seamSourceEventId` variable ever had (history level full keeps them all). */
async function sourceEventIdsSeenBy(ctx: CommandContext, processInstanceId: string): Promise<string[]> {
  const details = await ctx.engine.historicDetails({
    processInstanceId,
    variableNameLike: 'seamSourceEventId',
    variableUpdates: true,
    deserializeValues: false,
    maxResults: 1000,
  });
  // A variable update's `value` is not in the generated HistoricDetailDto (it is the subtype's field).
  return details.map((d) => String((d as { value?: unknown }).value));
}

/**
 * Every instance of the definition under the business key in the case's tenant, in the engine's history
 * (ended ones too). Another tenant's instance under the same key is another case.
 */
export const historicStartInstances = (ctx: CommandContext, key: CaseKey, variables?: { name: string; operator: 'eq'; value: string }[]) =>
  ctx.engine.historicProcessInstances({
    processDefinitionKey: key.processKey,
    processInstanceBusinessKey: key.businessKey,
    ...queryTenant(key.tenantId),
    ...(variables ? { variables } : {}),
  });

/**
 * A previous attempt sent this command to the engine and its outcome is unknown (timeout, crash, lease
 * expired mid-call). Ask the engine before doing anything again: the registry and instances by business
 * key (in the command's tenant) for a start, the source event id in the target instance's variable history
 * for a correlation, the start event id for a late-policy start. Completes the command when it was applied.
 */
export async function settlePreviousCall(ctx: CommandContext, c: CommandRow): Promise<Settlement> {
  const notFound = (): Settlement => (mayStillLand(c, ctx.settings) ? 'pending' : 'not-applied');
  if (c.command_type === 'START_PROCESS') {
    const instances = await historicStartInstances(ctx, caseKeyOf(c));
    const ours = await historicStartInstances(ctx, caseKeyOf(c), [{ name: 'seamStartEventId', operator: 'eq', value: c.source_event_id }]);
    const live = ours.filter((i) => i.state !== 'EXTERNALLY_TERMINATED' && i.state !== 'INTERNALLY_TERMINATED');
    if (instances.length > ours.length) {
      // Another instance under this key that this event did not start (a manual start): an operator decides.
      await quarantine(ctx, c, 'DUPLICATE_PROCESS_INSTANCE', `${instances.length} instances of ${c.process_key} have business key ${c.business_key}`, {
        instances: instances.map((i) => i.id),
      });
      return 'quarantined';
    }
    // Several attempts of this one command landed (a call outlived its timeout and the grace): keep the
    // first, terminate the others before they do work, recorded in the engine's history (compensation).
    const [kept, ...duplicates] = [...live].sort((a, b) => String(a.startTime).localeCompare(String(b.startTime)));
    if (!kept) return notFound();
    for (const d of duplicates) {
      await terminateDuplicateInstance(ctx.engine, d.id!, kept.id!, `duplicate start of event ${c.source_event_id} (command ${c.command_id})`);
      ctx.metrics.reconciled.inc({ outcome: 'duplicate_start_terminated' });
      ctx.log.warn(
        { event: 'duplicate_start_terminated', ...logFields(c), camundaProcessInstanceId: d.id, keptInstanceId: kept.id },
        'duplicate instance terminated',
      );
    }
    await withTransaction(ctx.db, async (tx) => {
      await markStarted(tx, caseKeyOf(c), c.command_id, kept.id!, kept.processDefinitionId ?? null, 'RECONCILER');
      await complete(ctx, c, 'STARTED_RECONCILED', kept.id!, tx);
    });
    return 'applied';
  }
  const target = c.camunda_process_instance_id;
  if (target && (await sourceEventIdsSeenBy(ctx, target)).includes(c.source_event_id)) {
    await withTransaction(ctx.db, async (tx) => {
      // Only the wait the call targeted: a wait that opened after it (a correction loop) is the next round.
      await closeOpenShadowsOfInstance(tx, target, c.message_name, c.command_id, new Date(c.engine_call_started_at!));
      await complete(ctx, c, 'CORRELATED_RECONCILED', target, tx);
    });
    return 'applied';
  }
  if (c.late_policy?.action === 'startProcess') {
    // By business key too (the late start sends the case's): a variable filter alone scans every review's history.
    const started = await ctx.engine.historicProcessInstances({
      processDefinitionKey: c.late_policy.processKey,
      processInstanceBusinessKey: c.business_key,
      ...queryTenant(c.tenant_id),
      variables: [{ name: 'seamStartEventId', operator: 'eq', value: c.source_event_id }],
    });
    const live = started.filter((i) => i.state !== 'EXTERNALLY_TERMINATED' && i.state !== 'INTERNALLY_TERMINATED');
    const [kept, ...duplicates] = [...live].sort((a, b) => String(a.startTime).localeCompare(String(b.startTime)) || String(a.id).localeCompare(String(b.id)));
    if (!kept) return notFound();
    for (const d of duplicates) {
      await terminateDuplicateInstance(ctx.engine, d.id!, kept.id!, `duplicate late-policy start of event ${c.source_event_id} (command ${c.command_id})`);
      ctx.metrics.reconciled.inc({ outcome: 'duplicate_start_terminated' });
    }
    await complete(ctx, c, 'LATE_REVIEW_STARTED', kept.id!, ctx.db, { code: 'LATE_EVENT', message: 'late policy startProcess (reconciled)' });
    return 'applied';
  }
  return notFound();
}

/** How soon a settlement the engine was too slow or unreachable to answer is tried again. */
export const UNSETTLED_RECHECK_MS = 3_000;

/**
 * The settlement itself failed (the engine unreachable, a history read timed out or was refused). The
 * outcome stays unknown, so the code stays OUTCOME_UNKNOWN: a code the engine "answered" would let the
 * next attempt skip the grace while the previous call may still land. The cause's class goes in the
 * message. An engine that is slow or unreachable says nothing about the command: it is asked again
 * shortly, attempts not spent (as readiness says the engine is down). Any other failure (forbidden, a bad
 * query) spends an attempt, so a settlement that keeps failing ends QUARANTINED (RETRIES_EXHAUSTED).
 */
export function retryUnsettled(ctx: CommandContext, c: CommandRow, err: unknown): Promise<void> {
  const { action, code, message } = classifyFailure(err);
  // A read that timed out only says the engine was slow: it changed nothing.
  const engineDown = action === 'settle' || code === 'ENGINE_UNREACHABLE';
  return retry(
    ctx,
    c,
    'OUTCOME_UNKNOWN',
    `could not settle the previous engine call (${engineDown ? 'ENGINE_UNREACHABLE' : code}): ${message}`,
    engineDown ? { shortDelayMs: UNSETTLED_RECHECK_MS } : {},
  );
}

import { caseKeyOf, leaseOf, type CommandRow } from '../../ledger/commands/command-row.ts';
import { correlationTenant } from '../../platform/engine/tenant.ts';
import type { CommandContext } from './command-context.ts';
import { callEngine } from './call-engine.ts';
import { startVariables } from './engine-variables.ts';
import { ignore, logFields, noteCompleted, quarantine, retry } from './transitions.ts';
import { findRegistryRow, markStarted, releaseStartGuard, type RegistryRow } from '../../ledger/registry/registry.ts';
import { findCommandState } from '../../ledger/commands/command-state.ts';
import { historicStartInstances, mayStillLand } from './settle.ts';

/** How long a start waits while another command holds the case's start guard. */
const START_IN_PROGRESS_DELAY_MS = 1_000;

/**
 * The case's guard is STARTING, held by a command that has ended (quarantined after its retries, or by an
 * operator, or ignored) and so will never finish it. It is kept while an instance may exist; settle it
 * now against the engine: an instance of the case → the registry adopts it and this start is a duplicate;
 * none, and the holder's last call can no longer land → the guard is released and this start claims it
 * on its next attempt. Returns false when the holder is still at work (the caller waits).
 */
async function settleOrphanedGuard(ctx: CommandContext, c: CommandRow, holder: RegistryRow): Promise<boolean> {
  const holderState = holder.start_command_id ? await findCommandState(ctx.db, holder.start_command_id) : undefined;
  if (!holderState || !['QUARANTINED', 'IGNORED', 'COMPLETED'].includes(holderState.status)) return false;
  const instances = await historicStartInstances(ctx, caseKeyOf(c));
  const live = instances.filter((i) => i.state !== 'EXTERNALLY_TERMINATED' && i.state !== 'INTERNALLY_TERMINATED');
  const [kept] = [...live].sort((a, b) => String(a.startTime).localeCompare(String(b.startTime)));
  if (kept) {
    await markStarted(ctx.db, caseKeyOf(c), holderState.command_id, kept.id!, kept.processDefinitionId ?? null, 'RECONCILER');
    await ignore(
      ctx,
      c,
      'DUPLICATE_START',
      `${c.process_key} already runs for business key ${c.business_key} (adopted from ended command ${holderState.command_id})`,
      kept.id!,
    );
    return true;
  }
  if (mayStillLand(holderState as CommandRow, ctx.settings)) return false;
  await releaseStartGuard(ctx.db, caseKeyOf(c), holderState.command_id);
  ctx.log.info({ event: 'start_guard_released', ...logFields(c), holderCommandId: holderState.command_id }, 'released the start guard of an ended command');
  await retry(ctx, c, 'START_IN_PROGRESS', `the guard of ended command ${holderState.command_id} was released; starting`, { shortDelayMs: 0 });
  return true;
}

/**
 * START_PROCESS: registry guard first, then the message start event with the business key, then the
 * registry row and the command's completion in one transaction. A duplicate start event (another event
 * id for the same case in the same tenant) finds the guard taken and is ignored, naming the instance that exists.
 */
export async function startProcess(ctx: CommandContext, c: CommandRow): Promise<void> {
  const guarded = await ctx.batches.guardStart({ lease: leaseOf(c), ...caseKeyOf(c), sourceEventId: c.source_event_id });
  if (!guarded) {
    const holder = await findRegistryRow(ctx.db, caseKeyOf(c));
    if (holder?.status === 'STARTED') {
      await ignore(
        ctx,
        c,
        'DUPLICATE_START',
        `${c.process_key} already runs for business key ${c.business_key} (started by event ${holder.start_source_event_id})`,
        holder.camunda_process_instance_id,
      );
    } else if (holder && (await settleOrphanedGuard(ctx, c, holder))) {
      return;
    } else {
      await retry(ctx, c, 'START_IN_PROGRESS', `command ${holder?.start_command_id ?? '(another)'} is starting this case`, {
        shortDelayMs: START_IN_PROGRESS_DELAY_MS,
      });
    }
    return;
  }

  // The start guard above recorded the call.
  const started = await callEngine(ctx, c, 'recorded', async () => {
    const [result] = await ctx.engine.correlate({
      messageName: c.message_name,
      businessKey: c.business_key,
      processVariables: startVariables(c),
      // Only the tenant's definition (or one of no tenant): the registry guarded this case in this tenant.
      ...correlationTenant(c.tenant_id),
    });
    return { instanceId: result!.processInstance!.id!, definitionId: result!.processInstance!.definitionId ?? null };
  });
  if (!started.ok) {
    const { decision } = started;
    if (decision.action === 'quarantine') return quarantine(ctx, c, decision.code, decision.message);
    // No message start event for it yet (not deployed): worth a few tries, then an operator.
    const code = decision.action === 'no-match' ? 'NO_START_EVENT' : decision.code;
    return retry(ctx, c, code, decision.message);
  }
  const { instanceId, definitionId } = started.value;
  // Relaxed commit: if it is lost in a crash, the reconciler finds the instance by business key.
  await ctx.batches.completeStart({ lease: leaseOf(c), ...caseKeyOf(c), instanceId, definitionId });
  noteCompleted(ctx, c, 'STARTED', instanceId);
}

import { leaseOf, type CommandRow } from '../../ledger/commands/command-row.ts';
import { AbandonedError, type CommandContext } from './command-context.ts';
import { classifyFailure } from './classify-failure.ts';
import { startVariables } from './engine-variables.ts';
import { ignore, noteCompleted, quarantine, retry } from './transitions.ts';
import { findRegistryRow } from '../../ledger/registry/registry.ts';
import { guardStartAndMarkCall } from '../../ledger/registry/guard-start-and-mark-call.ts';
import { completeStart } from '../../ledger/commands/complete-start.ts';

/** How long a start waits while another command holds the case's start guard. */
const START_IN_PROGRESS_DELAY_MS = 1_000;

/**
 * START_PROCESS: registry guard first, then the message start event with the business key, then the
 * registry row and the command's completion in one transaction. A duplicate start event (another event
 * id for the same case) finds the guard taken and is ignored, naming the instance that exists.
 */
export async function startProcess(ctx: CommandContext, c: CommandRow): Promise<void> {
  const guarded = await guardStartAndMarkCall(ctx.db, leaseOf(c), {
    processKey: c.process_key,
    businessKey: c.business_key,
    tenantId: c.tenant_id,
    sourceEventId: c.source_event_id,
  });
  if (!guarded) {
    const holder = await findRegistryRow(ctx.db, c.process_key, c.business_key);
    if (holder?.status === 'STARTED') {
      await ignore(
        ctx,
        c,
        'DUPLICATE_START',
        `${c.process_key} already runs for business key ${c.business_key} (started by event ${holder.start_source_event_id})`,
        holder.camunda_process_instance_id,
      );
    } else {
      await retry(ctx, c, 'START_IN_PROGRESS', `command ${holder?.start_command_id ?? '(another)'} is starting this case`, {
        shortDelayMs: START_IN_PROGRESS_DELAY_MS,
      });
    }
    return;
  }

  const timer = ctx.metrics.correlationDuration.startTimer({ command_type: c.command_type });
  let instanceId: string;
  let definitionId: string | null;
  try {
    const [result] = await ctx.engine.correlate({
      messageName: c.message_name,
      businessKey: c.business_key,
      processVariables: startVariables(c),
      ...(c.tenant_id ? { tenantId: c.tenant_id } : {}),
    });
    instanceId = result!.processInstance!.id!;
    definitionId = result!.processInstance!.definitionId ?? null;
  } catch (err) {
    const decision = classifyFailure(err);
    if (decision.action === 'quarantine') return quarantine(ctx, c, decision.code, decision.message);
    // No message start event for it yet (not deployed): worth a few tries, then an operator.
    const code = decision.action === 'no-match' ? 'NO_START_EVENT' : decision.code;
    return retry(ctx, c, code, decision.message);
  } finally {
    timer();
  }
  if (ctx.faults?.afterEngineCall?.(c) === 'abandon') throw new AbandonedError(c.command_id);
  // Relaxed commit: if it is lost in a crash, the reconciler finds the instance by business key.
  await completeStart(ctx.relaxedDb, leaseOf(c), { processKey: c.process_key, businessKey: c.business_key, instanceId, definitionId });
  noteCompleted(ctx, c, 'STARTED', instanceId);
}

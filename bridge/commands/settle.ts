import { withTransaction } from '../../platform/db/pool.ts';
import type { CommandRow } from '../../ledger/commands/command-row.ts';
import type { CommandContext } from './command-context.ts';
import { complete, quarantine } from './transitions.ts';
import { markStarted } from '../../ledger/registry/registry.ts';
import { closeOpenShadowsOfInstance } from '../../ledger/shadows/close-open-of-instance.ts';

export type Settlement = 'applied' | 'not-applied' | 'quarantined';

/** Every value the instance's `seamSourceEventId` variable ever had (history level full keeps them all). */
async function sourceEventIdsSeenBy(ctx: CommandContext, processInstanceId: string): Promise<string[]> {
  const { data, response } = await ctx.engine.raw.GET('/history/detail', {
    params: { query: { processInstanceId, variableNameLike: 'seamSourceEventId', variableUpdates: true, deserializeValues: false, maxResults: 1000 } },
  });
  if (!response.ok) throw new Error(`history query failed (HTTP ${response.status})`);
  return (data ?? []).map((d) => String((d as { value?: unknown }).value));
}

async function historicInstances(ctx: CommandContext, query: Record<string, unknown>) {
  const { data, response } = await ctx.engine.raw.POST('/history/process-instance', { body: query });
  if (!response.ok) throw new Error(`history query failed (HTTP ${response.status})`);
  return data ?? [];
}

/**
 * A previous attempt sent this command to the engine and its outcome is unknown (timeout, crash, lease
 * expired mid-call). Ask the engine before doing anything again: the registry and instances by business
 * key for a start, the source event id in the target instance's variable history for a correlation,
 * the start event id for a late-policy start. Completes the command when it was applied.
 */
export async function settlePreviousCall(ctx: CommandContext, c: CommandRow): Promise<Settlement> {
  if (c.command_type === 'START_PROCESS') {
    const instances = await historicInstances(ctx, { processDefinitionKey: c.process_key, processInstanceBusinessKey: c.business_key });
    if (instances.length > 1) {
      await quarantine(ctx, c, 'DUPLICATE_PROCESS_INSTANCE', `${instances.length} instances of ${c.process_key} have business key ${c.business_key}`, {
        instances: instances.map((i) => i.id),
      });
      return 'quarantined';
    }
    const [instance] = instances;
    if (!instance) return 'not-applied';
    await withTransaction(ctx.db, async (tx) => {
      await markStarted(tx, c.process_key, c.business_key, c.command_id, instance.id!, instance.processDefinitionId ?? null, 'RECONCILER');
      await complete(ctx, c, 'STARTED_RECONCILED', instance.id!, tx);
    });
    return 'applied';
  }
  const target = c.camunda_process_instance_id;
  if (target && (await sourceEventIdsSeenBy(ctx, target)).includes(c.source_event_id)) {
    await withTransaction(ctx.db, async (tx) => {
      await closeOpenShadowsOfInstance(tx, target, c.message_name, c.command_id);
      await complete(ctx, c, 'CORRELATED_RECONCILED', target, tx);
    });
    return 'applied';
  }
  if (c.late_policy?.action === 'startProcess') {
    const started = await historicInstances(ctx, {
      processDefinitionKey: c.late_policy.processKey,
      variables: [{ name: 'seamStartEventId', operator: 'eq', value: c.source_event_id }],
    });
    if (!started[0]) return 'not-applied';
    await complete(ctx, c, 'LATE_REVIEW_STARTED', started[0].id!, ctx.db, { code: 'LATE_EVENT', message: 'late policy startProcess (reconciled)' });
    return 'applied';
  }
  return 'not-applied';
}

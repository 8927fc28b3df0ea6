import type { ShadowRow } from '../../ledger/shadows/insert-opening.ts';
import type { CommandRow } from '../../ledger/commands/command-row.ts';
import type { CommandContext } from './command-context.ts';
import { callEngine } from './call-engine.ts';
import { commandVariables, startVariables } from './engine-variables.ts';
import { complete, ignore, quarantine, retry } from './transitions.ts';
import { correlationTenant } from '../../platform/engine/tenant.ts';

/**
 * The event's wait has ended (shadow CLOSED or EXPIRED): the mapping's late policy decides, and the
 * command records which policy was applied and why.
 */
export async function applyLatePolicy(ctx: CommandContext, c: CommandRow, ended: ShadowRow): Promise<void> {
  const why = `the wait for ${c.message_name} in instance ${ended.camunda_process_instance_id} ended (${ended.status}, ${ended.close_reason ?? 'no reason'}) at ${ended.closed_at?.toISOString()}`;
  const policy = c.late_policy ?? { action: 'quarantine' as const };
  const note = { code: 'LATE_EVENT' as const, message: `late: ${why}; policy ${policy.action}` };
  switch (policy.action) {
    case 'quarantine':
      return quarantine(ctx, c, 'LATE_EVENT', `${why}; the late policy is to quarantine`);
    case 'ignore':
      return ignore(ctx, c, 'LATE_EVENT_IGNORED', `${why}; the late policy is to ignore`, ended.camunda_process_instance_id);
    case 'correlate':
    case 'startProcess': {
      const late = { lateOfMessage: { value: c.message_name, type: 'String' as const }, lateWaitStatus: { value: ended.status, type: 'String' as const } };
      const targetInstance = policy.action === 'correlate' ? ended.camunda_process_instance_id : null;
      const delivered = await callEngine(ctx, c, { targetInstanceId: targetInstance }, async () => {
        const [result] =
          policy.action === 'correlate'
            ? await ctx.engine.correlate({ messageName: policy.messageName, processInstanceId: targetInstance, processVariables: commandVariables(c, late) })
            : await ctx.engine.correlate({
                messageName: policy.messageName,
                businessKey: c.business_key,
                processVariables: startVariables(c, late),
                ...correlationTenant(c.tenant_id),
              });
        return result?.processInstance?.id ?? result?.execution?.processInstanceId ?? targetInstance;
      });
      if (!delivered.ok) {
        const { decision } = delivered;
        if (decision.action === 'quarantine') return quarantine(ctx, c, decision.code, `late policy ${policy.action} failed: ${decision.message}`);
        if (decision.action === 'no-match')
          return quarantine(ctx, c, 'LATE_EVENT_NO_TARGET', `${why}; late policy ${policy.action} to ${policy.messageName} found nothing to deliver to`);
        return retry(ctx, c, decision.code, decision.message);
      }
      return complete(ctx, c, policy.action === 'correlate' ? 'LATE_CORRELATED' : 'LATE_REVIEW_STARTED', delivered.value, ctx.db, note);
    }
  }
}

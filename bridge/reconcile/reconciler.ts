import cron from 'node-cron';
import type { Config } from '../../platform/config.ts';
import type { CommandContext } from '../commands/command-context.ts';
import { leaseOf } from '../../ledger/commands/command-row.ts';
import { logFields } from '../commands/transitions.ts';
import { settlePreviousCall } from '../commands/settle.ts';
import { takeOverExpiredLeases } from '../../ledger/commands/take-over-expired-leases.ts';
import { releaseCommand } from '../../ledger/commands/release.ts';
import { expireBuffers } from '../../ledger/commands/expire-buffers.ts';
import { rewakeBufferedWithOpenWait } from '../../ledger/commands/rewake-buffered.ts';
import { confirmOpeningShadow } from '../../ledger/shadows/confirm-opening.ts';
import { expireDriftedShadow } from '../../ledger/shadows/expire-drifted.ts';
import { EngineError } from '../../platform/engine/engine-error.ts';
import { CHANNELS, notify } from '../../ledger/notify/channels.ts';
import { findOpenShadows, findStaleOpeningShadows } from '../../ledger/shadows/find-shadows.ts';

/** A shadow may stay OPENING this long (hook completing, engine committing) before the reconciler looks. */
const OPENING_GRACE_SECONDS = 30;

export interface ReconcileReport {
  leasesSettled: number;
  buffersExpired: number;
  buffersRewoken: number;
  openingConfirmed: number;
  shadowsExpired: number;
  shadowsWithoutEngineWait: number;
}

/**
 * Leases that expired mid-call: settled against the engine (completed when it was applied), released when
 * the engine was never called or did not apply it, quarantined when the engine shows duplicates. Never
 * a blind retry.
 */
async function settleExpiredLeases(ctx: CommandContext, report: ReconcileReport): Promise<void> {
  const taken = await takeOverExpiredLeases(ctx.db, `${ctx.settings.workerId}/reconciler`, 50, ctx.settings.leaseMs);
  for (const c of taken) {
    try {
      const outcome = c.engine_call_started_at ? await settlePreviousCall(ctx, c) : 'not-called';
      if (outcome === 'not-called' || outcome === 'not-applied') {
        await releaseCommand(
          ctx.db,
          leaseOf(c),
          outcome === 'not-called' ? 'LEASE_EXPIRED_NOT_CALLED' : 'RECONCILED_NOT_APPLIED',
          `lease of ${c.locked_by ?? 'a worker'} expired; the engine ${outcome === 'not-called' ? 'was never called' : 'shows the event was not applied'}`,
        );
      }
      ctx.metrics.reconciled.inc({ outcome: `lease_${outcome}` });
      ctx.log.info({ event: 'lease_reconciled', ...logFields(c), outcome }, 'expired lease settled');
      report.leasesSettled++;
    } catch (err) {
      // Leave it held by the reconciler: its lease expires too and the next run tries again.
      ctx.log.warn({ event: 'lease_reconcile_failed', ...logFields(c), error: (err as Error).message }, 'could not settle an expired lease');
    }
  }
}

async function externalTaskExists(ctx: CommandContext, id: string): Promise<boolean> {
  const { response } = await ctx.engine.raw.GET('/external-task/{id}', { params: { path: { id } } });
  if (response.status === 404) return false;
  if (!response.ok) throw new EngineError('GET /external-task/{id}', 'http', response.status, `HTTP${response.status}`, 'external task lookup failed', null);
  return true;
}

/** OPENING rows past their grace: confirm them, or expire them when the engine shows the wait is gone. */
async function settleStaleOpening(ctx: CommandContext, report: ReconcileReport): Promise<void> {
  const rows = await findStaleOpeningShadows(ctx.db, OPENING_GRACE_SECONDS, 100);
  for (const row of rows) {
    const result = await confirmOpeningShadow(row, ctx.db, ctx.engine, ctx.log);
    if (result.confirmed) {
      report.openingConfirmed++;
      ctx.metrics.reconciled.inc({ outcome: 'shadow_confirmed' });
    } else if (result.reason === 'NO_ENGINE_SUBSCRIPTION' && !(await externalTaskExists(ctx, row.opened_by_task_id))) {
      // The hook completed (or its instance is gone) and the engine does not wait: the wait already passed.
      if (await expireDriftedShadow(ctx.db, row.subscription_id, 'ENGINE_NOT_WAITING')) {
        report.shadowsExpired++;
        ctx.metrics.reconciled.inc({ outcome: 'shadow_expired_drift' });
      }
    }
  }
}

/** OPEN shadows of instances that have ended are expired; OPEN shadows the engine does not back are reported. */
async function checkOpenShadowsAgainstEngine(ctx: CommandContext, report: ReconcileReport): Promise<void> {
  const rows = await findOpenShadows(ctx.db, 500);
  if (rows.length === 0) return;
  const instanceIds = [...new Set(rows.map((r) => r.camunda_process_instance_id))];
  const alive = new Set((await ctx.engine.processInstances({ processInstanceIds: instanceIds })).map((p) => p.id));
  for (const row of rows) {
    if (alive.has(row.camunda_process_instance_id)) continue;
    if (await expireDriftedShadow(ctx.db, row.subscription_id, 'INSTANCE_ENDED')) {
      report.shadowsExpired++;
      ctx.metrics.reconciled.inc({ outcome: 'shadow_expired_instance_ended' });
      ctx.log.warn(
        {
          event: 'shadow_drift_repaired',
          subscriptionId: row.subscription_id,
          processInstanceId: row.camunda_process_instance_id,
          messageName: row.message_name,
        },
        'instance ended while its shadow was open; expired it',
      );
    }
  }
  for (const row of rows.filter((r) => alive.has(r.camunda_process_instance_id)).slice(0, 50)) {
    const subs = await ctx.engine.eventSubscriptions({ processInstanceId: row.camunda_process_instance_id, eventName: row.message_name, eventType: 'message' });
    if (subs.length === 0) {
      report.shadowsWithoutEngineWait++;
      ctx.log.warn(
        {
          event: 'shadow_drift_detected',
          subscriptionId: row.subscription_id,
          processInstanceId: row.camunda_process_instance_id,
          messageName: row.message_name,
        },
        'shadow is open but the engine has no subscription; the next correlation will reconcile it',
      );
    }
  }
}

/** One reconciliation pass; every part runs even if another failed. */
export async function reconcileOnce(ctx: CommandContext): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    leasesSettled: 0,
    buffersExpired: 0,
    buffersRewoken: 0,
    openingConfirmed: 0,
    shadowsExpired: 0,
    shadowsWithoutEngineWait: 0,
  };
  const steps: [string, () => Promise<unknown>][] = [
    ['leases', () => settleExpiredLeases(ctx, report)],
    [
      'buffers',
      async () => {
        const expired = await expireBuffers(ctx.db);
        report.buffersExpired = expired.length;
        if (expired.length) ctx.metrics.reconciled.inc({ outcome: 'buffer_expired' }, expired.length);
        const rewoken = await rewakeBufferedWithOpenWait(ctx.db);
        report.buffersRewoken = rewoken.length;
        if (rewoken.length) {
          ctx.metrics.reconciled.inc({ outcome: 'buffer_rewoken' }, rewoken.length);
          await notify(ctx.db, CHANNELS.commands);
        }
      },
    ],
    ['opening-shadows', () => settleStaleOpening(ctx, report)],
    ['open-shadows', () => checkOpenShadowsAgainstEngine(ctx, report)],
  ];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (err) {
      ctx.log.warn({ event: 'reconcile_step_failed', step: name, error: (err as Error).message }, 'reconciliation step failed; next run retries');
    }
  }
  return report;
}

export interface Reconciler {
  stop(): Promise<void>;
}

/** Runs `reconcileOnce` on the configured node-cron schedule, never two passes at once. */
export function startReconciler(ctx: CommandContext, bridge: Config['bridge']): Reconciler {
  const task = cron.schedule(
    bridge.reconcileCron,
    async () => {
      const report = await reconcileOnce(ctx);
      if (Object.values(report).some((n) => n > 0)) ctx.log.info({ event: 'reconcile_pass', ...report }, 'reconciliation pass');
    },
    { noOverlap: true, name: 'seam-reconciler' },
  );
  return {
    async stop() {
      await task.stop();
    },
  };
}

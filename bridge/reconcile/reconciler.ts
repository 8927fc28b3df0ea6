import cron from 'node-cron';
import type { Config } from '../../platform/config.ts';
import type { CommandContext } from '../commands/command-context.ts';
import { leaseOf } from '../../ledger/commands/command-row.ts';
import { logFields } from '../commands/transitions.ts';
import { retryUnsettled, settlePreviousCall } from '../commands/settle.ts';
import { takeOverExpiredLeases } from '../../ledger/commands/take-over-expired-leases.ts';
import { releaseCommand } from '../../ledger/commands/release.ts';
import { expireBuffers } from '../../ledger/commands/expire-buffers.ts';
import { rewakeBufferedWithOpenWait } from '../../ledger/commands/rewake-buffered.ts';
import { confirmOpeningShadow } from '../../ledger/shadows/confirm-opening.ts';
import { expireDriftedShadow } from '../../ledger/shadows/expire-drifted.ts';
import { CHANNELS, notify } from '../../ledger/notify/channels.ts';
import { findOpenShadows, findStaleOpeningShadows } from '../../ledger/shadows/find-shadows.ts';
import { findBufferedAfterEndedWait } from '../../ledger/commands/find-buffered-after-ended-wait.ts';
import { wakeBufferedCommands } from '../../ledger/commands/wake-buffered.ts';
import { mayWaitAgain } from '../commands/may-wait-again.ts';

/** A shadow may stay OPENING this long (hook completing, engine committing) before the reconciler looks. */
const OPENING_GRACE_SECONDS = 30;

export interface ReconcileReport {
  leasesSettled: number;
  buffersExpired: number;
  buffersRewoken: number;
  /** Buffered for the next round of a loop their instance has left (or ended): woken for the late policy. */
  buffersLoopLeft: number;
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
      // `pending`: released too; the worker that claims it settles again before any new engine call.
      if (outcome === 'not-called' || outcome === 'not-applied' || outcome === 'pending') {
        await releaseCommand(
          ctx.db,
          leaseOf(c),
          outcome === 'not-called' ? 'LEASE_EXPIRED_NOT_CALLED' : outcome === 'pending' ? 'OUTCOME_UNKNOWN' : 'RECONCILED_NOT_APPLIED',
          `lease of ${c.locked_by ?? 'a worker'} expired; the engine ${
            outcome === 'not-called' ? 'was never called' : outcome === 'pending' ? 'may still apply the last call' : 'shows the event was not applied'
          }`,
        );
      }
      ctx.metrics.reconciled.inc({ outcome: `lease_${outcome}` });
      ctx.log.info({ event: 'lease_reconciled', ...logFields(c), outcome }, 'expired lease settled');
      report.leasesSettled++;
    } catch (err) {
      // Not held forever: a retry that spends an attempt, visible with its reason; a settle that keeps
      // failing (history forbidden, a low query limit) ends QUARANTINED (RETRIES_EXHAUSTED) for an operator.
      ctx.log.warn({ event: 'lease_reconcile_failed', ...logFields(c), error: (err as Error).message }, 'could not settle an expired lease');
      await retryUnsettled(ctx, c, err).catch((retryErr: Error) =>
        ctx.log.warn({ event: 'lease_reconcile_failed', ...logFields(c), error: retryErr.message }, 'could not record the failed settlement'),
      );
    }
  }
}

async function externalTaskExists(ctx: CommandContext, id: string): Promise<boolean> {
  return (await ctx.engine.getExternalTask(id)) !== null;
}

const OPENING_PAGE = 100;
const OPEN_PAGE = 500;
const LOOP_BUFFERED_PAGE = 100;

interface Cursors {
  open: string | null;
  opening: string | null;
  loopBuffered: string | null;
}

/** Where each pass resumes, per bridge: every row is visited in turn, however many there are. */
const cursors = new WeakMap<CommandContext, Cursors>();
function cursorsOf(ctx: CommandContext): Cursors {
  let c = cursors.get(ctx);
  if (!c) cursors.set(ctx, (c = { open: null, opening: null, loopBuffered: null }));
  return c;
}

/**
 * Commands buffered after their wait ended, for the next round of a loop: when their instance can no
 * longer wait for the message again (it ended, or left the loop for good), they are woken, and their
 * worker applies the late policy now instead of at the end of the buffer window.
 */
async function wakeBufferedWhoseLoopIsLeft(ctx: CommandContext, report: ReconcileReport): Promise<void> {
  const cursor = cursorsOf(ctx);
  const rows = await findBufferedAfterEndedWait(ctx.db, LOOP_BUFFERED_PAGE, cursor.loopBuffered);
  cursor.loopBuffered = rows.length < LOOP_BUFFERED_PAGE ? null : rows[rows.length - 1]!.command_id;
  const asked = new Map<string, boolean>();
  for (const row of rows) {
    const wait = { processInstanceId: row.camunda_process_instance_id, processKey: row.process_key, messageName: row.message_name };
    const asking = `${wait.processInstanceId}\u001f${wait.messageName}`;
    try {
      if (!asked.has(asking)) asked.set(asking, await mayWaitAgain(ctx.engine, wait));
      if (asked.get(asking)) continue;
      const woken = await wakeBufferedCommands(ctx.db, {
        processKey: row.process_key,
        businessKey: row.business_key,
        tenantId: row.tenant_id,
        messageName: row.message_name,
        correlationKeyValue: row.correlation_key_value,
      });
      report.buffersLoopLeft += woken.length;
      if (woken.length) ctx.metrics.reconciled.inc({ outcome: 'buffer_loop_left' }, woken.length);
    } catch (err) {
      ctx.log.warn(
        { event: 'reconcile_loop_buffer_failed', commandId: row.command_id, processInstanceId: wait.processInstanceId, error: (err as Error).message },
        'could not tell whether the instance may wait again; next run retries',
      );
    }
  }
}

/** OPENING rows past their grace: confirm them, or expire them when the engine shows the wait is gone. */
async function settleStaleOpening(ctx: CommandContext, report: ReconcileReport): Promise<void> {
  const cursor = cursorsOf(ctx);
  const rows = await findStaleOpeningShadows(ctx.db, OPENING_GRACE_SECONDS, OPENING_PAGE, cursor.opening);
  cursor.opening = rows.length < OPENING_PAGE ? null : rows[rows.length - 1]!.subscription_id;
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
  const cursor = cursorsOf(ctx);
  const rows = await findOpenShadows(ctx.db, OPEN_PAGE, cursor.open);
  cursor.open = rows.length < OPEN_PAGE ? null : rows[rows.length - 1]!.subscription_id;
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
    buffersLoopLeft: 0,
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
    ['loop-buffers', () => wakeBufferedWhoseLoopIsLeft(ctx, report)],
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

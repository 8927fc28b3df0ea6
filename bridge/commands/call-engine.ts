import { leaseOf, type CommandRow } from '../../ledger/commands/command-row.ts';
import { markEngineCallStarted } from '../../ledger/commands/mark-engine-call.ts';
import { AbandonedError, type CommandContext } from './command-context.ts';
import { classifyFailure, type FailureDecision } from './classify-failure.ts';
import { faultPoint } from '../../platform/service/fault-points.ts';

export type EngineCallResult<T> = { ok: true; value: T } | { ok: false; decision: FailureDecision };

/**
 * Whether the command's ledger row must record the call before it is made: `{ targetInstanceId }` records it
 * here (mark-engine-call); 'recorded' when the caller's own guard statement already did (the start guard).
 */
export type CallRecord = { targetInstanceId: string | null } | 'recorded';

/**
 * The one way a command meets the engine (start, correlation, late policy): the call is recorded first, so
 * an expired lease is settled against the engine instead of retried blindly; it is timed; a failure comes
 * back classified (classify-failure.ts) for the caller to decide; and the chaos suite's crashes just before
 * and just after the call (fault-points.ts), and a test's abandoned command, are injected here. Whatever `call` throws, including reading its answer, is a failure.
 */
export async function callEngine<T>(ctx: CommandContext, c: CommandRow, record: CallRecord, call: () => Promise<T>): Promise<EngineCallResult<T>> {
  if (record !== 'recorded') await markEngineCallStarted(ctx.db, leaseOf(c), record.targetInstanceId);
  faultPoint('before-engine-call');
  const timer = ctx.metrics.correlationDuration.startTimer({ command_type: c.command_type });
  let value: T;
  try {
    value = await call();
  } catch (err) {
    return { ok: false, decision: classifyFailure(err) };
  } finally {
    timer();
  }
  faultPoint('after-engine-call');
  if (ctx.faults?.afterEngineCall?.(c) === 'abandon') throw new AbandonedError(c.command_id);
  return { ok: true, value };
}

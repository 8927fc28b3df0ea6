import type { Queryable } from '../../platform/db/pool.ts';
import { caseKeyOf, leaseOf, type CommandRow } from '../../ledger/commands/command-row.ts';
import type { CommandContext } from './command-context.ts';
import { completeCommand } from '../../ledger/commands/complete.ts';
import { quarantineCommand } from '../../ledger/commands/quarantine.ts';
import { ignoreCommand } from '../../ledger/commands/ignore.ts';
import { retryCommand } from '../../ledger/commands/retry.ts';
import { releaseStartGuard } from '../../ledger/registry/registry.ts';
import type { CommandReasonCode, CommandResolution, CommandStatus } from '../../ledger/states.ts';

/** The log fields of the reference design: ids and names, never payload values. */
export const logFields = (c: CommandRow) => ({
  commandId: c.command_id,
  sourceEventId: c.source_event_id,
  sourceEventType: c.source_event_type,
  commandType: c.command_type,
  processKey: c.process_key,
  businessKey: c.business_key,
  tenantId: c.tenant_id,
  messageName: c.message_name,
  attempt: c.attempt_count,
});

function count(ctx: CommandContext, c: CommandRow, status: CommandStatus, code: CommandReasonCode | CommandResolution): void {
  ctx.metrics.outcomes.inc({ command_type: c.command_type, status, code });
}

export async function complete(
  ctx: CommandContext,
  c: CommandRow,
  resolution: CommandResolution,
  processInstanceId: string | null,
  tx: Queryable = ctx.db,
  note?: { code: CommandReasonCode; message: string },
): Promise<void> {
  await completeCommand(tx, leaseOf(c), resolution, processInstanceId, note);
  noteCompleted(ctx, c, resolution, processInstanceId);
}

/** Metrics and log of a completion that a combined statement already wrote. */
export function noteCompleted(ctx: CommandContext, c: CommandRow, resolution: CommandResolution, processInstanceId: string | null): void {
  count(ctx, c, 'COMPLETED', resolution);
  ctx.metrics.endToEnd.observe({ command_type: c.command_type }, (Date.now() - new Date(c.created_at).getTime()) / 1000);
  ctx.log.info({ event: 'command_completed', ...logFields(c), resolution, camundaProcessInstanceId: processInstanceId }, 'command applied');
}

export async function quarantine(ctx: CommandContext, c: CommandRow, code: CommandReasonCode, message: string, detail?: unknown): Promise<void> {
  await quarantineCommand(ctx.db, leaseOf(c), code, message, detail);
  // A start that gives up before ever calling the engine releases the case's guard at once. One that did call
  // it keeps the guard while an instance may exist; the next start for the case settles it against the engine.
  if (c.command_type === 'START_PROCESS' && !c.engine_call_started_at) await releaseStartGuard(ctx.db, caseKeyOf(c), c.command_id);
  count(ctx, c, 'QUARANTINED', code);
  ctx.log.warn({ event: 'command_quarantined', ...logFields(c), reasonCode: code, reason: message }, 'command quarantined');
}

export async function ignore(
  ctx: CommandContext,
  c: CommandRow,
  code: CommandReasonCode,
  message: string,
  processInstanceId: string | null = null,
): Promise<void> {
  await ignoreCommand(ctx.db, leaseOf(c), code, message, processInstanceId);
  count(ctx, c, 'IGNORED', code);
  ctx.log.info({ event: 'command_ignored', ...logFields(c), reasonCode: code }, 'command ignored');
}

/**
 * Schedules another attempt with capped exponential backoff, or quarantines with RETRIES_EXHAUSTED when the
 * attempts are spent. `short` is a deliberate brief wait that does not spend an attempt.
 */
export async function retry(
  ctx: CommandContext,
  c: CommandRow,
  code: CommandReasonCode,
  message: string,
  options: { shortDelayMs?: number; countNoMatch?: boolean } = {},
): Promise<void> {
  const consumeAttempt = options.shortDelayMs === undefined;
  if (consumeAttempt && c.attempt_count >= c.max_attempts) {
    await quarantine(ctx, c, 'RETRIES_EXHAUSTED', `gave up after ${c.attempt_count} attempts; last: ${code}: ${message}`);
    return;
  }
  await retryCommand(
    ctx.db,
    leaseOf(c),
    { code, message },
    {
      baseMs: ctx.settings.retryBaseMs,
      capMs: ctx.settings.retryCapMs,
      consumeAttempt,
      ...(options.shortDelayMs !== undefined ? { fixedDelayMs: options.shortDelayMs } : {}),
      ...(options.countNoMatch ? { countNoMatch: true } : {}),
    },
  );
  count(ctx, c, 'RETRY_PENDING', code);
  ctx.log.info({ event: 'command_retry_scheduled', ...logFields(c), reasonCode: code }, 'command will be retried');
}

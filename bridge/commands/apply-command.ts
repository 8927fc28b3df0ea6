import type { CommandRow } from '../../ledger/commands/command-row.ts';
import type { CommandContext } from './command-context.ts';
import { retryUnsettled, settlePreviousCall, type Settlement } from './settle.ts';
import { startProcess } from './start-process.ts';
import { correlateMessage } from './correlate-message.ts';
import { retry } from './transitions.ts';
import { LeaseLostError } from '../../ledger/commands/command-row.ts';

const PENDING_RECHECK_MS = 1_000;

/**
 * Applies one leased command. If an earlier attempt reached the engine with an unknown outcome, the
 * engine is asked first (settle): a command is never applied twice because a reply was lost.
 */
export async function applyCommand(ctx: CommandContext, c: CommandRow): Promise<void> {
  if (c.engine_call_started_at) {
    let settled: Settlement;
    try {
      settled = await settlePreviousCall(ctx, c);
    } catch (err) {
      if (err instanceof LeaseLostError) throw err;
      return retryUnsettled(ctx, c, err);
    }
    if (settled === 'pending') {
      // The previous call may still land: ask again shortly (attempts not spent), never call a second time yet.
      return retry(ctx, c, 'OUTCOME_UNKNOWN', 'the previous engine call may still be applied; waiting for it to land or time out', {
        shortDelayMs: PENDING_RECHECK_MS,
      });
    }
    if (settled !== 'not-applied') return;
  }
  if (c.command_type === 'START_PROCESS') return startProcess(ctx, c);
  return correlateMessage(ctx, c);
}

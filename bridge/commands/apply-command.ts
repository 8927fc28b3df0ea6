import type { CommandRow } from '../../ledger/commands/command-row.ts';
import type { CommandContext } from './command-context.ts';
import { settlePreviousCall } from './settle.ts';
import { startProcess } from './start-process.ts';
import { correlateMessage } from './correlate-message.ts';

/**
 * Applies one leased command. If an earlier attempt reached the engine with an unknown outcome, the
 * engine is asked first (settle): a command is never applied twice because a reply was lost.
 */
export async function applyCommand(ctx: CommandContext, c: CommandRow): Promise<void> {
  if (c.engine_call_started_at && (await settlePreviousCall(ctx, c)) !== 'not-applied') return;
  if (c.command_type === 'START_PROCESS') return startProcess(ctx, c);
  return correlateMessage(ctx, c);
}

import type { Queryable } from '../../platform/db/pool.ts';
import type { CommandRow } from './command-row.ts';

export type CommandState = Pick<CommandRow, 'command_id' | 'status' | 'engine_call_started_at' | 'reason_code'>;

/** Where another command stands (e.g. the holder of a case's start guard), read without a lock. */
export async function findCommandState(db: Queryable, commandId: string): Promise<CommandState | undefined> {
  const { rows } = await db.query<CommandState>(
    `select command_id, status, engine_call_started_at, reason_code from integration.process_correlation_command where command_id = $1`,
    [commandId],
  );
  return rows[0];
}

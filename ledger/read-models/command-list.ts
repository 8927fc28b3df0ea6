import type { Queryable } from '../../platform/db/pool.ts';
import type { CommandStatus, CommandType } from '../states.ts';
import { TABLES } from '../schema.ts';

export interface CommandListRow {
  command_id: string;
  status: CommandStatus;
  command_type: CommandType;
  process_key: string;
  message_name: string;
  business_key: string;
  attempt_count: number;
  /** The resolution of a completed command, else its last reason code, else ''. */
  why: string;
  updated_at: Date;
}

/** `seam ops list`: commands, most recently moved first, optionally of one status and process. */
export async function listCommands(db: Queryable, f: { status: CommandStatus | null; processKey: string | null; limit: number }): Promise<CommandListRow[]> {
  const { rows } = await db.query<CommandListRow>(
    `select command_id, status, command_type, process_key, message_name, business_key, attempt_count, coalesce(resolution, reason_code, '') as why, updated_at
       from ${TABLES.commands}
      where ($1::text is null or status = $1) and ($2::text is null or process_key = $2)
      order by updated_at desc limit $3`,
    [f.status, f.processKey, f.limit],
  );
  return rows;
}

/** One command's status, or undefined when there is no such command. */
export async function commandStatus(db: Queryable, commandId: string): Promise<CommandStatus | undefined> {
  const { rows } = await db.query<{ status: CommandStatus }>(`select status from ${TABLES.commands} where command_id = $1`, [commandId]);
  return rows[0]?.status;
}

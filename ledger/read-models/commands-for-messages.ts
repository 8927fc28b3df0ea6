import type { Queryable } from '../../platform/db/pool.ts';
import { OPEN_COMMAND_STATUSES, type CommandStatus } from '../states.ts';
import { TABLES } from '../schema.ts';

export interface OpenCommand {
  command_id: string;
  status: CommandStatus;
  message_name: string;
  business_key: string;
}

/** Commands of a process that will still be delivered and target a message outside `keep`. */
export async function openCommandsOutside(db: Queryable, processKey: string, keep: string[]): Promise<OpenCommand[]> {
  const { rows } = await db.query<OpenCommand>(
    `select command_id, status, message_name, business_key
       from ${TABLES.commands}
      where process_key = $1
        and status = any($2::text[])
        and not (message_name = any($3::text[]))
      order by created_at, command_id`,
    [processKey, OPEN_COMMAND_STATUSES, keep],
  );
  return rows;
}

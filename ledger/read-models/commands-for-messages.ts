import type { Queryable } from '../../platform/db/pool.ts';

export interface OpenCommand {
  command_id: string;
  status: string;
  message_name: string;
  business_key: string;
}

/** Commands not yet settled: the bridge will still deliver them to the engine. */
export const OPEN_COMMAND_STATUSES = ['PENDING', 'PROCESSING', 'RETRY_PENDING', 'BUFFERED'] as const;

/** Commands of a process that will still be delivered and target a message outside `keep`. */
export async function openCommandsOutside(db: Queryable, processKey: string, keep: string[]): Promise<OpenCommand[]> {
  const { rows } = await db.query<OpenCommand>(
    `select command_id, status, message_name, business_key
       from integration.process_correlation_command
      where process_key = $1
        and status = any($2::text[])
        and not (message_name = any($3::text[]))
      order by created_at, command_id`,
    [processKey, OPEN_COMMAND_STATUSES, keep],
  );
  return rows;
}

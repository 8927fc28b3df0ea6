import type { Queryable } from '../../platform/db/pool.ts';
import { UNAPPLIED_COMMAND_STATUSES, type CommandStatus } from '../states.ts';
import { TABLES } from '../schema.ts';

/** How many commands are in `status` now: the queue-depth gauges, read at scrape time. */
export async function countCommandsInStatus(db: Queryable, status: CommandStatus): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${TABLES.commands} where status = $1`, [status]);
  return rows[0]?.n ?? 0;
}

/** Age in seconds of the oldest command not yet applied (due, retrying or being applied); 0 when none. */
export async function oldestUnappliedAgeSeconds(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ age: number | null }>(
    `select extract(epoch from now() - min(created_at))::float8 as age from ${TABLES.commands} where status = any($1::text[])`,
    [UNAPPLIED_COMMAND_STATUSES],
  );
  return rows[0]?.age ?? 0;
}

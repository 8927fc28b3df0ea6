import type { Queryable } from '../../platform/db/pool.ts';
import { OPEN_COMMAND_STATUSES, UNAPPLIED_COMMAND_STATUSES, type CommandStatus } from '../states.ts';
import { TABLES } from '../schema.ts';

/**
 * Commands per status, in one grouped statement. `live`: only the open statuses (few rows, served by the
 * open-commands index), cheap enough for every scrape; otherwise the ended ones, which grow with the
 * ledger and are read rarely (the caller caches them).
 */
export async function countCommandsByStatus(db: Queryable, which: 'live' | 'ended'): Promise<Partial<Record<CommandStatus, number>>> {
  const { rows } = await db.query<{ status: CommandStatus; n: number }>(
    `select status, count(*)::int as n from ${TABLES.commands} where (status = any($1::text[])) = $2 group by status`,
    [OPEN_COMMAND_STATUSES, which === 'live'],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Age in seconds of the oldest command not yet applied (due, retrying or being applied); 0 when none. */
export async function oldestUnappliedAgeSeconds(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ age: number | null }>(
    `select extract(epoch from now() - min(created_at))::float8 as age from ${TABLES.commands} where status = any($1::text[])`,
    [UNAPPLIED_COMMAND_STATUSES],
  );
  return rows[0]?.age ?? 0;
}

import type { Queryable } from '../../platform/db/pool.ts';
import { CLAIMABLE_COMMAND_STATUSES } from '../states.ts';
import { TABLES } from '../schema.ts';

/** Milliseconds until the next claimable command is due (negative when overdue); Infinity when none is waiting. */
export async function msUntilNextDue(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ ms: number | null }>(
    `select extract(epoch from min(next_attempt_at) - now())::float8 * 1000 as ms from ${TABLES.commands} where status = any($1::text[])`,
    [CLAIMABLE_COMMAND_STATUSES],
  );
  return rows[0]?.ms ?? Number.POSITIVE_INFINITY;
}

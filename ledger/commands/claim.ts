import type { Queryable } from '../../platform/db/pool.ts';
import type { CommandRow } from './command-row.ts';
import { TABLES } from '../schema.ts';

/**
 * PENDING|RETRY_PENDING → PROCESSING, for due commands, oldest first. SKIP LOCKED lets any number of
 * workers in any number of processes claim side by side without waiting on or taking each other's rows.
 * Each claim gets a fresh lease token; the attempt is counted here.
 */
export async function claimDueCommands(db: Queryable, workerId: string, limit: number, leaseMs: number): Promise<CommandRow[]> {
  const { rows } = await db.query<CommandRow>(
    `with due as (
       select command_id from ${TABLES.commands}
        where status in ('PENDING', 'RETRY_PENDING') and next_attempt_at <= now()
        order by next_attempt_at, created_at
        limit $2
        for update skip locked)
     update ${TABLES.commands} c
        set status = 'PROCESSING', locked_by = $1, locked_until = now() + make_interval(secs => $3 / 1000.0),
            lease_token = gen_random_uuid(), attempt_count = c.attempt_count + 1, updated_at = now()
       from due
      where c.command_id = due.command_id
     returning c.*`,
    [workerId, limit, leaseMs],
  );
  return rows;
}

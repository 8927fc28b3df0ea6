import type { Queryable } from '../../platform/db/pool.ts';
import type { CommandRow } from './command-row.ts';
import { TABLES } from '../schema.ts';

/**
 * PROCESSING (lease expired) → PROCESSING under a new lease held by the reconciler. The old holder's
 * token no longer matches, so if it wakes up it cannot overwrite what the reconciler decides.
 */
export async function takeOverExpiredLeases(db: Queryable, reconcilerId: string, limit: number, leaseMs: number): Promise<CommandRow[]> {
  const { rows } = await db.query<CommandRow>(
    `with expired as (
       select command_id from ${TABLES.commands}
        where status = 'PROCESSING' and locked_until < now()
        order by locked_until
        limit $2
        for update skip locked)
     update ${TABLES.commands} c
        set locked_by = $1, locked_until = now() + make_interval(secs => $3 / 1000.0), lease_token = gen_random_uuid(), updated_at = now()
       from expired
      where c.command_id = expired.command_id
     returning c.*`,
    [reconcilerId, limit, leaseMs],
  );
  return rows;
}

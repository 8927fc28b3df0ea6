import type { Queryable } from '../../platform/db/pool.ts';
import type { Lease } from './command-row.ts';
import { TABLES } from '../schema.ts';

/** Whether the lease is still this worker's: a guarded statement matched nothing and the caller must tell why. */
export async function holdsLease(db: Queryable, lease: Lease): Promise<boolean> {
  const { rows } = await db.query(`select 1 from ${TABLES.commands} where command_id = $1 and lease_token = $2 and status = 'PROCESSING'`, [
    lease.commandId,
    lease.token,
  ]);
  return rows.length > 0;
}

import type { Queryable } from '../../platform/db/pool.ts';
import { expectLease, type Lease } from './command-row.ts';
import type { CommandReasonCode } from '../states.ts';
import { CLEAR_LEASE, TABLES } from '../schema.ts';

/**
 * PROCESSING → PENDING, due now, attempt given back: the command was never sent to the engine (or the
 * reconciler proved it was not applied), so it is simply offered again. Also the end of a shutdown.
 */
export async function releaseCommand(db: Queryable, lease: Lease, code: CommandReasonCode, message: string): Promise<void> {
  const { rowCount } = await db.query(
    `update ${TABLES.commands}
        set status = 'PENDING', next_attempt_at = now(), attempt_count = greatest(attempt_count - 1, 0),
            reason_code = $3, reason_message = $4, updated_at = now(), ${CLEAR_LEASE}
      where command_id = $1 and lease_token = $2 and status = 'PROCESSING'`,
    [lease.commandId, lease.token, code, message],
  );
  expectLease(rowCount, lease, 'release');
}

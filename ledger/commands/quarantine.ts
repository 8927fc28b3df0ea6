import type { Queryable } from '../../platform/db/pool.ts';
import { expectLease, type Lease } from './command-row.ts';
import type { CommandReasonCode } from '../states.ts';
import { CLEAR_LEASE, TABLES } from '../schema.ts';

/** PROCESSING → QUARANTINED, only by the lease holder: an operator must look. Always with a reason. */
export async function quarantineCommand(db: Queryable, lease: Lease, code: CommandReasonCode, message: string, detail?: unknown): Promise<void> {
  const { rowCount } = await db.query(
    `update ${TABLES.commands}
        set status = 'QUARANTINED', reason_code = $3, reason_message = $4, error_detail = $5::jsonb,
            quarantined_at = now(), updated_at = now(), ${CLEAR_LEASE}
      where command_id = $1 and lease_token = $2 and status = 'PROCESSING'`,
    [lease.commandId, lease.token, code, message, detail === undefined ? null : JSON.stringify(detail)],
  );
  expectLease(rowCount, lease, 'quarantine');
}

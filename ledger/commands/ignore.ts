import type { Queryable } from '../../platform/db/pool.ts';
import { expectLease, type Lease } from './command-row.ts';
import type { CommandReasonCode } from '../states.ts';
import { CLEAR_LEASE, TABLES } from '../schema.ts';

/** PROCESSING → IGNORED, only by the lease holder: nothing to do, deliberately (a policy or a duplicate). */
export async function ignoreCommand(
  db: Queryable,
  lease: Lease,
  code: CommandReasonCode,
  message: string,
  processInstanceId: string | null = null,
): Promise<void> {
  const { rowCount } = await db.query(
    `update ${TABLES.commands}
        set status = 'IGNORED', reason_code = $3, reason_message = $4, camunda_process_instance_id = coalesce($5, camunda_process_instance_id),
            updated_at = now(), ${CLEAR_LEASE}
      where command_id = $1 and lease_token = $2 and status = 'PROCESSING'`,
    [lease.commandId, lease.token, code, message, processInstanceId],
  );
  expectLease(rowCount, lease, 'ignore');
}

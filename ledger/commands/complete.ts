import type { Queryable } from '../../platform/db/pool.ts';
import { expectLease, type Lease } from './command-row.ts';
import type { CommandReasonCode, CommandResolution } from '../states.ts';
import { CLEAR_LEASE, TABLES } from '../schema.ts';

/** PROCESSING → COMPLETED, only by the lease holder. `resolution` says how (CORRELATED, STARTED, LATE_…). */
export async function completeCommand(
  db: Queryable,
  lease: Lease,
  resolution: CommandResolution,
  processInstanceId: string | null,
  note?: { code: CommandReasonCode; message: string },
): Promise<void> {
  const { rowCount } = await db.query(
    `update ${TABLES.commands}
        set status = 'COMPLETED', resolution = $3, camunda_process_instance_id = coalesce($4, camunda_process_instance_id),
            reason_code = $5, reason_message = $6, completed_at = now(), updated_at = now(), applied_by = locked_by,
            ${CLEAR_LEASE}
      where command_id = $1 and lease_token = $2 and status = 'PROCESSING'`,
    [lease.commandId, lease.token, resolution, processInstanceId, note?.code ?? null, note?.message ?? null],
  );
  expectLease(rowCount, lease, 'completion');
}

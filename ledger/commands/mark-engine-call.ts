import type { Queryable } from '../../platform/db/pool.ts';
import { expectLease, type Lease } from './command-row.ts';
import { TABLES } from '../schema.ts';

/**
 * Records, before the engine is called, that a call is about to happen (and to which instance, when known).
 * If the lease then expires, the reconciler knows the engine may have applied the command and settles it
 * against the engine instead of retrying blindly.
 */
export async function markEngineCallStarted(db: Queryable, lease: Lease, targetInstanceId: string | null): Promise<void> {
  const { rowCount } = await db.query(
    `update ${TABLES.commands}
        set engine_call_started_at = now(), camunda_process_instance_id = coalesce($3, camunda_process_instance_id), updated_at = now()
      where command_id = $1 and lease_token = $2 and status = 'PROCESSING'`,
    [lease.commandId, lease.token, targetInstanceId],
  );
  expectLease(rowCount, lease, 'the engine call');
}

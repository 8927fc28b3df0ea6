import type { Queryable } from '../../platform/db/pool.ts';
import type { Lease } from './command-row.ts';
import { CLEAR_LEASE, TABLES } from '../schema.ts';

/**
 * PROCESSING → BUFFERED: the event came before its wait state; it sleeps until the shadow opens (which
 * wakes it) or its buffer deadline passes (the reconciler quarantines it). The attempt is given back:
 * waiting is not failing. Run under the wait-key lock, and only while no live OPEN shadow matches — if one
 * opened meanwhile, nothing is buffered and the caller correlates at once. Returns whether it buffered.
 */
export async function bufferCommand(tx: Queryable, lease: Lease, reasonMessage: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update ${TABLES.commands} c
        set status = 'BUFFERED', attempt_count = attempt_count - 1, first_buffered_at = coalesce(first_buffered_at, now()), reason_code = 'WAITING_FOR_SUBSCRIPTION', reason_message = $3,
            updated_at = now(), ${CLEAR_LEASE}
      where c.command_id = $1 and c.lease_token = $2 and c.status = 'PROCESSING'
        and not exists (
          select 1 from ${TABLES.shadows} s
           where s.process_key = c.process_key and s.business_key = c.business_key and s.tenant_key = c.tenant_key and s.message_name = c.message_name
             and s.status = 'OPEN'
             and (c.correlation_key_value is null or s.correlation_key_value is not distinct from c.correlation_key_value))`,
    [lease.commandId, lease.token, reasonMessage],
  );
  return rowCount === 1;
}

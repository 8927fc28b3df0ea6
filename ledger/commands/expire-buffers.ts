import type { Queryable } from '../../platform/db/pool.ts';
import { TABLES } from '../schema.ts';

/**
 * BUFFERED → QUARANTINED (NO_MATCHING_EXECUTION) once the buffer deadline has passed: no wait opened for
 * the event within the mapping's `bufferFor`. Returns the commands quarantined.
 */
export async function expireBuffers(db: Queryable): Promise<string[]> {
  // A buffered event whose wait had ended (it waited for the next round of a loop that did not come) is
  // woken instead: its worker applies the late policy, which the quarantine below would skip.
  await db.query(
    `update integration.process_correlation_command c
        set status = 'PENDING', next_attempt_at = now(), updated_at = now()
      where c.status = 'BUFFERED' and c.buffer_until <= now()
        and exists (select 1 from integration.process_wait_subscription s
                     where s.process_key = c.process_key and s.business_key = c.business_key and s.tenant_key = c.tenant_key and s.message_name = c.message_name
                       and s.status in ('CLOSED', 'EXPIRED') and (c.correlation_key_value is null or s.correlation_key_value is not distinct from c.correlation_key_value))`,
  );
  const { rows } = await db.query<{ command_id: string }>(
    `update ${TABLES.commands}
        set status = 'QUARANTINED', reason_code = 'NO_MATCHING_EXECUTION',
            reason_message = 'no wait for this message opened within the buffer window (buffered since ' || to_char(updated_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ')',
            quarantined_at = now(), updated_at = now()
      where status = 'BUFFERED' and buffer_until <= now()
      returning command_id`,
  );
  return rows.map((r) => r.command_id);
}

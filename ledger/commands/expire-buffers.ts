import type { Queryable } from '../../platform/db/pool.ts';
import { TABLES } from '../schema.ts';

/**
 * BUFFERED → QUARANTINED (NO_MATCHING_EXECUTION) once the buffer deadline has passed: no wait opened for
 * the event within the mapping's `bufferFor`. Returns the commands quarantined.
 */
export async function expireBuffers(db: Queryable): Promise<string[]> {
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

import type { Queryable } from '../../platform/db/pool.ts';
import { TABLES } from '../schema.ts';

/**
 * BUFFERED → PENDING for commands whose wait is OPEN now. The shadow's opening wakes them in its own
 * transaction; this sweep only catches a wake that was missed (for example a shadow confirmed by an
 * operator's repair), so an early event never sleeps beside an open wait.
 */
export async function rewakeBufferedWithOpenWait(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ command_id: string }>(
    `update ${TABLES.commands} c
        set status = 'PENDING', next_attempt_at = now(), updated_at = now()
      where c.status = 'BUFFERED'
        and exists (
          select 1 from ${TABLES.shadows} s
           where s.process_key = c.process_key and s.business_key = c.business_key and s.tenant_key = c.tenant_key and s.message_name = c.message_name
             and s.status = 'OPEN'
             and (c.correlation_key_value is null or s.correlation_key_value is not distinct from c.correlation_key_value))
      returning c.command_id`,
  );
  return rows.map((r) => r.command_id);
}

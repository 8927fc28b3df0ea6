import type { Queryable } from '../../platform/db/pool.ts';
import { TABLES } from '../schema.ts';

/** A buffered correlation whose wait has ended, with the instance that may wait for it again. */
export interface BufferedAfterEndedWait {
  command_id: string;
  process_key: string;
  business_key: string;
  tenant_id: string | null;
  message_name: string;
  correlation_key_value: string | null;
  /** The instance of the wait that ended last for the key. */
  camunda_process_instance_id: string;
}

/**
 * BUFFERED correlations whose key has no live wait but an ended one: buffered for the next round of a loop.
 * The reconciler asks, for each, whether that instance can still wait again. One page after the cursor
 * `after` (a command id; null starts over), so rows that stay buffered never hide the ones behind them.
 */
export async function findBufferedAfterEndedWait(db: Queryable, limit: number, after: string | null = null): Promise<BufferedAfterEndedWait[]> {
  const { rows } = await db.query<BufferedAfterEndedWait>(
    `select c.command_id, c.process_key, c.business_key, c.tenant_id, c.message_name, c.correlation_key_value,
            ended.camunda_process_instance_id
       from ${TABLES.commands} c
       cross join lateral (
         select s.camunda_process_instance_id from ${TABLES.shadows} s
          where s.process_key = c.process_key and s.business_key = c.business_key and s.tenant_key = c.tenant_key and s.message_name = c.message_name
            and s.status in ('CLOSED', 'EXPIRED')
            and (c.correlation_key_value is null or s.correlation_key_value is not distinct from c.correlation_key_value)
          order by s.closed_at desc limit 1) ended
      where c.status = 'BUFFERED' and c.command_type = 'CORRELATE_MESSAGE' and ($2::uuid is null or c.command_id > $2)
        and not exists (
          select 1 from ${TABLES.shadows} l
           where l.process_key = c.process_key and l.business_key = c.business_key and l.tenant_key = c.tenant_key and l.message_name = c.message_name
             and l.status in ('OPENING', 'OPEN')
             and (c.correlation_key_value is null or l.correlation_key_value is not distinct from c.correlation_key_value))
      order by c.command_id
      limit $1`,
    [limit, after],
  );
  return rows;
}

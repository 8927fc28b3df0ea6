import type { Queryable } from '../../platform/db/pool.ts';
import { TABLES } from '../schema.ts';

/**
 * BUFFERED → QUARANTINED once the buffer deadline has passed: no wait opened for the event within the
 * mapping's `bufferFor`, in its tenant. NO_MATCHING_EXECUTION, or TENANT_MISMATCH when the key does wait in
 * another tenant (an event sent with the wrong tenant, or a mapping without the tenant its models are
 * deployed for). Returns the commands quarantined.
 */
export async function expireBuffers(db: Queryable): Promise<string[]> {
  // A buffered event whose wait had ended (it waited for the next round of a loop that did not come) is
  // woken instead: its worker applies the late policy, which the quarantine below would skip.
  await db.query(
    `update ${TABLES.commands} c
        set status = 'PENDING', next_attempt_at = now(), updated_at = now()
      where c.status = 'BUFFERED' and c.buffer_until <= now()
        and exists (select 1 from ${TABLES.shadows} s
                     where s.process_key = c.process_key and s.business_key = c.business_key and s.tenant_key = c.tenant_key and s.message_name = c.message_name
                       and s.status in ('CLOSED', 'EXPIRED') and (c.correlation_key_value is null or s.correlation_key_value is not distinct from c.correlation_key_value))`,
  );
  const { rows } = await db.query<{ command_id: string }>(
    `with expired as (
       select c.command_id, c.tenant_id, c.updated_at,
              (select string_agg(distinct coalesce(s.tenant_id, '(none)'), ', ') from ${TABLES.shadows} s
                where s.process_key = c.process_key and s.business_key = c.business_key and s.tenant_key <> c.tenant_key and s.message_name = c.message_name
                  and s.status in ('OPENING', 'OPEN') and (c.correlation_key_value is null or s.correlation_key_value is not distinct from c.correlation_key_value)
              ) as waiting_tenants
         from ${TABLES.commands} c
        where c.status = 'BUFFERED' and c.buffer_until <= now())
     update ${TABLES.commands} c
        set status = 'QUARANTINED',
            reason_code = case when e.waiting_tenants is null then 'NO_MATCHING_EXECUTION' else 'TENANT_MISMATCH' end,
            reason_message = case when e.waiting_tenants is null
              then 'no wait for this message opened within the buffer window (buffered since ' || to_char(e.updated_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ')'
              else 'no wait for this message opened for tenant ' || coalesce(e.tenant_id, '(none)') || ' within the buffer window; the key waits for tenant '
                   || e.waiting_tenants end,
            quarantined_at = now(), updated_at = now()
       from expired e
      where c.command_id = e.command_id and c.status = 'BUFFERED' and c.buffer_until <= now()
      returning c.command_id`,
  );
  return rows.map((r) => r.command_id);
}

import type { Queryable } from '../../platform/db/pool.ts';
import type { LateEventDisposition, ShadowEnd } from '../states.ts';
import type { CaseKey } from '../case-key.ts';
import { TABLES } from '../schema.ts';

export interface LateEvent extends CaseKey {
  messageName: string;
  sourceEventId: string;
  waitStatus: ShadowEnd | null;
  waitEndedAt: Date | null;
  disposition: LateEventDisposition;
  policy: string;
  handledByProcessInstanceId: string;
}

/**
 * → recorded, once per source event (of its tenant). A redelivered task finds the row it wrote and gets back the
 * decision made then, so a retry never changes what the first run decided. Returns the stored disposition.
 */
export async function insertLateEvent(db: Queryable, e: LateEvent): Promise<LateEventDisposition | undefined> {
  const { rows } = await db.query<{ disposition: LateEventDisposition }>(
    `with inserted as (
       insert into ${TABLES.lateEvents}
         (process_key, business_key, tenant_id, message_name, source_event_id, wait_status, wait_ended_at, disposition, policy, handled_by_process_instance_id)
       values ($1, $2, $10, $3, $4, $5, $6, $7, $8, $9)
       on conflict (process_key, message_name, source_event_id, tenant_key) do nothing
       returning disposition)
     select disposition from inserted
     union all
     select disposition from ${TABLES.lateEvents}
      where process_key = $1 and message_name = $3 and source_event_id = $4 and tenant_key = coalesce($10::text, '')
     limit 1`,
    [
      e.processKey,
      e.businessKey,
      e.messageName,
      e.sourceEventId,
      e.waitStatus,
      e.waitEndedAt,
      e.disposition,
      e.policy,
      e.handledByProcessInstanceId,
      e.tenantId,
    ],
  );
  return rows[0]?.disposition;
}

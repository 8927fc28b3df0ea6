import type { Queryable } from '../../platform/db/pool.ts';
import type { InboxReasonCode } from '../states.ts';
import { TABLES } from '../schema.ts';

/** RECEIVED → PROJECTED, with how many commands the event became (0 for an event nobody maps). */
export async function markInboxProjected(tx: Queryable, inboxId: number, commandCount: number): Promise<void> {
  await tx.query(
    `update ${TABLES.inbox} set status = 'PROJECTED', command_count = $2, processed_at = now()
      where inbox_id = $1 and status = 'RECEIVED'`,
    [inboxId, commandCount],
  );
}

/** RECEIVED → QUARANTINED: the event is well-formed but cannot become a command (no key, unknown version…). */
export async function markInboxQuarantined(tx: Queryable, inboxId: number, code: InboxReasonCode, message: string): Promise<void> {
  await tx.query(
    `update ${TABLES.inbox} set status = 'QUARANTINED', reason_code = $2, reason_message = $3, command_count = 0, processed_at = now()
      where inbox_id = $1 and status = 'RECEIVED'`,
    [inboxId, code, message],
  );
}

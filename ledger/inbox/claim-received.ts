import type { Queryable } from '../../platform/db/pool.ts';
import type { Envelope } from './inbox-record.ts';
import { TABLES } from '../schema.ts';

export interface ReceivedInboxRow {
  inbox_id: number;
  consumer_name: string;
  event_id: string;
  event_type: string;
  envelope: Envelope;
  received_at: Date;
}

/** Locks the oldest RECEIVED rows for this transaction; other projectors skip them. */
export async function claimReceivedInbox(tx: Queryable, limit: number): Promise<ReceivedInboxRow[]> {
  const { rows } = await tx.query<ReceivedInboxRow>(
    `select inbox_id, consumer_name, event_id, event_type, envelope, received_at
       from ${TABLES.inbox}
      where status = 'RECEIVED'
      order by inbox_id
      limit $1
      for update skip locked`,
    [limit],
  );
  return rows;
}

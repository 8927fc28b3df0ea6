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

/**
 * Locks the oldest RECEIVED rows of one consumer for this transaction; other projectors skip them. Only
 * that consumer's: a bridge with another mapping on the same database would otherwise take these events
 * for unmapped ones (PROJECTED with no commands), and they would never reach the engine.
 */
export async function claimReceivedInbox(tx: Queryable, consumerName: string, limit: number): Promise<ReceivedInboxRow[]> {
  const { rows } = await tx.query<ReceivedInboxRow>(
    `select inbox_id, consumer_name, event_id, event_type, envelope, received_at
       from ${TABLES.inbox}
      where status = 'RECEIVED' and consumer_name = $2
      order by inbox_id
      limit $1
      for update skip locked`,
    [limit, consumerName],
  );
  return rows;
}

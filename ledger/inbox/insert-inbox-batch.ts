import type { Queryable } from '../../platform/db/pool.ts';
import type { DecodedRecord } from './inbox-record.ts';
import { TABLES } from '../schema.ts';
import { CHANNELS, signalWhen } from '../notify/channels.ts';

export interface InboxRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  decoded: DecodedRecord;
}

/**
 * → RECEIVED (accepted) or → REJECTED (with reason and bounded raw bytes), a whole Kafka batch in one
 * statement, which also wakes the projectors when it stored anything (delivered at its commit). An event
 * id seen before (redelivered, or published twice), or the same rejected bytes at the same offset, inserts
 * nothing: the unique indexes are the deduplication. Returns how many rows were new. Run on its own it is
 * its own transaction: one round trip and one durable commit per Kafka batch.
 */
export async function insertInboxBatch(tx: Queryable, consumerName: string, records: InboxRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const rows = records.map(({ topic, partition, offset, key, decoded: d }) => {
    const record = { topic, part: partition, off: offset, rkey: key, size: d.size };
    return d.ok
      ? {
          ...record,
          event_id: d.envelope.eventId,
          event_type: d.envelope.eventType,
          occurred_at: d.envelope.occurredAt,
          tenant_id: d.envelope.tenantId ?? null,
          correlation_id: d.envelope.correlationId ?? null,
          envelope: d.envelope,
          status: 'RECEIVED',
        }
      : {
          ...record,
          raw: d.keptBytes ? `\\x${d.keptBytes.toString('hex')}` : null,
          sha: `\\x${d.sha256.toString('hex')}`,
          status: 'REJECTED',
          reason_code: d.reasonCode,
          reason: d.reason,
        };
  });
  const { rows: stored } = await tx.query<{ inserted: number }>(
    `with inserted as (
       insert into ${TABLES.inbox}
         (consumer_name, topic, kafka_partition, kafka_offset, record_key, event_id, event_type, occurred_at, tenant_id, correlation_id,
          envelope, raw_value, raw_sha256, raw_size, status, reason_code, reason_message, processed_at)
       select $1, r.topic, r.part, r.off, r.rkey, r.event_id, r.event_type, r.occurred_at, r.tenant_id, r.correlation_id,
              r.envelope, r.raw, r.sha, r.size, r.status, r.reason_code, r.reason, case when r.status = 'REJECTED' then now() end
         from jsonb_to_recordset($2::jsonb) as r(topic text, part int, off bigint, rkey text, event_id text, event_type text, occurred_at timestamptz,
              tenant_id text, correlation_id text, envelope jsonb, raw bytea, sha bytea, size int, status text, reason_code text, reason text)
       on conflict do nothing
       returning 1),
     counted as (select count(*)::int as inserted from inserted)
     select inserted, ${signalWhen('$3', 'inserted > 0')} as signalled from counted`,
    [consumerName, JSON.stringify(rows), CHANNELS.inbox],
  );
  return stored[0]!.inserted;
}

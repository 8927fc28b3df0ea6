import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Pool } from '../../platform/db/pool.ts';
import type { Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/observability/logger.ts';
import { createKafka } from '../../platform/kafka/create-kafka.ts';
import type { BridgeMetrics } from '../bridge-metrics.ts';
import type { MappingFile } from '../mapping/mapping-schema.ts';
import { decodeRecord } from './envelope.ts';
import { insertInboxBatch, type InboxRecord } from '../../ledger/inbox/insert-inbox-batch.ts';
import { faultPoint } from '../../platform/service/fault-points.ts';

export interface Intake {
  consumer: Consumer;
  /** True once the consumer joined its group; for /ready. */
  isRunning(): boolean;
  stop(): Promise<void>;
}

const textKey = (key: Buffer | null): string | null => (key ? key.toString('utf8').replaceAll('\u0000', '\uFFFD') : null);

/** SQLSTATE class 22 (data exception) or 23 (integrity): this record's content, not the database's health. */
export const isDataError = (err: unknown): boolean => /^2[23]/.test((err as { code?: unknown }).code?.toString() ?? '');

/**
 * Stores a batch of records in the inbox in one statement (which signals the projectors). If the batch
 * is refused as a whole for its data, each record is stored on its own, and a record the database still
 * refuses for its data is kept as rejected with the database's reason: one bad record never blocks the
 * partition. Any other error (connection lost, timeout, database restarting) is thrown, so nothing is
 * committed and Kafka delivers the batch again: a valid record is never stored as rejected for it.
 */
export async function storeRecords(store: (batch: InboxRecord[]) => Promise<number>, records: InboxRecord[], log: Logger): Promise<number> {
  try {
    return await store(records);
  } catch (err) {
    if (!isDataError(err)) throw err;
    let inserted = 0;
    for (const record of records) {
      try {
        inserted += await store([record]);
      } catch (recordErr) {
        if (!isDataError(recordErr)) throw recordErr;
        const reason = `the database refused the record: ${(recordErr as Error).message}`;
        log.warn({ event: 'inbox_record_refused', topic: record.topic, partition: record.partition, offset: record.offset }, reason);
        inserted += await store([
          {
            ...record,
            decoded: {
              ok: false,
              reasonCode: 'ENVELOPE_INVALID',
              reason,
              size: record.decoded.size,
              keptBytes: null,
              sha256: Buffer.from(`${record.topic}/${record.partition}/${record.offset}`),
            },
          },
        ]);
      }
    }
    return inserted;
  }
}

function storeBatch(db: Pool, consumerName: string, records: InboxRecord[], log: Logger): Promise<number> {
  // One statement, so its own transaction: one round trip and one durable commit for the whole batch.
  return storeRecords((batch) => insertInboxBatch(db, consumerName, batch), records, log);
}

/**
 * Creates the mapping's topics that do not exist yet (Kafka 4 does not create them for a consumer's
 * metadata request). Where the broker refuses (no permission), the error says which topic is missing.
 */
async function ensureTopics(kafka: Kafka, topics: string[], log: Logger): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
      log.info({ event: 'topics_created', topics: missing }, 'created missing topics');
    } catch (err) {
      throw new Error(`topic(s) ${missing.join(', ')} do not exist and could not be created: ${(err as Error).message}`, { cause: err });
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * The consumer path: Kafka → inbox, nothing else (it never calls the engine). Offsets are committed only
 * after the batch's inbox transaction committed, so a crash in between redelivers records, which the
 * inbox's unique keys absorb.
 */
export async function startIntake(config: Config, mapping: MappingFile, db: Pool, metrics: BridgeMetrics, log: Logger): Promise<Intake> {
  const kafka = createKafka(config.kafka, log, '-intake');
  const consumer = kafka.consumer({ groupId: mapping.consumerName, sessionTimeout: 30_000, heartbeatInterval: 3_000, maxWaitTimeInMs: 250 });
  let running = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (running = true));
  consumer.on(consumer.events.CRASH, (e) => {
    running = false;
    log.error({ event: 'intake_crashed', error: String(e.payload.error), restart: e.payload.restart }, 'consumer crashed');
  });
  await ensureTopics(kafka, mapping.topics, log);
  await consumer.connect();
  for (const topic of mapping.topics) await consumer.subscribe({ topic, fromBeginning: true });

  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
      if (!isRunning() || isStale() || batch.messages.length === 0) return;
      const records: InboxRecord[] = batch.messages.map((m) => ({
        topic: batch.topic,
        partition: batch.partition,
        offset: m.offset,
        key: textKey(m.key),
        decoded: decodeRecord(m.value, mapping.limits),
      }));
      const inserted = await storeBatch(db, mapping.consumerName, records, log);
      faultPoint('after-inbox-commit');
      const last = batch.messages[batch.messages.length - 1]!.offset;
      resolveOffset(last);
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
      await heartbeat();

      metrics.consumed.inc({ topic: batch.topic }, records.length);
      metrics.duplicates.inc(records.length - inserted);
      for (const r of records) if (!r.decoded.ok) metrics.rejected.inc({ reason: r.decoded.reasonCode });
      metrics.consumerLag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
      const rejected = records.filter((r) => !r.decoded.ok);
      for (const r of rejected) {
        if (!r.decoded.ok)
          log.warn(
            { event: 'record_rejected', topic: r.topic, partition: r.partition, offset: r.offset, reasonCode: r.decoded.reasonCode, size: r.decoded.size },
            r.decoded.reason,
          );
      }
    },
  });

  return {
    consumer,
    isRunning: () => running,
    async stop() {
      await consumer.disconnect();
    },
  };
}

import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { pool } from './support/cases.ts';
import { events } from './support/bridge.ts';
import { loadMappingFile } from '../../bridge/mapping/load-mapping.ts';
import { projectBatch } from '../../bridge/projector/projector.ts';
import { createBridgeMetrics } from '../../bridge/bridge-metrics.ts';
import { newRegistry } from '../../workers/run-workers.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { regulatoryCase } from '../../apps/regulatory-case/index.ts';
import type { MappingFile } from '../../bridge/mapping/mapping-schema.ts';

const log = createLogger('error', 'projector-test');
const metrics = createBridgeMetrics(newRegistry(), pool);

function mappingOf(consumerName: string): MappingFile {
  return { ...structuredClone(loadMappingFile(regulatoryCase.mappingFile)), consumerName };
}

/** An inbox row as the intake stores it, RECEIVED, for one consumer. */
async function received(consumerName: string, envelope: { eventId: string; eventType: string }): Promise<void> {
  await pool.query(
    `insert into integration.consumer_inbox (consumer_name, topic, kafka_partition, kafka_offset, event_id, event_type, envelope, raw_size)
     values ($1, 'projector-test', 0, (select coalesce(max(kafka_offset), 0) + 1 from integration.consumer_inbox where consumer_name = $1), $2, $3, $4, 100)`,
    [consumerName, envelope.eventId, envelope.eventType, JSON.stringify(envelope)],
  );
}

const inboxOf = async (consumerName: string) =>
  (
    await pool.query<{ event_id: string; status: string; command_count: number | null }>(
      `select event_id, status, command_count from integration.consumer_inbox where consumer_name = $1 order by inbox_id`,
      [consumerName],
    )
  ).rows;

/** Projects this consumer's rows until none is left RECEIVED (other bridges on the database may project theirs meanwhile). */
async function projectAll(mapping: MappingFile): Promise<void> {
  for (let i = 0; i < 20 && (await inboxOf(mapping.consumerName)).some((r) => r.status === 'RECEIVED'); i++) await projectBatch(pool, mapping, metrics, log);
}

/** Nothing left for a bridge to apply to the engine: the cases these tests project are not meant to start. */
async function ignorePendingCommands(consumerName: string): Promise<void> {
  await pool.query(
    `update integration.process_correlation_command set status = 'IGNORED', reason_code = 'OPERATOR_IGNORED', reason_message = 'projector test: not meant to start' where source_consumer_name = $1 and status = 'PENDING'`,
    [consumerName],
  );
}

const newConsumer = (prefix = 'projector-test') => `${prefix}-${randomUUID().slice(0, 8)}`;
const newCaseAccepted = () => events.caseAccepted(`case-${randomUUID().slice(0, 8)}`);

describe('the projector', () => {
  afterAll(async () => {
    await pool.end();
  });

  it('projects a batch at once: each mapped event becomes its commands, an unmapped one none, a bad one is quarantined', async () => {
    const consumer = newConsumer();
    const mapping = mappingOf(consumer);
    const a = newCaseAccepted();
    const b = newCaseAccepted();
    const unmapped = { ...events.caseAccepted('x'), eventType: 'nobody.maps.this.v1' };
    const noKey = events.caseAccepted(undefined as unknown as string);
    for (const e of [a, b, unmapped, noKey]) await received(consumer, e);

    await projectAll(mapping);

    const rows = await inboxOf(consumer);
    expect(rows.map((r) => [r.event_id, r.status, r.command_count])).toEqual([
      [a.eventId, 'PROJECTED', 1],
      [b.eventId, 'PROJECTED', 1],
      [unmapped.eventId, 'PROJECTED', 0],
      [noKey.eventId, 'QUARANTINED', 0],
    ]);
    // Their status is left out: any bridge on this database may already be applying them.
    const { rows: commands } = await pool.query<{ source_event_id: string; command_type: string }>(
      `select source_event_id, command_type from integration.process_correlation_command where source_consumer_name = $1 order by created_at, source_event_id`,
      [consumer],
    );
    expect(commands).toEqual(
      [
        { source_event_id: a.eventId, command_type: 'START_PROCESS' },
        { source_event_id: b.eventId, command_type: 'START_PROCESS' },
      ].sort((x, y) => x.source_event_id.localeCompare(y.source_event_id)),
    );
    await ignorePendingCommands(consumer);
  });

  it('an event the database refuses fails the batch statement: it is quarantined alone, the rest of the batch projected', async () => {
    const consumer = newConsumer();
    const mapping = mappingOf(consumer);
    const a = newCaseAccepted();
    // A business key too long for the commands' unique index (over a third of a page, incompressible).
    const huge = events.caseAccepted(Array.from({ length: 250 }, () => randomUUID().replaceAll('-', '')).join(''));
    const b = newCaseAccepted();
    for (const e of [a, huge, b]) await received(consumer, e);

    await projectAll(mapping);

    const rows = await inboxOf(consumer);
    expect(rows.map((r) => [r.event_id, r.status, r.command_count])).toEqual([
      [a.eventId, 'PROJECTED', 1],
      [huge.eventId, 'QUARANTINED', 0],
      [b.eventId, 'PROJECTED', 1],
    ]);
    const { rows: reasons } = await pool.query<{ reason_code: string }>(
      `select reason_code from integration.consumer_inbox where consumer_name = $1 and event_id = $2`,
      [consumer, huge.eventId],
    );
    expect(reasons).toEqual([{ reason_code: 'PROJECTION_FAILED' }]);
    await ignorePendingCommands(consumer);
  });

  it("never takes another consumer's events: a bridge with another mapping on the same database leaves them RECEIVED", async () => {
    const theirs = newConsumer('projector-test-other');
    const event = newCaseAccepted();
    await received(theirs, event);

    await projectBatch(pool, mappingOf(newConsumer()), metrics, log);

    expect(await inboxOf(theirs)).toEqual([{ event_id: event.eventId, status: 'RECEIVED', command_count: null }]);
    await pool.query(
      `update integration.consumer_inbox set status = 'QUARANTINED', reason_code = 'PROJECTION_FAILED', reason_message = 'projector test: nobody projects this consumer', command_count = 0, processed_at = now() where consumer_name = $1`,
      [theirs],
    );
  });
});

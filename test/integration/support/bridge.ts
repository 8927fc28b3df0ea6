import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { config } from './engine.ts';
import { eventually, pool } from './cases.ts';
import { regulatoryCase } from '../../../apps/regulatory-case/index.ts';
import { loadMappingFile } from '../../../bridge/mapping/load-mapping.ts';
import type { MappingFile } from '../../../bridge/mapping/mapping-schema.ts';
import type { CommandRow } from '../../../ledger/commands/command-row.ts';

export const kafka = new Kafka({ clientId: 'seam-test-producer', brokers: config.kafka.brokers, logLevel: logLevel.NOTHING });

/** The bundled mapping on a topic and consumer group of the test's own, optionally with changed mappings. */
export async function testMapping(change: (m: MappingFile) => void = () => undefined): Promise<MappingFile> {
  const mapping = structuredClone(loadMappingFile(regulatoryCase.mappingFile));
  const id = randomUUID().slice(0, 8);
  mapping.consumerName = `seam-test-${id}`;
  mapping.topics = [`seam-test-events-${id}`];
  change(mapping);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: mapping.topics[0]!, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  return mapping;
}

let producer: Producer | undefined;
export async function publish(topic: string, values: (string | Buffer | object)[], key?: string): Promise<void> {
  if (!producer) {
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  }
  await producer.send({
    topic,
    messages: values.map((v) => ({ key: key ?? null, value: typeof v === 'string' || Buffer.isBuffer(v) ? v : JSON.stringify(v) })),
  });
}
export async function closeProducer(): Promise<void> {
  await producer?.disconnect();
  producer = undefined;
}

const envelope = (eventType: string, payload: Record<string, unknown>, eventId = `evt-${randomUUID()}`) => ({
  eventId,
  eventType,
  occurredAt: new Date().toISOString(),
  correlationId: `corr-${randomUUID()}`,
  payload,
});

export const events = {
  caseAccepted: (caseId: string, extra: Record<string, unknown> = {}, eventId?: string) =>
    envelope('regulatory.case.accepted.v1', { caseId, acceptedAt: new Date().toISOString(), jurisdiction: 'EU', ...extra }, eventId),
  evidenceSubmitted: (caseId: string, documentType = 'pdf', eventId?: string) =>
    envelope(
      'regulatory.evidence.submitted.v1',
      { caseId, evidenceId: `ev-${randomUUID().slice(0, 8)}`, submittedAt: new Date().toISOString(), documentType },
      eventId,
    ),
  assessmentCompleted: (caseId: string, outcome = 'APPROVED') =>
    envelope('regulatory.assessment.completed.v1', { caseId, assessmentId: `as-${randomUUID().slice(0, 8)}`, outcome }),
};

export async function commandsFor(caseId: string): Promise<CommandRow[]> {
  const { rows } = await pool.query<CommandRow>(
    `select * from integration.process_correlation_command where business_key = $1 order by created_at, command_id`,
    [caseId],
  );
  return rows;
}

export async function commandForEvent(eventId: string): Promise<CommandRow | undefined> {
  const { rows } = await pool.query<CommandRow>(`select * from integration.process_correlation_command where source_event_id = $1`, [eventId]);
  return rows[0];
}

export async function waitForCommand(eventId: string, status: CommandRow['status'], timeoutMs = 30_000): Promise<CommandRow> {
  let found: CommandRow | undefined;
  await eventually(`command of ${eventId} to be ${status}`, async () => (found = await commandForEvent(eventId))?.status === status, timeoutMs);
  return found!;
}

export async function inboxRowsOf(consumerName: string) {
  const { rows } = await pool.query(`select * from integration.consumer_inbox where consumer_name = $1 order by inbox_id`, [consumerName]);
  return rows;
}

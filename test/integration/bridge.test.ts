import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, engine, uniqueKey } from './support/engine.ts';
import { deployProjectModels, eventually, fireTimer, pool, shadows, waitForShadow } from './support/cases.ts';
import { closeProducer, commandsFor, events, inboxRowsOf, kafka, publish, testMapping, waitForCommand } from './support/bridge.ts';
import { launchBridge, type RunningBridge } from '../../bridge/run-bridge.ts';
import { launchWorkers, newRegistry, type RunningWorkers } from '../../workers/run-workers.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import type { MappingFile } from '../../bridge/mapping/mapping-schema.ts';
import { regulatoryCase as application } from '../../apps/regulatory-case/index.ts';

const log = createLogger('warn', 'bridge-test');
const testConfig = { ...config, bridge: { ...config.bridge, pollMs: 200, leaseMs: 15_000 }, workers: { ...config.workers, longPollMs: 1000 } };
let mapping: MappingFile;
let topic: string;
let bridge: RunningBridge;
let workers: RunningWorkers | undefined;

const startWorkers = () => (workers = launchWorkers(testConfig, newRegistry(), { handlers: application.handlers, log, pool }));
const stopWorkers = async () => {
  await workers?.shutdown();
  workers = undefined;
};

async function instancesOf(caseId: string) {
  return engine.processInstances({ businessKey: caseId, processDefinitionKey: 'regulatory-case-lifecycle' });
}

async function kafkaProducerToPartition0(value: object): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ partition: 0, value: JSON.stringify(value) }] });
  await producer.disconnect();
}

describe('Kafka → inbox → commands → Camunda, through the shadow', () => {
  beforeAll(async () => {
    await deployProjectModels();
    mapping = await testMapping();
    topic = mapping.topics[0]!;
    bridge = await launchBridge(testConfig, newRegistry(), { log, pool, mapping, parts: { reconciler: false } });
    startWorkers();
  });
  afterAll(async () => {
    await stopWorkers();
    await bridge?.shutdown();
    await closeProducer();
    await pool.end();
  });

  it('1. starts a process from an event and records it in the registry', async () => {
    const caseId = uniqueKey('case');
    const accepted = events.caseAccepted(caseId);
    await publish(topic, [accepted], caseId);
    const command = await waitForCommand(accepted.eventId, 'COMPLETED');
    expect(command).toMatchObject({ command_type: 'START_PROCESS', resolution: 'STARTED', process_key: 'regulatory-case-lifecycle' });
    const { rows } = await pool.query(`select status, camunda_process_instance_id from integration.process_instance_registry where business_key = $1`, [
      caseId,
    ]);
    expect(rows).toEqual([{ status: 'STARTED', camunda_process_instance_id: command.camunda_process_instance_id }]);
    expect((await instancesOf(caseId)).map((i) => i.id)).toEqual([command.camunda_process_instance_id]);
  });

  it('2. a duplicate start (same event twice, and another event for the same case) makes one instance', async () => {
    const caseId = uniqueKey('case');
    const first = events.caseAccepted(caseId);
    const again = events.caseAccepted(caseId);
    await publish(topic, [first, first, again], caseId);
    // Both start events race for the case's start guard; exactly one wins, whichever it is.
    await eventually('both start events settled', async () => {
      const commands = await commandsFor(caseId);
      return commands.length === 2 && commands.every((c) => ['COMPLETED', 'IGNORED'].includes(c.status));
    });
    const outcomes = (await commandsFor(caseId)).map((c) => `${c.status} ${c.resolution ?? c.reason_code}`).sort();
    expect(outcomes).toEqual(['COMPLETED STARTED', 'IGNORED DUPLICATE_START']);
    expect(await instancesOf(caseId)).toHaveLength(1);
    const inbox = (await inboxRowsOf(mapping.consumerName)).filter((r) => r.envelope?.payload?.caseId === caseId);
    expect(inbox).toHaveLength(2); // the same event id twice is one inbox row
  });

  it('3. correlates while the instance waits, and closes the shadow in the same transaction', async () => {
    const caseId = uniqueKey('case');
    const accepted = events.caseAccepted(caseId);
    await publish(topic, [accepted], caseId);
    const started = await waitForCommand(accepted.eventId, 'COMPLETED');
    const wait = await waitForShadow(started.camunda_process_instance_id!, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    const evidence = events.evidenceSubmitted(caseId);
    await publish(topic, [evidence], caseId);
    const command = await waitForCommand(evidence.eventId, 'COMPLETED');
    expect(command).toMatchObject({ resolution: 'CORRELATED', camunda_process_instance_id: started.camunda_process_instance_id });
    const closed = (await shadows(started.camunda_process_instance_id!)).find((s) => s.subscription_id === wait.subscription_id);
    expect(closed).toMatchObject({ status: 'CLOSED', close_reason: 'CORRELATED' });
    await waitForShadow(started.camunda_process_instance_id!, 'MSG_ASSESSMENT_COMPLETED', 'OPEN');
  });

  it('4. an event before its wait is buffered, then applied as soon as the shadow opens', async () => {
    await stopWorkers(); // nothing opens waits now (their last long poll has returned: the engine holds none for them)
    const caseId = uniqueKey('case');
    const accepted = events.caseAccepted(caseId);
    const evidence = events.evidenceSubmitted(caseId);
    await publish(topic, [accepted, evidence], caseId);
    await waitForCommand(accepted.eventId, 'COMPLETED');
    const buffered = await waitForCommand(evidence.eventId, 'BUFFERED');
    expect(buffered.attempt_count).toBe(0); // waiting is not failing
    startWorkers();
    const applied = await waitForCommand(evidence.eventId, 'COMPLETED');
    expect(applied.resolution).toBe('CORRELATED');
    expect(applied.first_buffered_at).not.toBeNull();
  });

  it('5. an event after the deadline follows the late policy: a late-evidence review starts', async () => {
    const caseId = uniqueKey('case');
    const accepted = events.caseAccepted(caseId);
    await publish(topic, [accepted], caseId);
    const started = await waitForCommand(accepted.eventId, 'COMPLETED');
    const instanceId = started.camunda_process_instance_id!;
    await waitForShadow(instanceId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    await fireTimer(instanceId, 'EvidenceDeadline');
    await waitForShadow(instanceId, 'MSG_EVIDENCE_SUBMITTED', 'EXPIRED');
    const late = events.evidenceSubmitted(caseId);
    await publish(topic, [late], caseId);
    const command = await waitForCommand(late.eventId, 'COMPLETED');
    expect(command).toMatchObject({ resolution: 'LATE_REVIEW_STARTED', reason_code: 'LATE_EVENT' });
    const reviews = await engine.processInstances({ businessKey: caseId, processDefinitionKey: 'late-evidence-review' });
    expect(reviews.map((r) => r.id)).toEqual([command.camunda_process_instance_id]);
    await eventually(
      'late event recorded by the review',
      async () => (await pool.query(`select 1 from integration.late_event where source_event_id = $1`, [late.eventId])).rowCount === 1,
    );
  });

  it('7. several open waits for one key are ambiguous: quarantined, never correlated to all', async () => {
    const caseId = uniqueKey('case');
    // Two instances under one business key, started past the registry (as a manual start in Cockpit would).
    for (let i = 0; i < 2; i++)
      await engine.correlate({ messageName: 'MSG_CASE_ACCEPTED', businessKey: caseId, processVariables: { caseId: { value: caseId, type: 'String' } } });
    const [a, b] = await instancesOf(caseId);
    await waitForShadow(a!.id!, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    await waitForShadow(b!.id!, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    const evidence = events.evidenceSubmitted(caseId);
    await publish(topic, [evidence], caseId);
    const command = await waitForCommand(evidence.eventId, 'QUARANTINED');
    expect(command.reason_code).toBe('AMBIGUOUS_WAIT');
    for (const instance of [a!, b!]) expect((await shadows(instance.id!)).find((s) => s.message_name === 'MSG_EVIDENCE_SUBMITTED')?.status).toBe('OPEN');
  });

  it('poison records are kept with their reason and do not stop the partition', async () => {
    const caseId = uniqueKey('case');
    const good = events.caseAccepted(caseId);
    const huge = events.caseAccepted(uniqueKey('case'), { note: 'x'.repeat(300_000) });
    await publish(
      topic,
      [
        '{not json',
        JSON.stringify({ eventType: 'x', payload: 1 }),
        huge,
        '',
        JSON.stringify({ ...events.caseAccepted(caseId), payload: { caseId: 'a\u0000b' } }),
        good,
      ],
      'poison',
    );
    await waitForCommand(good.eventId, 'COMPLETED');
    const rejected = (await inboxRowsOf(mapping.consumerName)).filter((r) => r.status === 'REJECTED' && r.record_key === 'poison');
    expect(rejected.map((r) => r.reason_code).sort()).toEqual(['EMPTY_RECORD', 'ENVELOPE_INVALID', 'ENVELOPE_INVALID', 'NOT_JSON', 'RECORD_TOO_LARGE']);
    const notJson = rejected.find((r) => r.reason_code === 'NOT_JSON');
    expect(notJson.raw_value.toString()).toBe('{not json');
    const tooLarge = rejected.find((r) => r.reason_code === 'RECORD_TOO_LARGE');
    expect(tooLarge.raw_size).toBeGreaterThan(300_000);
    expect(tooLarge.raw_value.length).toBe(mapping.limits.keepRejectedBytes);
  });

  it('a new record at an offset the inbox already holds (a recreated topic) is stored, not taken for a duplicate', async () => {
    const caseId = uniqueKey('case');
    const accepted = events.caseAccepted(caseId);
    // What the next offset of partition 0 will be, recorded first by an event of a topic's earlier life.
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const next = offsets.find((o) => o.partition === 0)!.high;
    await pool.query(
      `insert into integration.consumer_inbox (consumer_name, topic, kafka_partition, kafka_offset, event_id, event_type, envelope, raw_size, status, command_count, processed_at)
       values ($1, $2, 0, $3, $4, 'regulatory.case.accepted.v1', '{}'::jsonb, 2, 'PROJECTED', 0, now())`,
      [mapping.consumerName, topic, next, `earlier-life-${caseId}`],
    );
    await kafkaProducerToPartition0(accepted);
    const command = await waitForCommand(accepted.eventId, 'COMPLETED');
    expect(command.resolution).toBe('STARTED');
  });

  it('an unknown version of a mapped event and a missing business key are quarantined at the inbox', async () => {
    const v2 = { ...events.caseAccepted(uniqueKey('case')), eventType: 'regulatory.case.accepted.v2' };
    const noKey = { ...events.evidenceSubmitted('x'), payload: { evidenceId: 'e' } };
    await publish(topic, [v2, noKey]);
    await eventually('both quarantined', async () => {
      const rows = (await inboxRowsOf(mapping.consumerName)).filter((r) => [v2.eventId, noKey.eventId].includes(r.event_id));
      return rows.length === 2 && rows.every((r) => r.status === 'QUARANTINED');
    });
    const rows = (await inboxRowsOf(mapping.consumerName)).filter((r) => [v2.eventId, noKey.eventId].includes(r.event_id));
    expect(rows.map((r) => r.reason_code).sort()).toEqual(['BUSINESS_KEY_MISSING', 'UNSUPPORTED_EVENT_VERSION']);
  });

  it('a payload over the variable limit is quarantined and never sent to the engine', async () => {
    const caseId = uniqueKey('case');
    const big = events.caseAccepted(caseId, { jurisdiction: 'J'.repeat(5000) });
    await publish(topic, [big], caseId);
    const command = await waitForCommand(big.eventId, 'QUARANTINED');
    expect(command.reason_code).toBe('PAYLOAD_TOO_LARGE');
    expect(command.engine_call_started_at).toBeNull();
    expect(await instancesOf(caseId)).toHaveLength(0);
  });

  it('10. a definition upgrade while an old instance waits: the event reaches the v1 instance', async () => {
    const { data } = await engine.raw.GET('/process-definition', {
      params: { query: { key: 'regulatory-case-lifecycle', versionTag: 'v1', latestVersion: false, sortBy: 'version', sortOrder: 'desc', maxResults: 1 } },
    });
    const v1 = data![0]!;
    const caseId = uniqueKey('case');
    const { data: started } = await engine.raw.POST('/process-definition/{id}/start', {
      params: { path: { id: v1.id! } },
      body: { businessKey: caseId, variables: { caseId: { value: caseId, type: 'String' } } },
    });
    await waitForShadow(started!.id!, 'MSG_EVIDENCE_SUBMITTED', 'OPEN');
    const evidence = events.evidenceSubmitted(caseId);
    await publish(topic, [evidence], caseId);
    const command = await waitForCommand(evidence.eventId, 'COMPLETED');
    expect(command.camunda_process_instance_id).toBe(started!.id);
    const latest = await engine.raw.GET('/process-definition/key/{key}', { params: { path: { key: 'regulatory-case-lifecycle' } } });
    expect(latest.data!.versionTag).toBe('v2');
    expect(v1.versionTag).toBe('v1');
  });
});

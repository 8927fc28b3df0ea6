import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, engine, fixture, uniqueKey } from './support/engine.ts';
import { eventsAppliedTo, eventually, pool, waitForShadow } from './support/cases.ts';
import { closeProducer, commandsFor, inboxRowsOf, publish, testMapping, waitForCommand } from './support/bridge.ts';
import { launchBridge, type RunningBridge } from '../../bridge/run-bridge.ts';
import { launchWorkers, newRegistry, type RunningWorkers } from '../../workers/run-workers.ts';
import { seamHandlers } from '../../workers/handlers.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import type { MappingFile } from '../../bridge/mapping/mapping-schema.ts';
import { caseTimeline } from '../../ledger/read-models/case-timeline.ts';

// Camunda 7 keeps one process key and business key once per tenant: Seam's ledger must too.
const log = createLogger('warn', 'tenants-test');
const testConfig = { ...config, bridge: { ...config.bridge, pollMs: 200, leaseMs: 15_000 }, workers: { ...config.workers, longPollMs: 1000 } };
const PROCESS_KEY = 'seam-tenant-probe';
const TENANT_A = 'seam-tenant-a';
const TENANT_B = 'seam-tenant-b';
const STARTED = 'seam.tenant-probe.started.v1';
const NEXT = 'seam.tenant-probe.next.v1';

let mapping: MappingFile;
let topic: string;
let bridge: RunningBridge;
let workers: RunningWorkers;
const caseIds: string[] = [];

const newCase = (): string => {
  const caseId = uniqueKey('tenant-case');
  caseIds.push(caseId);
  return caseId;
};

/** An event of `tenantId` (none when null) about `caseId`. */
const event = (eventType: string, caseId: string, tenantId: string | null, eventId = `evt-${randomUUID()}`) => ({
  eventId,
  eventType,
  occurredAt: new Date().toISOString(),
  ...(tenantId ? { tenantId } : {}),
  payload: { caseId },
});

/** The engine's own record of the case: every instance under the business key, with its tenant. */
async function historyOf(caseId: string) {
  const { data, response } = await engine.raw.GET('/history/process-instance', {
    params: { query: { processInstanceBusinessKey: caseId, processDefinitionKey: PROCESS_KEY } },
  });
  expect(response.status).toBe(200);
  return data ?? [];
}

async function instanceOfTenant(caseId: string, tenantId: string | null): Promise<string> {
  const instances = (await historyOf(caseId)).filter((i) => (i.tenantId ?? null) === tenantId);
  expect(instances, `one instance of ${caseId} in tenant ${tenantId}`).toHaveLength(1);
  return instances[0]!.id!;
}

async function startedInEveryTenant(caseId: string): Promise<void> {
  await publish(topic, [event(STARTED, caseId, TENANT_A), event(STARTED, caseId, TENANT_B), event(STARTED, caseId, null)], caseId);
  await eventually('one start per tenant applied', async () => (await commandsFor(caseId)).filter((c) => c.status === 'COMPLETED').length === 3);
}

describe('one case id in several tenants', () => {
  beforeAll(async () => {
    const files = [{ name: 'tenant-probe.bpmn', content: fixture('tenant-probe.bpmn') }];
    for (const tenantId of [TENANT_A, TENANT_B])
      await engine.deploy(files, { deploymentName: `seam-test-tenant-probe-${tenantId}`, source: 'seam-tests', tenantId });
    await engine.deploy(files, { deploymentName: 'seam-test-tenant-probe', source: 'seam-tests' });
    mapping = await testMapping((m) => {
      m.mappings = [
        {
          name: 'tenant-probe-started',
          eventType: STARTED,
          commandType: 'START_PROCESS',
          processKey: PROCESS_KEY,
          messageName: 'MSG_TENANT_PROBE_STARTED',
          businessKey: '$.payload.caseId',
          payloadVariables: { caseId: '$.payload.caseId' },
          tenant: null,
        },
        {
          name: 'tenant-probe-next',
          eventType: NEXT,
          commandType: 'CORRELATE_MESSAGE',
          processKey: PROCESS_KEY,
          messageName: 'MSG_TENANT_PROBE_NEXT',
          businessKey: '$.payload.caseId',
          correlationKey: { name: 'caseId', value: '$.payload.caseId' },
          payloadVariables: {},
          tenant: null,
          bufferFor: 'PT3S',
          latePolicy: { action: 'quarantine' },
        },
      ];
    });
    topic = mapping.topics[0]!;
    bridge = await launchBridge(testConfig, newRegistry(), { log, pool, mapping });
    workers = launchWorkers(testConfig, newRegistry(), { handlers: seamHandlers, log, pool });
  });
  afterAll(async () => {
    await workers?.shutdown();
    await bridge?.shutdown();
    await closeProducer();
    // Leave no waiting instance of this run behind in the shared engine.
    for (const caseId of caseIds) {
      for (const i of await engine.processInstances({ businessKey: caseId, processDefinitionKey: PROCESS_KEY })) await engine.deleteProcessInstance(i.id!);
    }
    await pool.end();
  });

  it('starts one instance per tenant, each in its tenant; a second start within a tenant is a duplicate', async () => {
    const caseId = newCase();
    const duplicate = event(STARTED, caseId, TENANT_A);
    await publish(topic, [event(STARTED, caseId, TENANT_A), event(STARTED, caseId, TENANT_B), event(STARTED, caseId, null), duplicate], caseId);
    await eventually('the four start events settled', async () => {
      const commands = await commandsFor(caseId);
      return commands.length === 4 && commands.every((c) => ['COMPLETED', 'IGNORED'].includes(c.status));
    });
    const outcomes = (await commandsFor(caseId)).map((c) => `${c.tenant_id ?? '-'} ${c.status} ${c.resolution ?? c.reason_code}`).sort();
    // Within tenant A the two starts race for the guard; exactly one wins, whichever it is.
    expect(outcomes).toEqual(['- COMPLETED STARTED', `${TENANT_A} COMPLETED STARTED`, `${TENANT_A} IGNORED DUPLICATE_START`, `${TENANT_B} COMPLETED STARTED`]);

    const history = await historyOf(caseId);
    expect(history.map((i) => i.tenantId ?? null).sort()).toEqual([TENANT_A, TENANT_B, null].sort());
    const { rows } = await pool.query<{ tenant_id: string | null; status: string; camunda_process_instance_id: string }>(
      `select tenant_id, status, camunda_process_instance_id from integration.process_instance_registry where business_key = $1`,
      [caseId],
    );
    expect(rows.map((r) => r.tenant_id).sort()).toEqual([TENANT_A, TENANT_B, null].sort());
    for (const r of rows) {
      expect(r.status).toBe('STARTED');
      expect(r.camunda_process_instance_id).toBe(await instanceOfTenant(caseId, r.tenant_id));
    }
  });

  it("correlates each tenant's follow-up to its own tenant's instance only", async () => {
    const caseId = newCase();
    await startedInEveryTenant(caseId);
    const tenants = [TENANT_A, TENANT_B, null];
    const instances = new Map<string | null, string>();
    for (const tenantId of tenants) {
      instances.set(tenantId, await instanceOfTenant(caseId, tenantId));
      await waitForShadow(instances.get(tenantId)!, 'MSG_TENANT_PROBE_NEXT', 'OPEN');
    }
    const next = new Map(tenants.map((t) => [t, event(NEXT, caseId, t)]));
    await publish(topic, [...next.values()], caseId);
    for (const tenantId of tenants) {
      const command = await waitForCommand(next.get(tenantId)!.eventId, 'COMPLETED');
      expect(command).toMatchObject({ resolution: 'CORRELATED', tenant_id: tenantId, camunda_process_instance_id: instances.get(tenantId) });
    }
    // The engine's history agrees: each instance took its own tenant's event, and no other.
    for (const tenantId of tenants) {
      const started = (await commandsFor(caseId)).find((c) => c.command_type === 'START_PROCESS' && c.tenant_id === tenantId)!;
      expect(await eventsAppliedTo(instances.get(tenantId)!)).toEqual([started.source_event_id, next.get(tenantId)!.eventId].sort());
    }
    // An operator's view of the business key (`seam ops case`) shows three cases, each row naming its tenant.
    const { entries } = await caseTimeline(pool, engine, caseId);
    for (const tenantId of tenants) {
      const commands = entries.filter((e) => e.stage === 'command' && e.tenant === tenantId && e.what.endsWith('created'));
      expect(commands.map((e) => e.what.split(' ')[0])).toEqual(['START_PROCESS', 'CORRELATE_MESSAGE']);
      const starts = entries.filter((e) => e.stage === 'registry' && e.tenant === tenantId);
      expect(starts.map((e) => e.what)).toEqual([`${PROCESS_KEY} STARTED instance ${instances.get(tenantId)} by WORKER`]);
    }
  });

  it('takes one event id in two tenants for two events, and a redelivery within a tenant for one', async () => {
    const caseId = newCase();
    const eventId = `evt-${randomUUID()}`;
    const a = event(STARTED, caseId, TENANT_A, eventId);
    await publish(topic, [a, event(STARTED, caseId, TENANT_B, eventId), a], caseId);
    await eventually('both tenants started', async () => (await historyOf(caseId)).length === 2);
    const inbox = (await inboxRowsOf(mapping.consumerName)).filter((r) => r.event_id === eventId);
    expect(inbox.map((r) => r.tenant_id).sort()).toEqual([TENANT_A, TENANT_B]);
    await eventually('both starts completed', async () => (await commandsFor(caseId)).filter((c) => c.status === 'COMPLETED').length === 2);
    expect((await commandsFor(caseId)).map((c) => c.tenant_id).sort()).toEqual([TENANT_A, TENANT_B]);
    // Both carry the same start event id: the start fence must not take one for the other's duplicate.
    for (const tenantId of [TENANT_A, TENANT_B]) await waitForShadow(await instanceOfTenant(caseId, tenantId), 'MSG_TENANT_PROBE_NEXT', 'OPEN');
    expect((await historyOf(caseId)).map((i) => i.state)).toEqual(['ACTIVE', 'ACTIVE']);
  });

  it("quarantines an event whose case waits only in another tenant (TENANT_MISMATCH), after its buffer, and leaves that tenant's wait open", async () => {
    const caseId = newCase();
    await publish(topic, [event(STARTED, caseId, TENANT_A)], caseId);
    await eventually('the start applied', async () => (await commandsFor(caseId)).some((c) => c.status === 'COMPLETED'));
    const instanceA = await instanceOfTenant(caseId, TENANT_A);
    const wait = await waitForShadow(instanceA, 'MSG_TENANT_PROBE_NEXT', 'OPEN');
    const forB = event(NEXT, caseId, TENANT_B);
    await publish(topic, [forB], caseId);
    const command = await waitForCommand(forB.eventId, 'QUARANTINED');
    expect(command.reason_code).toBe('TENANT_MISMATCH');
    expect(command.reason_message).toContain(TENANT_A);
    const { rows } = await pool.query(`select status from integration.process_wait_subscription where subscription_id = $1`, [wait.subscription_id]);
    expect(rows).toEqual([{ status: 'OPEN' }]);
    expect(await eventsAppliedTo(instanceA)).not.toContain(forB.eventId);
  });
});

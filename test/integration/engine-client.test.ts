import { beforeAll, describe, expect, it } from 'vitest';
import { config, deployFixtures, engine, uniqueKey } from './support/engine.ts';
import { createEngineClient } from '../../platform/engine/client.ts';
import { engineSpecs } from '../../stack/control/engines.ts';
import { identifyEngine } from '../../stack/control/engine.ts';
import {
  EngineError,
  isAuthFailure,
  isConnectionFailure,
  isInvalidRequest,
  isMultipleMatch,
  isNoMatch,
  isOptimisticLocking,
  isOutcomeUnknown,
  isTransient,
} from '../../platform/engine/engine-error.ts';

/** The rejection of a promise, which must reject with an EngineError. */
async function failure(p: Promise<unknown>): Promise<EngineError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EngineError);
  return err as EngineError;
}

// The same tests run on every engine the stack can start (SEAM_ENGINE): classification matches what each returns.
const expected = engineSpecs[config.engine.kind];

describe(`engine client against the real ${expected.product} ${expected.version} engine`, () => {
  beforeAll(async () => {
    await deployFixtures('probe-wait.bpmn', 'probe-join.bpmn');
  });

  it(`talks to ${expected.product} ${expected.version} with basic auth, and knows which engine it is`, async () => {
    expect(await engine.version()).toBe(expected.version);
    expect(await identifyEngine(config.engine)).toEqual({ product: expected.product, version: expected.version, kind: expected.kind });
  });

  it('starts an instance through its message start event and correlates the intermediate wait', async () => {
    const businessKey = uniqueKey('client');
    const [started] = await engine.correlate({
      messageName: 'MSG_PROBE_STARTED',
      businessKey,
      processVariables: { caseId: { value: businessKey, type: 'String' } },
    });
    expect(started?.resultType).toBe('ProcessDefinition');
    const instanceId = started?.processInstance?.id ?? undefined;
    expect(instanceId).toBeTruthy();

    const waiting = await engine.eventSubscriptions({ eventName: 'MSG_PROBE_NEXT', processInstanceId: instanceId });
    expect(waiting.map((s) => s.activityId)).toEqual(['WaitForNext']);

    const [correlated] = await engine.correlate({ messageName: 'MSG_PROBE_NEXT', processInstanceId: instanceId });
    expect(correlated?.resultType).toBe('Execution');
    expect(correlated?.execution?.processInstanceId).toBe(instanceId);
    const active = await engine.processInstances({ processInstanceIds: [instanceId!] });
    expect(active).toEqual([]); // the instance ran to its end
  });

  it('reads where a running instance stands (its activity instance tree), and null once it has ended', async () => {
    const [started] = await engine.correlate({ messageName: 'MSG_PROBE_STARTED', businessKey: uniqueKey('tree') });
    const instanceId = started!.processInstance!.id!;
    const tree = await engine.activityInstances(instanceId);
    expect(tree).toMatchObject({ id: instanceId, processDefinitionId: started!.processInstance!.definitionId });
    expect(tree!.childActivityInstances!.map((a) => a.activityId)).toEqual(['WaitForNext']);
    await engine.correlate({ messageName: 'MSG_PROBE_NEXT', processInstanceId: instanceId });
    expect(await engine.activityInstances(instanceId)).toBeNull();
  });

  it('classifies a correlation that matches nothing as no-match, not transient', async () => {
    const err = await failure(engine.correlate({ messageName: 'MSG_PROBE_NEXT', businessKey: uniqueKey('nobody') }));
    expect(err).toMatchObject({ status: 400, type: 'RestException', kind: 'http' });
    expect(err.engineMessage).toContain('No process definition or execution matches the parameters');
    // The exception's Java package is the engine's own (org.camunda.bpm / org.operaton.bpm); Seam never matches on it.
    expect(err.engineMessage).toContain(`org.${expected.kind}.bpm.engine.MismatchingMessageCorrelationException`);
    expect(isNoMatch(err)).toBe(true);
    expect(isMultipleMatch(err)).toBe(false);
    expect(isTransient(err)).toBe(false);
  });

  it('classifies a correlation that matches two waiting instances as multiple-match', async () => {
    const businessKey = uniqueKey('twice');
    await engine.correlate({ messageName: 'MSG_PROBE_STARTED', businessKey });
    await engine.correlate({ messageName: 'MSG_PROBE_STARTED', businessKey });
    const err = await failure(engine.correlate({ messageName: 'MSG_PROBE_NEXT', businessKey }));
    expect(err).toMatchObject({ status: 400, type: 'RestException' });
    expect(err.engineMessage).toMatch(/ENGINE-1303[01]/);
    expect(isMultipleMatch(err)).toBe(true);
    expect(isNoMatch(err)).toBe(false);
  });

  it('classifies optimistic locking from two correlations racing into one parallel join', async () => {
    // Two waits of one instance joined by a parallel gateway: correlating both at once makes both
    // transactions update the parent execution, and the engine rejects one. Racy by nature, so try rounds.
    const seen: EngineError[] = [];
    for (let round = 0; round < 30 && seen.length === 0; round++) {
      const { data } = await engine.raw.POST('/process-definition/key/{key}/start', { params: { path: { key: 'seam-probe-join' } }, body: {} });
      const processInstanceId = data!.id!;
      const outcomes = await Promise.allSettled([
        engine.correlate({ messageName: 'MSG_PROBE_LEFT', processInstanceId }),
        engine.correlate({ messageName: 'MSG_PROBE_RIGHT', processInstanceId }),
      ]);
      for (const o of outcomes) if (o.status === 'rejected') seen.push(o.reason as EngineError);
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const err of seen) {
      expect(err).toMatchObject({ status: 500, type: 'OptimisticLockingException', code: 1 });
      expect(isOptimisticLocking(err)).toBe(true);
      expect(isTransient(err)).toBe(true);
    }
  });

  it('classifies a variable whose value does not fit its type as an invalid request', async () => {
    const err = await failure(
      engine.correlate({ messageName: 'MSG_PROBE_STARTED', businessKey: uniqueKey('badvar'), processVariables: { count: { value: 'abc', type: 'Integer' } } }),
    );
    expect(err).toMatchObject({ status: 400, type: 'InvalidRequestException' });
    expect(isInvalidRequest(err)).toBe(true);
    expect(isTransient(err)).toBe(false);
  });

  it('classifies bad credentials as an auth failure', async () => {
    // An unknown user: a wrong password for a real one would trip the engine's login throttling for it.
    const stranger = createEngineClient({ ...config.engine, user: 'seam-test-nobody', password: 'wrong' });
    const err = await failure(stranger.version());
    expect(err.status).toBe(401);
    expect(isAuthFailure(err)).toBe(true);
    expect(isTransient(err)).toBe(false);
  });

  it('classifies an unreachable engine as a transient connection failure', async () => {
    const nowhere = createEngineClient({ ...config.engine, restUrl: 'http://127.0.0.1:59999/engine-rest' });
    const err = await failure(nowhere.version());
    expect(err).toMatchObject({ kind: 'connection', status: 0 });
    expect(isConnectionFailure(err)).toBe(true);
    expect(isTransient(err)).toBe(true);
    expect(isOutcomeUnknown(err)).toBe(false);
  });

  it('close waits for the call in flight, then refuses new calls as a connection failure (nothing sent)', async () => {
    const closing = createEngineClient(config.engine);
    const inFlight = closing.version();
    await closing.close();
    expect(await inFlight).toMatch(/^\d+\.\d+/);
    const err = await failure(closing.version());
    expect(err).toMatchObject({ kind: 'connection', status: 0 });
    expect(isOutcomeUnknown(err)).toBe(false);
  });

  it('reports a call that outlives its timeout as outcome-unknown', async () => {
    const impatient = createEngineClient({ ...config.engine, timeoutMs: 1 });
    const err = await failure(impatient.processInstances({}));
    expect(err.kind).toBe('timeout');
    expect(isOutcomeUnknown(err)).toBe(true);
  });

  it('reads the latest deployed definition XML, and null for an unknown key', async () => {
    const xml = await engine.getLatestDefinitionXml('seam-probe-wait');
    expect(xml).toContain('MSG_PROBE_NEXT');
    expect(await engine.getLatestDefinitionXml(uniqueKey('no-such-process'))).toBeNull();
  });

  it('turns a model the engine rejects into an EngineError naming the problem', async () => {
    const broken =
      '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="missing"/></bpmn:process></bpmn:definitions>';
    const err = await failure(engine.deploy([{ name: 'broken.bpmn', content: broken }], { deploymentName: 'seam-test-broken' }));
    expect(err.status).toBe(400);
    expect(err.type).toBe('ParseException');
    expect(err.engineMessage.length).toBeGreaterThan(10);
  });

  it('reads definitions, their XML and the history of an instance through named methods', async () => {
    const [definition] = await engine.processDefinitions({ key: 'seam-probe-wait', sortBy: 'version', sortOrder: 'desc', maxResults: 1 });
    expect(definition?.key).toBe('seam-probe-wait');
    expect(await engine.getDefinitionXml(definition!.id!)).toContain('MSG_PROBE_NEXT');

    const businessKey = uniqueKey('history');
    const [started] = await engine.correlate({
      messageName: 'MSG_PROBE_STARTED',
      businessKey,
      processVariables: { caseId: { value: businessKey, type: 'String' } },
    });
    const instanceId = started!.processInstance!.id!;
    const historic = await engine.historicProcessInstances({ processInstanceBusinessKey: businessKey });
    expect(historic.map((h) => h.id)).toEqual([instanceId]);
    const details = await engine.historicDetails({
      processInstanceId: instanceId,
      variableNameLike: 'caseId',
      variableUpdates: true,
      deserializeValues: false,
    });
    expect(details.map((d) => (d as { value?: unknown }).value)).toEqual([businessKey]);
  });

  it('answers null for an unknown external task and an EngineError for an unknown job or unlock', async () => {
    expect(await engine.getExternalTask('no-such-task')).toBeNull();
    expect(await engine.externalTasks({ workerId: uniqueKey('nobody') })).toEqual([]);
    expect(await engine.jobs({ processInstanceId: 'no-such-instance' })).toEqual([]);
    expect((await failure(engine.executeJob('no-such-job'))).status).toBe(404);
    expect((await failure(engine.unlockExternalTask('no-such-task'))).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { repoRoot } from '../../platform/config.ts';
import { config, engine, uniqueKey } from './support/engine.ts';
import { eventually, pool } from './support/cases.ts';
import { runSeam } from '../support/run-seam.ts';

const MESSAGE = 'MSG_GATE_PROBE_RECEIVED';
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures/deploy', name), 'utf8');

/** Runs `seam deploy` as a user would, from the project root (where .bpmnlintrc is). */
const seamDeploy = (args: string[], env: Record<string, string> = {}) => runSeam(['deploy', ...args], { env });

/** A processes/ folder with one fixture process under a key no other run uses. */
function processesFolder(key: string, files: Record<string, string>, placeholder: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'seam-deploy-'));
  mkdirSync(path.join(dir, key));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, key, name), text.replaceAll(placeholder, key));
  return dir;
}

/** A local port nothing listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function engineVersions(key: string): Promise<number[]> {
  const { data } = await engine.raw.GET('/process-definition', { params: { query: { key, sortBy: 'version', sortOrder: 'asc' } } });
  return (data ?? []).map((d) => d.version!);
}

async function removeDeployments(key: string): Promise<void> {
  const { data } = await engine.raw.GET('/deployment', { params: { query: { nameLike: `${key}@%` } } });
  for (const deployment of data ?? []) {
    await engine.raw.DELETE('/deployment/{id}', { params: { path: { id: deployment.id! }, query: { cascade: true } } });
  }
}

/** Starts an instance and takes it past its shadow-open task (through REST, or a running worker does) to the message wait. */
async function startWaitingInstance(key: string): Promise<{ id: string; businessKey: string }> {
  const businessKey = uniqueKey('probe');
  const { data } = await engine.raw.POST('/process-definition/key/{key}/start', {
    params: { path: { key } },
    body: { businessKey, variables: { probeId: { value: businessKey, type: 'String' } } },
  });
  const id = data!.id!;
  await eventually('the instance to wait for the probe message', async () => {
    const { data: tasks } = await engine.raw.POST('/external-task/fetchAndLock', {
      body: { workerId: 'deploy-test', maxTasks: 1, topics: [{ topicName: 'seam-shadow-open', lockDuration: 10_000, processDefinitionKey: key }] },
    });
    for (const task of tasks ?? [])
      await engine.raw.POST('/external-task/{id}/complete', { params: { path: { id: task.id! } }, body: { workerId: 'deploy-test' } });
    return (await engine.eventSubscriptions({ processInstanceId: id, eventType: 'message' })).length > 0;
  });
  return { id, businessKey };
}

describe('seam deploy against the real engine', () => {
  const key = `seam-gate-${randomUUID().slice(0, 8)}`;
  let dir: string;
  const v2Files = () => ({
    'v2.bpmn': fixture('gate-v2.bpmn'),
    // The team says the wait is drained; the gate checks that against the engine and the database.
    'compatibility.yaml': `processKey: ${key}\nretired:\n  - message: ${MESSAGE}\n    drainedAt: 2026-11-22\n    reason: probes are answered synchronously now\n`,
  });
  const addV2 = () => {
    for (const [name, text] of Object.entries(v2Files())) writeFileSync(path.join(dir, key, name), text.replaceAll('seam-gate-fixture', key));
  };

  beforeAll(() => {
    dir = processesFolder(key, { 'v1.bpmn': fixture('gate-v1.bpmn') }, 'seam-gate-fixture');
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await removeDeployments(key);
  });

  it('holds back a version that drops a message an instance waits for, until nothing waits for it', async () => {
    const first = await seamDeploy(['--processes', dir]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(`${key} v1: deployed (engine version 1)\n`);
    expect(first.code).toBe(0);

    const instance = await startWaitingInstance(key);
    // Without compatibility.yaml the dropped wait is a lint error against the deployed v1.
    writeFileSync(path.join(dir, key, 'v2.bpmn'), fixture('gate-v2.bpmn').replaceAll('seam-gate-fixture', key));
    const unlinted = await seamDeploy(['--processes', dir]);
    expect(unlinted.code).toBe(1);
    expect(unlinted.stdout).toContain('seam/removed-catch-event');
    expect(unlinted.stderr).toBe('seam deploy: 1 lint error(s); nothing deployed\n');
    addV2();

    const refused = await seamDeploy(['--processes', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`v2 of ${key} no longer waits for ${MESSAGE}`);
    expect(refused.stdout).toContain(`instance ${instance.id} (business key ${instance.businessKey}) waits at WaitForProbe for ${MESSAGE}`);
    expect(refused.stdout).toMatch(/keep MSG_GATE_PROBE_RECEIVED in v2[\s\S]*drain[\s\S]*migration API/);
    expect(refused.stderr).toBe(`seam deploy: refused: ${key} v2 would drop messages still in use; nothing deployed\n`);
    const dryRefused = await seamDeploy(['--processes', dir, '--dry-run']);
    expect(dryRefused.code).toBe(1);
    expect(await engineVersions(key)).toEqual([1]);

    // The instance gets its message and moves on: nothing waits for it any more.
    await engine.correlate({ messageName: MESSAGE, processInstanceId: instance.id });

    // A command the bridge will still deliver holds the deploy back just the same.
    const { rows } = await pool.query<{ command_id: string }>(
      `insert into integration.process_correlation_command (source_consumer_name, source_event_id, source_event_type, command_type, process_key, message_name, business_key)
       values ('deploy-test', $1, 'test.probe.received.v1', 'CORRELATE_MESSAGE', $2, $3, $4) returning command_id`,
      [randomUUID(), key, MESSAGE, instance.businessKey],
    );
    const commandId = rows[0]!.command_id;
    try {
      const blocked = await seamDeploy(['--processes', dir]);
      expect(blocked.code).toBe(1);
      expect(blocked.stdout).toContain(`command ${commandId} (PENDING) targets ${MESSAGE} for business key ${instance.businessKey}`);
      expect(blocked.stdout).not.toContain('waits at WaitForProbe');
    } finally {
      await pool.query('delete from integration.process_correlation_command where command_id = $1', [commandId]);
    }

    const dryRun = await seamDeploy(['--processes', dir, '--dry-run']);
    expect(dryRun.stdout).toBe(`${key} v1: unchanged\n${key} v2: would deploy\ndry run: nothing deployed\n`);
    expect(dryRun.code).toBe(0);
    expect(await engineVersions(key)).toEqual([1]);

    const deployed = await seamDeploy(['--processes', dir]);
    expect(deployed.stdout).toBe(`${key} v1: unchanged\n${key} v2: deployed (engine version 2)\n`);
    expect(deployed.code).toBe(0);

    const again = await seamDeploy(['--processes', dir]);
    expect(again.stdout).toBe(`${key} v1: unchanged\n${key} v2: unchanged\n`);
    expect(await engineVersions(key)).toEqual([1, 2]);
  });

  it('says in one line that the engine refused the credentials', async () => {
    // An unknown user, not demo with a wrong password: that would trip the engine's login throttling for demo.
    const user = `seam-nobody-${randomUUID().slice(0, 8)}`;
    const { code, stdout, stderr } = await seamDeploy(['--processes', dir], { CAMUNDA_USER: user, CAMUNDA_PASSWORD: 'wrong' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`seam deploy: the engine at ${config.engine.restUrl} refused user '${user}' (HTTP 401): check CAMUNDA_USER and CAMUNDA_PASSWORD\n`);
  });

  it('says in one line that the engine is not reachable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/engine-rest`;
    const { code, stdout, stderr } = await seamDeploy(['--processes', dir], { CAMUNDA_REST_URL: url });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`seam deploy: the engine at ${url} is not reachable (ECONNREFUSED): is it running? (seam stack status)\n`);
  });
});

describe('seam deploy with a model the engine rejects', () => {
  const key = `seam-gate-${randomUUID().slice(0, 8)}-rejected`;
  let dir: string;
  beforeAll(() => {
    dir = processesFolder(key, { 'v1.bpmn': fixture('rejected-v1.bpmn') }, 'seam-gate-rejected');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("says in one line which file and what the engine's parser said", async () => {
    const { code, stdout, stderr } = await seamDeploy(['--processes', dir]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const file = path.relative(repoRoot, path.join(dir, key, 'v1.bpmn'));
    expect(stderr).toMatch(
      new RegExp(
        `^seam deploy: the engine rejected ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: One of the attributes 'class', 'delegateExpression', 'type', or 'expression' is mandatory on serviceTask\\..* \\(line \\d+, column \\d+\\)\\n$`,
      ),
    );
    expect(await engineVersions(key)).toEqual([]);
  });
});

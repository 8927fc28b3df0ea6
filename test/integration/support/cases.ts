import path from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { config, engine, uniqueKey } from './engine.ts';
import { repoRoot } from '../../../platform/config.ts';
import { discoverProcessModels } from '../../../modeling/deploy/model-files.ts';
import { deployModels } from '../../../modeling/deploy/deploy-models.ts';
import type { ShadowRow } from '../../../ledger/shadows/insert-opening.ts';
import { waitUntil } from '../../../platform/wait.ts';

export const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 5 });

export async function deployProjectModels(): Promise<void> {
  await deployModels(engine, discoverProcessModels(path.join(repoRoot, 'processes')), { dryRun: false, source: 'seam-tests' });
}

/** Starts a regulatory case the way the bridge will: message start, business key = caseId. */
export async function startCase(variables: Record<string, string> = {}): Promise<{ caseId: string; processInstanceId: string }> {
  const caseId = uniqueKey('case');
  const processVariables = Object.fromEntries(Object.entries({ caseId, ...variables }).map(([k, v]) => [k, { value: v, type: 'String' }]));
  const [result] = await engine.correlate({ messageName: 'MSG_CASE_ACCEPTED', businessKey: caseId, processVariables });
  return { caseId, processInstanceId: result!.processInstance!.id! };
}

export async function shadows(processInstanceId: string): Promise<ShadowRow[]> {
  const { rows } = await pool.query<ShadowRow>(
    `select * from integration.process_wait_subscription where camunda_process_instance_id = $1 order by opened_at, subscription_id`,
    [processInstanceId],
  );
  return rows;
}

export async function caseActions(caseId: string): Promise<string[]> {
  const { rows } = await pool.query<{ action_type: string }>(`select action_type from casework.case_action where business_key = $1 order by action_id`, [
    caseId,
  ]);
  return rows.map((r) => r.action_type);
}

/** Waits until `probe` holds, failing with `what` after `timeoutMs`. */
export async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  if (!(await waitUntil(probe, timeoutMs, 100))) throw new Error(`timed out waiting for: ${what}`);
}

export async function waitForShadow(processInstanceId: string, messageName: string, status: ShadowRow['status'], count = 1): Promise<ShadowRow> {
  let found: ShadowRow[] = [];
  await eventually(`${count} ${status} shadow(s) for ${messageName}`, async () => {
    found = (await shadows(processInstanceId)).filter((s) => s.message_name === messageName && s.status === status);
    return found.length >= count;
  });
  return found[found.length - 1]!;
}

/** No external task of the instance waits to be worked on, and no shadow is half-open: a quiet point. */
export async function waitForQuiet(processInstanceId: string): Promise<void> {
  await eventually('instance to settle', async () => {
    const { data } = await engine.raw.GET('/external-task', { params: { query: { processInstanceId } } });
    const opening = (await shadows(processInstanceId)).some((s) => s.status === 'OPENING');
    return (data ?? []).length === 0 && !opening;
  });
}

/**
 * The shadow and the engine agree: every live shadow is an engine message subscription of the instance
 * (same message, execution and activity) and every engine message subscription has a live shadow.
 */
export async function expectShadowMatchesEngine(processInstanceId: string): Promise<void> {
  await waitForQuiet(processInstanceId);
  const live = (await shadows(processInstanceId))
    .filter((s) => s.status === 'OPEN')
    .map((s) => `${s.message_name}@${s.wait_activity_id}#${s.camunda_execution_id}`);
  const subscriptions = (await engine.eventSubscriptions({ processInstanceId, eventType: 'message' })).map(
    (s) => `${s.eventName}@${s.activityId}#${s.executionId}`,
  );
  expect(live.sort()).toEqual(subscriptions.sort());
}

export async function isEnded(processInstanceId: string): Promise<boolean> {
  return (await engine.processInstances({ processInstanceIds: [processInstanceId] })).length === 0;
}

/** Fires a timer now through the REST API, as an operator would, instead of waiting for it. */
export async function fireTimer(processInstanceId: string, activityId: string): Promise<void> {
  const { data } = await engine.raw.GET('/job', { params: { query: { processInstanceId, activityId, timers: true } } });
  expect(data, `a timer job at ${activityId}`).toHaveLength(1);
  const { response } = await engine.raw.POST('/job/{id}/execute', { params: { path: { id: data![0]!.id! } } });
  expect(response.status).toBe(204);
}

export async function correlate(processInstanceId: string, messageName: string, variables: Record<string, string> = {}) {
  const processVariables = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { value: v, type: 'String' }]));
  return engine.correlate({ messageName, processInstanceId, processVariables });
}

/** Every event id the instance's `seamSourceEventId` ever held (the engine's variable history): what the engine applied to it, once per application. */
export async function eventsAppliedTo(processInstanceId: string): Promise<string[]> {
  const details = await engine.historicDetails({ processInstanceId, variableNameLike: 'seamSourceEventId', variableUpdates: true, deserializeValues: false });
  return details.map((d) => String((d as { value?: unknown }).value)).sort();
}

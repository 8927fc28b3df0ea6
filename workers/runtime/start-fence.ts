import type { Task } from 'camunda-external-task-client-js';
import type { WorkerDeps } from './task-handler.ts';
import { findRegistryRow } from '../../ledger/registry/registry.ts';
import { terminateDuplicateInstance } from '../../platform/engine/terminate-duplicate.ts';
import { queryTenant } from '../../platform/engine/tenant.ts';

/** The start variable the bridge sets on every instance it starts; fetched with every task. */
export const START_EVENT_VARIABLE = 'seamStartEventId';

export type FenceVerdict = { kind: 'proceed' } | { kind: 'wait'; reason: string } | { kind: 'fenced'; keptInstanceId: string };

/**
 * The engine-side half of the start fence (docs/fencing.md): before a worker does anything for an
 * instance, check it is the one the registry holds for its case. An instance the bridge started for
 * the same start event as the registered one, but that is not the registered one, is a duplicate whose
 * call outlived its timeout: it is terminated (recorded on it) before any work runs. While the case's
 * start is still being settled (STARTING), the task waits. Instances Seam did not start (no start
 * variable, or another event's) are not Seam's to fence: the bridge reports their ambiguity instead.
 * The case is the instance's tenant's: another tenant's instance of one business key is not a duplicate.
 */
export async function checkStartFence(task: Task, deps: WorkerDeps): Promise<FenceVerdict> {
  const startEventId = task.variables?.get(START_EVENT_VARIABLE) as unknown;
  if (typeof startEventId !== 'string' || !task.businessKey) return { kind: 'proceed' };
  const registered = await findRegistryRow(deps.db, { processKey: task.processDefinitionKey, businessKey: task.businessKey, tenantId: task.tenantId });
  if (!registered) return fenceByFirstInstance(task, deps, startEventId);
  if (registered.start_source_event_id !== startEventId) return { kind: 'proceed' };
  if (registered.camunda_process_instance_id === task.processInstanceId) return { kind: 'proceed' };
  if (registered.status === 'STARTING' || !registered.camunda_process_instance_id) {
    return { kind: 'wait', reason: `the start of ${task.businessKey} is still being settled; this instance may be a duplicate` };
  }
  await terminateDuplicateInstance(
    deps.engine,
    task.processInstanceId,
    registered.camunda_process_instance_id,
    `duplicate start of event ${startEventId}: the registry holds instance ${registered.camunda_process_instance_id}`,
  );
  return { kind: 'fenced', keptInstanceId: registered.camunda_process_instance_id };
}

/**
 * A start the registry does not guard (a late policy's review process): the first instance the engine
 * started for this start event is the one; a later one is a duplicate whose call outlived its timeout.
 */
async function fenceByFirstInstance(task: Task, deps: WorkerDeps, startEventId: string): Promise<FenceVerdict> {
  // By business key too: a variable filter alone scans the history of every instance of the definition.
  const instances = await deps.engine.historicProcessInstances({
    processDefinitionKey: task.processDefinitionKey,
    processInstanceBusinessKey: task.businessKey!,
    ...queryTenant(task.tenantId),
    variables: [{ name: START_EVENT_VARIABLE, operator: 'eq', value: startEventId }],
  });
  const live = instances.filter((i) => i.state !== 'EXTERNALLY_TERMINATED' && i.state !== 'INTERNALLY_TERMINATED');
  const [first] = [...live].sort((a, b) => String(a.startTime).localeCompare(String(b.startTime)) || String(a.id).localeCompare(String(b.id)));
  if (!first || first.id === task.processInstanceId) return { kind: 'proceed' };
  await terminateDuplicateInstance(
    deps.engine,
    task.processInstanceId,
    first.id!,
    `duplicate start of event ${startEventId}: instance ${first.id} was started first`,
  );
  return { kind: 'fenced', keptInstanceId: first.id! };
}

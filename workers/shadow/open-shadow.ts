import type { Task } from 'camunda-external-task-client-js';
import { withTransaction } from '../../platform/db/pool.ts';
import { deadlineFrom } from '../../platform/time/iso-duration.ts';
import { complete, PermanentTaskError, requireBusinessKey, requireProperty, type TaskHandler, type WorkerDeps } from '../runtime/task-handler.ts';
import { lockWaitKey } from '../../ledger/shadows/lock-wait-key.ts';
import { insertOpeningShadow } from '../../ledger/shadows/insert-opening.ts';
import { confirmOpeningShadow } from '../../ledger/shadows/confirm-opening.ts';
import { SHADOW_TOPICS } from './topics.ts';
import { findShadowOpenedByTask } from '../../ledger/shadows/find-shadows.ts';
import { waitTokenVariable } from '../../ledger/shadows/wait-token.ts';
import { faultPoint } from '../../platform/service/fault-points.ts';

async function readCorrelationValue(task: Task, deps: WorkerDeps): Promise<{ name: string; value: string } | null> {
  const name = task.extensionProperties?.['seam.correlationKey'];
  if (!name) return null;
  const value = await deps.engine.getVariable(task.processInstanceId, name);
  if (value === undefined || value === null || typeof value === 'object') {
    throw new PermanentTaskError(
      `correlation key variable "${name}" of instance ${task.processInstanceId} is ${value === undefined || value === null ? 'not set' : 'not a plain value'}`,
    );
  }
  return { name, value: String(value) };
}

async function readDeadline(task: Task, deps: WorkerDeps): Promise<Date | null> {
  const name = task.extensionProperties?.['seam.deadline'];
  if (!name) return null;
  const value = await deps.engine.getVariable(task.processInstanceId, name);
  if (value === undefined || value === null) return null;
  const deadline = deadlineFrom(value, new Date());
  if (!deadline) throw new PermanentTaskError(`deadline variable "${name}" is neither an ISO 8601 duration nor a date-time`);
  return deadline;
}

const isLiveWaitConflict = (err: unknown): boolean =>
  (err as { code?: string; constraint?: string }).code === '23505' && (err as { constraint?: string }).constraint === 'process_wait_subscription_live_uk';

/**
 * `seam-shadow-open`: records "this instance now waits for message M" before the engine waits.
 * The row is written OPENING, the task completed (the engine enters the wait in that same engine
 * transaction), and then the row is confirmed OPEN against the engine's own event subscription,
 * waking buffered commands for the key. See docs/shadow-hooks.md for why in that order. The completion
 * writes the wait-scoped token (docs/fencing.md): a correlation meant for this wait cannot land in a later one.
 */
export const openShadow: TaskHandler = {
  topic: SHADOW_TOPICS.open,
  variables: [],
  async handle(task, deps) {
    const messageName = requireProperty(task, 'seam.message');
    const businessKey = requireBusinessKey(task);
    const [correlation, deadlineAt] = await Promise.all([readCorrelationValue(task, deps), readDeadline(task, deps)]);
    const tokenVariable = waitTokenVariable(messageName);
    const shadow = await withTransaction(deps.db, async (tx) => {
      await lockWaitKey(tx, { processKey: task.processDefinitionKey, businessKey, tenantId: task.tenantId, messageName });
      try {
        return await insertOpeningShadow(tx, {
          processKey: task.processDefinitionKey,
          processDefinitionId: task.processDefinitionId,
          businessKey,
          messageName,
          correlationKeyName: correlation?.name ?? null,
          correlationKeyValue: correlation?.value ?? null,
          tenantId: task.tenantId,
          processInstanceId: task.processInstanceId,
          hookActivityId: task.activityId,
          openedByTaskId: task.id,
          deadlineAt,
          waitTokenVariable: tokenVariable,
        });
      } catch (err) {
        if (isLiveWaitConflict(err)) {
          throw new PermanentTaskError(
            `instance ${task.processInstanceId} already has a live wait for ${messageName} opened at ${task.activityId}; the model must close or expire it before opening it again`,
          );
        }
        throw err;
      }
    });
    faultPoint('after-shadow-insert');
    // The engine enters the wait in the transaction that stores the token: every correlation to this wait names it.
    return complete(tokenVariable ? { [tokenVariable]: shadow.subscription_id } : undefined);
  },
  async afterComplete(task, deps) {
    const row = await findShadowOpenedByTask(deps.db, task.id);
    if (row) await confirmOpeningShadow(row, deps.db, deps.engine, deps.log);
  },
};

import type { Task } from 'camunda-external-task-client-js';
import { complete, requireBusinessKey, type TaskHandler, type TaskOutcome, type WorkerDeps } from '../../../workers/runtime/task-handler.ts';
import { recordCaseAction, type CaseActionType } from '../casework/record-case-action.ts';

type Details = Record<string, string | number | boolean | null>;

interface CaseTaskSpec {
  topic: string;
  action: CaseActionType | ((task: Task) => CaseActionType);
  variables?: string[];
  declaredErrors?: string[];
  /** Idempotency key of the work; by default the activity instance, which a redelivered task keeps. */
  idempotencyKey?: (task: Task, businessKey: string) => string;
  details?: (task: Task) => Details;
  /** Decides the outcome after the work is recorded; by default the task completes. */
  outcome?: (task: Task, deps: WorkerDeps) => TaskOutcome | Promise<TaskOutcome>;
}

const scalar = (v: unknown): string | number | boolean | null => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null);

/** Picks the named variables as plain values for a case action's details. */
export const pick =
  (...names: string[]) =>
  (task: Task): Details =>
    Object.fromEntries(names.map((n) => [n, scalar(task.variables.get(n))]));

/**
 * A domain task of the case processes: it records its work in `casework.case_action` once (keyed so a
 * redelivered task does not do it twice) and completes. Small on purpose: the point is a real, observable
 * side effect per task, not business logic.
 */
export function caseTask(spec: CaseTaskSpec): TaskHandler {
  return {
    topic: spec.topic,
    variables: spec.variables ?? [],
    ...(spec.declaredErrors ? { declaredErrors: spec.declaredErrors } : {}),
    async handle(task, deps) {
      const businessKey = requireBusinessKey(task);
      const type = typeof spec.action === 'function' ? spec.action(task) : spec.action;
      const recorded = await recordCaseAction(deps.db, {
        businessKey,
        type,
        processInstanceId: task.processInstanceId,
        idempotencyKey: spec.idempotencyKey?.(task, businessKey) ?? `${type}:${task.activityInstanceId}`,
        details: spec.details?.(task) ?? {},
      });
      if (!recorded)
        deps.log.info(
          { event: 'case_action_already_recorded', topic: spec.topic, processInstanceId: task.processInstanceId },
          'redelivered task: work was already done',
        );
      return spec.outcome ? spec.outcome(task, deps) : complete();
    },
  };
}

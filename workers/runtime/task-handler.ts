import type { Task } from 'camunda-external-task-client-js';
import type { Pool } from '../../platform/db/pool.ts';
import type { EngineClient } from '../../platform/engine/client.ts';
import type { Logger } from '../../platform/observability/logger.ts';

/** What a handler decided. A thrown error is a technical failure: retried with backoff, then an incident. */
export type TaskOutcome =
  | { kind: 'complete'; variables?: Record<string, unknown> }
  /** A business outcome the model declares (an error boundary catches it); never a technical failure. */
  | { kind: 'bpmnError'; errorCode: string; message: string; variables?: Record<string, unknown> };

export interface WorkerDeps {
  db: Pool;
  engine: EngineClient;
  log: Logger;
}

export interface TaskHandler {
  topic: string;
  /** Process variables the handler reads (fetched with the task; nothing else is). */
  variables: string[];
  /** BPMN error codes the model declares for this task; returning any other code is a bug, so it fails. */
  declaredErrors?: string[];
  /** Attempts before the engine raises an incident (default 4). */
  maxAttempts?: number;
  handle(task: Task, deps: WorkerDeps): Promise<TaskOutcome>;
  /** Runs after the engine accepted the completion; for work that must see the engine's new state. */
  afterComplete?(task: Task, deps: WorkerDeps): Promise<void>;
}

export const complete = (variables?: Record<string, unknown>): TaskOutcome => ({ kind: 'complete', ...(variables ? { variables } : {}) });

/** A failure that retrying cannot fix (a model or configuration error): the task goes straight to an incident. */
export class PermanentTaskError extends Error {
  override name = 'PermanentTaskError';
}

/** The task's business key, which every Seam task needs. */
export function requireBusinessKey(task: Task): string {
  if (!task.businessKey) throw new PermanentTaskError(`process instance ${task.processInstanceId} has no business key; Seam correlates by business key`);
  return task.businessKey;
}

/** A Camunda extension property of the task's activity, required by the hook convention. */
export function requireProperty(task: Task, name: string): string {
  const value = task.extensionProperties?.[name];
  if (!value) throw new PermanentTaskError(`activity ${task.activityId} (topic ${task.topicName}) has no extension property "${name}"`);
  return value;
}

/**
 * How long the engine waits before offering a failed task again: 2 s, 4 s, 8 s … capped at 5 min.
 * `attempt` counts from 1 (the attempt that just failed).
 */
export function retryBackoffMs(attempt: number): number {
  return Math.min(2_000 * 2 ** (attempt - 1), 300_000);
}

/** Retries left after this failure: Camunda raises an incident when it reaches 0. */
export function remainingRetries(taskRetries: number | null, maxAttempts: number): number {
  return Math.max(0, (taskRetries ?? maxAttempts) - 1);
}

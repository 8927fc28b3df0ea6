import { BasicAuthInterceptor, Client, Variables, type RequestConfig, type Task, type TaskService } from 'camunda-external-task-client-js';
import type { Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/observability/logger.ts';
import { PermanentTaskError, remainingRetries, retryBackoffMs, type TaskHandler, type WorkerDeps } from './task-handler.ts';
import type { WorkerMetrics } from './worker-metrics.ts';
import { checkStartFence, START_EVENT_VARIABLE } from './start-fence.ts';
import { faultPoint } from '../../platform/service/fault-points.ts';

export interface WorkerRuntime {
  /**
   * Stops fetching, lets the fetch in flight come back (tasks it brings are handed back at once), waits
   * for running handlers, all within `graceMs`.
   */
  stop(graceMs: number): Promise<{ unfinished: number }>;
  readonly inFlight: number;
}

const DEFAULT_MAX_ATTEMPTS = 4;

const isFetch = (request: RequestConfig): boolean => request.json !== undefined && 'topics' in request.json;

/**
 * Runs the handlers on camunda-external-task-client-js. What the stock client lacks is added here: a
 * shutdown that leaves no task locked to a worker that is gone (the fetch in flight is tracked, let come
 * back and what it brings handed back; it is aborted only when the grace runs out), tracking of running
 * handlers so shutdown can wait for them, failure reporting with decreasing retries and backoff, metrics.
 */
export function startWorkers(config: Config, handlers: TaskHandler[], deps: WorkerDeps, metrics: WorkerMetrics, log: Logger): WorkerRuntime {
  const pollAbort = new AbortController();
  // The fetch-and-lock in flight, settled when its answer (or failure) has been handled.
  let fetchInFlight: Promise<void> | undefined;
  let fetchReturned: () => void = () => undefined;
  const trackedFetch = (request: RequestConfig): RequestConfig => {
    if (!isFetch(request)) return request;
    fetchInFlight = new Promise<void>((resolve) => (fetchReturned = resolve));
    return { ...request, signal: pollAbort.signal };
  };
  const fetchSettled = () => {
    fetchInFlight = undefined;
    fetchReturned();
  };
  let stopping = false;
  // The stock client sets no timeout, so a hung engine or proxy would hold a handler (and its lock) forever.
  // got's request timeout: the long poll may take its own time on top of one engine call's.
  const timed = (request: RequestConfig): RequestConfig => ({
    ...request,
    timeout: { request: config.engine.timeoutMs + (isFetch(request) ? config.workers.longPollMs : 0) },
  });

  const client = new Client({
    baseUrl: config.engine.restUrl,
    workerId: config.workers.workerId,
    maxTasks: config.workers.maxTasks,
    maxParallelExecutions: config.workers.maxTasks,
    lockDuration: config.workers.lockMs,
    asyncResponseTimeout: config.workers.longPollMs || undefined,
    // The stock client sleeps `interval` after every fetch, even one that returned a full batch. Under a
    // long poll the engine itself waits for tasks, so a long sleep only delays the next fetch (a hook task
    // created just after a fetch waited it out); 10 ms keeps a client whose slots are all busy from spinning.
    interval: config.workers.longPollMs > 0 ? 10 : 200,
    autoPoll: false,
    interceptors: [
      new BasicAuthInterceptor({ username: config.engine.user, password: config.engine.password }) as unknown as (c: RequestConfig) => RequestConfig,
      trackedFetch,
      timed,
    ],
  });
  // The stock client logs nothing by itself; route what matters into our JSON log.
  client.on('poll:error', (err: Error) => {
    fetchSettled();
    if (pollAbort.signal.aborted) return;
    metrics.pollErrors.inc();
    log.warn({ event: 'worker_poll_failed', error: err.message }, 'fetch-and-lock failed');
  });
  // Emitted before the stock client hands the tasks to their handlers, which happens in the same tick: a
  // shutdown waiting for the fetch sees those handlers (or hand-backs) running when it resumes.
  client.on('poll:success', fetchSettled);

  const running = new Set<Promise<void>>();
  const inFlightTaskIds = new Set<string>();

  for (const handler of handlers) {
    client.subscribe(
      handler.topic,
      { lockDuration: config.workers.lockMs, variables: [...handler.variables, START_EVENT_VARIABLE], includeExtensionProperties: true },
      ({ task, taskService }) => {
        inFlightTaskIds.add(task.id);
        // A fetch that came back after stop() was called: the task is not ours to run any more.
        const work = (stopping ? handBack(task, taskService) : runOne(handler, task, taskService)).finally(() => {
          inFlightTaskIds.delete(task.id);
          running.delete(work);
          metrics.inFlight.set(running.size);
        });
        running.add(work);
        metrics.inFlight.set(running.size);
        return work;
      },
    );
  }

  async function runOne(handler: TaskHandler, task: Task, taskService: TaskService): Promise<void> {
    const started = process.hrtime.bigint();
    const fields = {
      event: 'worker_task',
      topic: task.topicName,
      taskId: task.id,
      processInstanceId: task.processInstanceId,
      businessKey: task.businessKey,
      activityId: task.activityId,
    };
    let outcome = 'completed';
    try {
      const fence = await checkStartFence(task, deps);
      if (fence.kind === 'fenced') {
        outcome = 'fenced';
        log.warn({ ...fields, keptInstanceId: fence.keptInstanceId }, 'duplicate instance of a start terminated before any work (start fence)');
        return;
      }
      if (fence.kind === 'wait') {
        // Not a failure: keep the retries, look again shortly.
        await taskService.handleFailure(task, {
          errorMessage: fence.reason,
          retries: task.retries ?? handler.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          retryTimeout: 1_000,
        });
        outcome = 'fence_wait';
        return;
      }
      const result = await handler.handle(task, deps);
      if (result.kind === 'bpmnError') {
        if (!handler.declaredErrors?.includes(result.errorCode)) {
          throw new PermanentTaskError(`handler returned BPMN error ${result.errorCode}, which the model does not declare for topic ${handler.topic}`);
        }
        await taskService.handleBpmnError(task, result.errorCode, result.message, toVariables(result.variables));
        outcome = 'bpmn_error';
        log.info({ ...fields, errorCode: result.errorCode }, 'business error reported');
      } else {
        await taskService.complete(task, toVariables(result.variables));
        faultPoint('after-task-complete');
        log.info(fields, 'task completed');
        // The task is done in the engine; a failure here is repaired by the reconciler, not reported as a task failure.
        await handler.afterComplete?.(task, deps).catch((err: Error) => log.warn({ ...fields, error: err.message }, 'after-complete step failed'));
      }
    } catch (err) {
      outcome = await reportFailure(handler, task, taskService, err, fields);
    } finally {
      metrics.tasks.inc({ topic: handler.topic, outcome });
      metrics.duration.observe({ topic: handler.topic }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  async function handBack(task: Task, taskService: TaskService): Promise<void> {
    try {
      await taskService.unlock(task);
      log.info({ event: 'worker_task_unlocked', taskId: task.id, topic: task.topicName }, 'gave back a task fetched while stopping');
    } catch (err) {
      log.warn({ event: 'worker_unlock_failed', taskId: task.id, error: (err as Error).message }, 'could not give back a task; its lock will expire');
    }
  }

  async function reportFailure(handler: TaskHandler, task: Task, taskService: TaskService, err: unknown, fields: object): Promise<string> {
    const message = err instanceof Error ? err.message : String(err);
    const permanent = err instanceof PermanentTaskError;
    const maxAttempts = handler.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const retries = permanent ? 0 : remainingRetries(task.retries, maxAttempts);
    const attempt = maxAttempts - retries;
    try {
      await taskService.handleFailure(task, {
        errorMessage: message.slice(0, 600),
        errorDetails: err instanceof Error ? (err.stack ?? message) : message,
        retries,
        retryTimeout: retryBackoffMs(attempt),
      });
      log.warn({ ...fields, error: message, retries, permanent }, retries === 0 ? 'task failed; incident raised' : 'task failed; will be retried');
      return retries === 0 ? 'incident' : 'failed';
    } catch (reportErr) {
      // The engine did not take the failure (unreachable, or our lock was lost): the lock expires and the task comes back.
      log.error({ ...fields, error: message, reportError: (reportErr as Error).message }, 'task failed and the failure could not be reported');
      return 'lost';
    }
  }

  /**
   * The engine does not notice that an aborted long poll's client is gone: if a task arrives before the
   * poll's timeout, it is locked for this worker and the answer goes nowhere, and the task would sit out
   * its whole lock. That is why shutdown lets the fetch in flight come back instead of aborting it; only
   * when the grace runs out first is it aborted, and then every task locked under this worker id that no
   * handler holds is given back. A task the aborted poll locks after this point still waits out its lock.
   */
  async function unlockStranded(): Promise<void> {
    try {
      const locked = await deps.engine.externalTasks({ workerId: config.workers.workerId, locked: true });
      for (const task of locked) {
        if (!task.id || inFlightTaskIds.has(task.id)) continue;
        // One task's refusal (completed meanwhile: 404) must not keep the others locked.
        try {
          await deps.engine.unlockExternalTask(task.id);
          log.info({ event: 'worker_task_unlocked', taskId: task.id, topic: task.topicName }, 'gave back a task locked by the aborted long poll');
        } catch (err) {
          log.warn(
            { event: 'worker_unlock_failed', taskId: task.id, error: (err as Error).message },
            'could not give back a stranded task; its lock will expire',
          );
        }
      }
    } catch (err) {
      log.warn({ event: 'worker_unlock_failed', error: (err as Error).message }, 'could not give back stranded tasks; their locks will expire');
    }
  }

  client.start();
  log.info({ event: 'workers_started', workerId: config.workers.workerId, topics: handlers.map((h) => h.topic) }, 'external-task workers polling');

  return {
    get inFlight() {
      return running.size;
    },
    async stop(graceMs) {
      stopping = true;
      client.stop();
      let graceOver = false;
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()).then(() => (graceOver = true));
      // At most one long poll: what it brings after this point is handed back by the subscription above.
      if (fetchInFlight) await Promise.race([fetchInFlight, deadline]);
      if (fetchInFlight) pollAbort.abort();
      // Handlers started by that last fetch are in `running` by now; wait for all, within the grace.
      while (running.size > 0 && !graceOver) await Promise.race([Promise.allSettled([...running]), deadline]);
      await unlockStranded();
      return { unfinished: running.size };
    },
  };
}

function toVariables(values?: Record<string, unknown>): Variables | undefined {
  if (!values) return undefined;
  const variables = new Variables();
  for (const [name, value] of Object.entries(values)) {
    // Dates travel as ISO strings: small, readable in Cockpit, and free of Java serialization.
    variables.set(name, value instanceof Date ? value.toISOString() : value);
  }
  return variables;
}

import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from '../platform/config.ts';
import { createPool } from '../platform/db/pool.ts';
import { createEngineClient } from '../platform/engine/client.ts';
import { createLogger, type Logger } from '../platform/observability/logger.ts';
import { startWorkers, type WorkerRuntime } from './runtime/worker-runtime.ts';
import { createWorkerMetrics } from './runtime/worker-metrics.ts';
import type { TaskHandler } from './runtime/task-handler.ts';
import type pg from 'pg';

export interface RunningWorkers {
  runtime: WorkerRuntime;
  /** Stops fetching, lets in-flight handlers finish within the grace period, releases the database. */
  shutdown(): Promise<{ unfinished: number }>;
}

/** Starts every handler against the configured engine and database, registering metrics in `registry`. */
export function launchWorkers(config: Config, registry: Registry, options: { handlers: TaskHandler[]; log?: Logger; pool?: pg.Pool }): RunningWorkers {
  const log = options.log ?? createLogger(config.logLevel, 'workers');
  const db =
    options.pool ??
    createPool(config.databaseUrl, Math.min(Math.ceil(config.db.poolMax / 2), config.workers.maxTasks + 2), {
      statementTimeoutMs: config.db.statementTimeoutMs,
      log,
    });
  const engine = createEngineClient(config.engine);
  const runtime = startWorkers(config, options.handlers, { db, engine, log }, createWorkerMetrics(registry), log);
  return {
    runtime,
    async shutdown() {
      const result = await runtime.stop(config.shutdownGraceMs);
      log.info(
        { event: 'workers_stopped', unfinished: result.unfinished },
        result.unfinished ? 'stopped with handlers still running; their locks will expire' : 'stopped cleanly',
      );
      // A handler still running past the grace keeps its engine calls; its task's lock expires.
      if (!result.unfinished) await engine.close();
      if (!options.pool) await db.end();
      return result;
    },
  };
}

export function newRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'seam_' });
  return registry;
}

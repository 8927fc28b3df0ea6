import type { Registry } from 'prom-client';
import type { Config } from '../platform/config.ts';
import { createPool, type Pool } from '../platform/db/pool.ts';
import { createLedgerBatches } from './commands/ledger-batches.ts';
import { listenForNotifications } from '../platform/db/notifications.ts';
import { CHANNELS } from '../ledger/notify/channels.ts';
import { createEngineClient } from '../platform/engine/client.ts';
import { createLogger, type Logger } from '../platform/observability/logger.ts';
import type { HealthCheck } from '../platform/observability/metrics-server.ts';
import { createBridgeMetrics } from './bridge-metrics.ts';
import type { CommandContext, CommandFaults } from './commands/command-context.ts';
import { startCommandWorker } from './commands/command-worker.ts';
import { startIntake } from './intake/kafka-intake.ts';
import { loadMappingFile } from './mapping/load-mapping.ts';
import type { MappingFile } from './mapping/mapping-schema.ts';
import { startProjector } from './projector/projector.ts';
import { startReconciler } from './reconcile/reconciler.ts';
import { startRetentionJob } from './retention/retention-job.ts';

export interface RunningBridge {
  readiness: HealthCheck[];
  context: CommandContext;
  shutdown(): Promise<void>;
}

export interface BridgeOptions {
  log?: Logger;
  pool?: Pool;
  mapping?: MappingFile;
  faults?: CommandFaults;
  /** Parts to run; all by default. Tests run some alone. */
  parts?: { intake?: boolean; projector?: boolean; commands?: boolean; reconciler?: boolean };
}

/**
 * The bridge: Kafka → inbox (intake), inbox → commands (projector), commands → engine through the shadow
 * (command worker), and the reconciler. Data flows one way; each stage hands over through the ledger.
 */
export async function launchBridge(config: Config, registry: Registry, options: BridgeOptions = {}): Promise<RunningBridge> {
  const log = options.log ?? createLogger(config.logLevel, 'bridge');
  const mapping = options.mapping ?? loadMappingFile(config.bridge.mappingFile);
  // Bounded whatever the concurrency: commands in hand wait for a connection rather than opening one each.
  const poolOptions = { statementTimeoutMs: config.db.statementTimeoutMs, log };
  const db = options.pool ?? createPool(config.databaseUrl, Math.min(config.db.poolMax, 2 * config.bridge.concurrency + 6), poolOptions);
  const parts = { intake: true, projector: true, commands: true, reconciler: true, ...options.parts };
  const metrics = createBridgeMetrics(registry, db);
  const relaxedDb = createPool(config.databaseUrl, Math.min(Math.ceil(config.db.poolMax / 2), 2 * config.bridge.concurrency + 2), {
    ...poolOptions,
    relaxed: true,
  });
  // SEAM_BRIDGE_CONCURRENCY bounds the engine calls in flight; twice as many commands may be in hand, so
  // their ledger writes overlap other commands' engine calls instead of leaving the engine idle.
  const engine = createEngineClient(config.engine, { maxConcurrentCorrelations: config.bridge.concurrency });
  const context: CommandContext = {
    db,
    relaxedDb,
    batches: createLedgerBatches(db, relaxedDb),
    engine,
    log,
    metrics,
    settings: {
      workerId: config.bridge.instanceId,
      leaseMs: config.bridge.leaseMs,
      retryBaseMs: 1_000,
      retryCapMs: 300_000,
      noMatchRetries: 3,
      engineTimeoutMs: config.engine.timeoutMs,
      settleGraceMs: config.bridge.settleGraceMs,
    },
    ...(options.faults ? { faults: options.faults } : {}),
  };
  const listener = listenForNotifications(config.databaseUrl, [CHANNELS.inbox, CHANNELS.commands], log);
  // Each stage is woken by the ledger's notification of the previous one (delivered at its commit, about
  // 0.2 ms later here); waking the next stage in-process as well only made every loop run twice per event.
  const projector = parts.projector ? startProjector(db, mapping, metrics, log, config.bridge.pollMs) : undefined;
  const worker = parts.commands ? startCommandWorker(context, { concurrency: 2 * config.bridge.concurrency, pollMs: config.bridge.pollMs }) : undefined;
  if (projector) listener.on(CHANNELS.inbox, () => projector.wake());
  if (worker) listener.on(CHANNELS.commands, () => worker.wake());
  const reconciler = parts.reconciler ? startReconciler(context, config.bridge) : undefined;
  const retention = parts.reconciler ? startRetentionJob(db, config.retention, log) : undefined;
  const intake = parts.intake ? await startIntake(config, mapping, db, metrics, log) : undefined;
  log.info(
    { event: 'bridge_started', consumer: mapping.consumerName, topics: mapping.topics, mappings: mapping.mappings.map((m) => m.name), parts },
    'bridge running',
  );

  return {
    context,
    readiness: [
      { name: 'database', check: async () => (await db.query('select 1')).rowCount === 1 },
      {
        name: 'engine',
        check: async () =>
          engine.version().then(
            () => true,
            () => false,
          ),
      },
      ...(intake ? [{ name: 'kafka-consumer', check: async () => intake.isRunning() }] : []),
    ],
    async shutdown() {
      await intake?.stop();
      await reconciler?.stop();
      await retention?.stop();
      await projector?.stop();
      const result = await worker?.stop(config.shutdownGraceMs);
      await listener.close();
      // A command still running past the grace keeps its calls; its lease expires and the reconciler settles it.
      if (!result?.unfinished) await engine.close();
      log.info({ event: 'bridge_stopped', unfinished: result?.unfinished ?? 0 }, 'bridge stopped');
      await relaxedDb.end();
      if (!options.pool) await db.end();
    },
  };
}

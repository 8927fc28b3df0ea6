import type { PoolClient } from 'pg';
import { withTransaction, type Pool } from '../../platform/db/pool.ts';
import type { Logger } from '../../platform/observability/logger.ts';
import { WakeSignal } from '../../platform/service/wake-signal.ts';
import type { BridgeMetrics } from '../bridge-metrics.ts';
import type { MappingFile } from '../mapping/mapping-schema.ts';
import { buildCommands } from './build-commands.ts';
import { claimReceivedInbox, type ReceivedInboxRow } from '../../ledger/inbox/claim-received.ts';
import { insertCommands, insertCommandsAndMarkProjected, type CommandDraft } from '../../ledger/commands/insert-commands.ts';
import { markInboxProjected, markInboxQuarantined } from '../../ledger/inbox/mark-inbox.ts';

function logQuarantined(row: ReceivedInboxRow, projection: { code: string; message: string }, metrics: BridgeMetrics, log: Logger): void {
  metrics.projected.inc({ outcome: 'quarantined' });
  log.warn(
    { event: 'inbox_quarantined', inboxId: row.inbox_id, sourceEventId: row.event_id, sourceEventType: row.event_type, reasonCode: projection.code },
    projection.message,
  );
}

/** One inbox row → its commands, or a quarantine of the row. Returns how many commands were new. */
async function projectRow(tx: PoolClient, row: ReceivedInboxRow, mapping: MappingFile, metrics: BridgeMetrics, log: Logger): Promise<number> {
  const projection = buildCommands(row.envelope, mapping, new Date(row.received_at));
  if (projection.kind === 'quarantine') {
    await markInboxQuarantined(tx, row.inbox_id, projection.code, projection.message);
    logQuarantined(row, projection, metrics, log);
    return 0;
  }
  const drafts = projection.kind === 'commands' ? projection.commands : [];
  const inserted = await insertCommands(tx, row, drafts);
  await markInboxProjected(tx, row.inbox_id, drafts.length);
  metrics.projected.inc({ outcome: projection.kind === 'unmapped' ? 'unmapped' : 'commands' });
  return inserted;
}

/** The batch statement failed: the whole transaction is rolled back, and the rows are projected one by one. */
class BatchProjectionFailed extends Error {
  override name = 'BatchProjectionFailed';
}

/**
 * Every row of the batch at once: rows the mapping quarantines are marked one by one (they are rare), the
 * others' commands inserted and the rows marked in one statement. Throws BatchProjectionFailed when a
 * statement failed, which rolls the transaction back.
 */
async function projectRowsAtOnce(tx: PoolClient, rows: ReceivedInboxRow[], mapping: MappingFile, metrics: BridgeMetrics, log: Logger): Promise<number> {
  const projected = rows.map((row) => ({ row, projection: buildCommands(row.envelope, mapping, new Date(row.received_at)) }));
  let inserted: number;
  try {
    const mapped: { inbox: ReceivedInboxRow; drafts: CommandDraft[] }[] = [];
    for (const { row, projection } of projected) {
      if (projection.kind === 'quarantine') await markInboxQuarantined(tx, row.inbox_id, projection.code, projection.message);
      else mapped.push({ inbox: row, drafts: projection.kind === 'commands' ? projection.commands : [] });
    }
    inserted = await insertCommandsAndMarkProjected(tx, mapped);
  } catch (err) {
    throw new BatchProjectionFailed((err as Error).message, { cause: err });
  }
  for (const { row, projection } of projected) {
    if (projection.kind === 'quarantine') logQuarantined(row, projection, metrics, log);
    else metrics.projected.inc({ outcome: projection.kind === 'unmapped' ? 'unmapped' : 'commands' });
  }
  return inserted;
}

/** One row under its own savepoint: an event that cannot be stored is quarantined with the reason instead of stalling the others. */
async function projectRowAlone(tx: PoolClient, row: ReceivedInboxRow, mapping: MappingFile, metrics: BridgeMetrics, log: Logger): Promise<number> {
  await tx.query('savepoint project_row');
  try {
    const commands = await projectRow(tx, row, mapping, metrics, log);
    await tx.query('release savepoint project_row');
    return commands;
  } catch (err) {
    await tx.query('rollback to savepoint project_row');
    await markInboxQuarantined(tx, row.inbox_id, 'PROJECTION_FAILED', (err as Error).message.slice(0, 500));
    metrics.projected.inc({ outcome: 'quarantined' });
    log.error(
      { event: 'projection_failed', inboxId: row.inbox_id, sourceEventId: row.event_id, error: (err as Error).message },
      'event could not be projected; quarantined',
    );
    return 0;
  }
}

/**
 * Projects one batch of RECEIVED inbox rows into commands. Each row's commands are inserted in the same
 * transaction that marks the row processed, so an event becomes its commands exactly once. The commit is
 * relaxed: a projection lost in a database crash leaves its rows RECEIVED, and they are projected again.
 */
export async function projectBatch(
  db: Pool,
  mapping: MappingFile,
  metrics: BridgeMetrics,
  log: Logger,
  limit = 200,
): Promise<{ rows: number; commands: number }> {
  // The whole batch in four round trips (begin, claim, one statement for commands and marks, commit):
  // per-row statements cost four an event, which capped the bridge at 1 / (4 × round trip) events a
  // second, and each round trip is a wait on a loaded machine.
  const project = (each: (tx: PoolClient, rows: ReceivedInboxRow[]) => Promise<number>) =>
    withTransaction(
      db,
      async (tx) => {
        const rows = await claimReceivedInbox(tx, mapping.consumerName, limit);
        return { rows: rows.length, commands: rows.length ? await each(tx, rows) : 0 };
      },
      { relaxed: true },
    );
  try {
    return await project((tx, rows) => projectRowsAtOnce(tx, rows, mapping, metrics, log));
  } catch (err) {
    if (!(err instanceof BatchProjectionFailed)) throw err;
    // One bad event fails the batch statement: project the rows again one by one, in a new transaction,
    // each under its own savepoint, so that event is quarantined alone.
    log.warn({ event: 'projection_batch_failed', error: err.message }, 'batch projection failed; projecting row by row');
    return project(async (tx, rows) => {
      let commands = 0;
      for (const row of rows) commands += await projectRowAlone(tx, row, mapping, metrics, log);
      return commands;
    });
  }
}

export interface Projector {
  wake(): void;
  stop(): Promise<void>;
}

/** Projects continuously: woken by the intake's notification, polling as a fallback. */
export function startProjector(db: Pool, mapping: MappingFile, metrics: BridgeMetrics, log: Logger, pollMs: number): Projector {
  const signal = new WakeSignal();
  let running = true;
  const loop = async () => {
    while (running) {
      try {
        const { rows } = await projectBatch(db, mapping, metrics, log);
        if (rows > 0) continue;
      } catch (err) {
        log.error({ event: 'projection_failed', error: (err as Error).message }, 'projection failed; retrying');
      }
      await signal.wait(pollMs);
    }
  };
  const looping = loop();
  return {
    wake: () => signal.wake(),
    async stop() {
      running = false;
      signal.wake();
      await looping;
    },
  };
}

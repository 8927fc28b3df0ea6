import type { PoolClient } from 'pg';
import { withTransaction, type Pool } from '../../platform/db/pool.ts';
import type { Logger } from '../../platform/observability/logger.ts';
import { WakeSignal } from '../../platform/service/wake-signal.ts';
import type { BridgeMetrics } from '../bridge-metrics.ts';
import type { MappingFile } from '../mapping/mapping-schema.ts';
import { buildCommands } from './build-commands.ts';
import { claimReceivedInbox, type ReceivedInboxRow } from '../../ledger/inbox/claim-received.ts';
import { insertCommands } from '../../ledger/commands/insert-commands.ts';
import { markInboxProjected, markInboxQuarantined } from '../../ledger/inbox/mark-inbox.ts';
import { CHANNELS, notify } from '../../ledger/notify/channels.ts';

/** One inbox row → its commands, or a quarantine of the row. Returns how many commands were new. */
async function projectRow(tx: PoolClient, row: ReceivedInboxRow, mapping: MappingFile, metrics: BridgeMetrics, log: Logger): Promise<number> {
  const projection = buildCommands(row.envelope, mapping, new Date(row.received_at));
  if (projection.kind === 'quarantine') {
    await markInboxQuarantined(tx, row.inbox_id, projection.code, projection.message);
    metrics.projected.inc({ outcome: 'quarantined' });
    log.warn(
      { event: 'inbox_quarantined', inboxId: row.inbox_id, sourceEventId: row.event_id, sourceEventType: row.event_type, reasonCode: projection.code },
      projection.message,
    );
    return 0;
  }
  const drafts = projection.kind === 'commands' ? projection.commands : [];
  const inserted = await insertCommands(tx, row, drafts);
  await markInboxProjected(tx, row.inbox_id, drafts.length);
  metrics.projected.inc({ outcome: projection.kind === 'unmapped' ? 'unmapped' : 'commands' });
  return inserted;
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
  return withTransaction(
    db,
    async (tx) => {
      const rows = await claimReceivedInbox(tx, limit);
      let commands = 0;
      for (const row of rows) {
        // A savepoint per row: one event that cannot be stored (a bug, a value the database refuses) is
        // quarantined with the reason instead of stalling every event behind it.
        await tx.query('savepoint project_row');
        try {
          commands += await projectRow(tx, row, mapping, metrics, log);
          await tx.query('release savepoint project_row');
        } catch (err) {
          await tx.query('rollback to savepoint project_row');
          await markInboxQuarantined(tx, row.inbox_id, 'PROJECTION_FAILED', (err as Error).message.slice(0, 500));
          metrics.projected.inc({ outcome: 'quarantined' });
          log.error(
            { event: 'projection_failed', inboxId: row.inbox_id, sourceEventId: row.event_id, error: (err as Error).message },
            'event could not be projected; quarantined',
          );
        }
      }
      if (commands > 0) await notify(tx, CHANNELS.commands);
      return { rows: rows.length, commands };
    },
    { relaxed: true },
  );
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

import cron from 'node-cron';
import type { Config } from '../../platform/config.ts';
import type { Pool } from '../../platform/db/pool.ts';
import type { Logger } from '../../platform/observability/logger.ts';
import { pruneLedger } from '../../ledger/retention/prune.ts';

export interface RetentionJob {
  stop(): Promise<void>;
}

/** Prunes the ledger's terminal rows on the configured schedule (SEAM_RETENTION_*); `seam ops prune` runs it at once. */
export function startRetentionJob(db: Pool, retention: Config['retention'], log: Logger): RetentionJob {
  const task = cron.schedule(
    retention.cron,
    async () => {
      try {
        const report = await pruneLedger(db, retention.days);
        if (report) log.info({ event: 'ledger_pruned', ...report }, 'retention: old terminal rows deleted');
      } catch (err) {
        log.warn({ event: 'ledger_prune_failed', error: (err as Error).message }, 'retention pass failed; the next one tries again');
      }
    },
    { noOverlap: true, name: 'seam-retention' },
  );
  return {
    async stop() {
      await task.stop();
    },
  };
}

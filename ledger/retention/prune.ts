import type { Pool } from '../../platform/db/pool.ts';
import { TABLES } from '../schema.ts';
import { ENDED_SHADOW_STATUSES, OPEN_COMMAND_STATUSES } from '../states.ts';

/** Days to keep each table's terminal rows; 0 keeps them forever. */
export interface RetentionDays {
  operatorActions: number;
  lateEvents: number;
  shadows: number;
  commands: number;
  inbox: number;
}

export type PruneReport = Record<keyof RetentionDays, number>;

const BATCH = 5_000;

/**
 * One bounded DELETE per statement, oldest terminal rows first. Every statement names the terminal states
 * it may delete and skips a row anything still points at, so a non-terminal row, or a command a shadow,
 * the registry or an operator action refers to, is never deleted. Order: the referring tables first.
 */
const STATEMENTS: Record<keyof RetentionDays, { sql: string; states?: readonly string[] }> = {
  // Records of operator decisions: terminal by nature.
  operatorActions: {
    sql: `delete from ${TABLES.operatorActions} where action_id in (
      select action_id from ${TABLES.operatorActions} where acted_at < now() - make_interval(days => $1) order by action_id limit $2)`,
  },
  lateEvents: {
    sql: `delete from ${TABLES.lateEvents} where late_event_id in (
      select late_event_id from ${TABLES.lateEvents} where recorded_at < now() - make_interval(days => $1) order by late_event_id limit $2)`,
  },
  // Ended waits only; an OPENING or OPEN wait is live.
  shadows: {
    sql: `delete from ${TABLES.shadows} where subscription_id in (
      select subscription_id from ${TABLES.shadows}
       where status = any($3::text[]) and closed_at < now() - make_interval(days => $1) order by closed_at limit $2)`,
    states: ENDED_SHADOW_STATUSES,
  },
  // Terminal commands nothing refers to (a case's start command stays with its registry row).
  commands: {
    sql: `delete from ${TABLES.commands} where command_id in (
      select c.command_id from ${TABLES.commands} c
       where c.status <> all($3::text[]) and c.updated_at < now() - make_interval(days => $1)
         and not exists (select 1 from ${TABLES.registry} r where r.start_command_id = c.command_id)
         and not exists (select 1 from ${TABLES.shadows} s where s.closed_by_command_id = c.command_id)
         and not exists (select 1 from ${TABLES.operatorActions} a where a.command_id = c.command_id)
       order by c.updated_at limit $2)`,
    states: OPEN_COMMAND_STATUSES,
  },
  // Handled inbox rows whose commands are gone. Past this age a redelivered event is accepted again:
  // keep the inbox longer than the topics' retention.
  inbox: {
    sql: `delete from ${TABLES.inbox} where inbox_id in (
      select i.inbox_id from ${TABLES.inbox} i
       where i.status <> 'RECEIVED' and coalesce(i.processed_at, i.received_at) < now() - make_interval(days => $1)
         and not exists (select 1 from ${TABLES.commands} c where c.inbox_id = i.inbox_id)
       order by i.inbox_id limit $2)`,
  },
};

/** Deletes terminal rows older than each table's retention, in batches; one pruner at a time (advisory lock). */
export async function pruneLedger(db: Pool, days: RetentionDays, options: { maxBatches?: number } = {}): Promise<PruneReport | undefined> {
  const client = await db.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(`select pg_try_advisory_lock(hashtext('seam.retention')) as locked`);
    if (!rows[0]?.locked) return undefined; // another process is pruning
    try {
      const report: PruneReport = { operatorActions: 0, lateEvents: 0, shadows: 0, commands: 0, inbox: 0 };
      for (const table of Object.keys(STATEMENTS) as (keyof RetentionDays)[]) {
        if (days[table] <= 0) continue;
        for (let batch = 0; batch < (options.maxBatches ?? 1_000); batch++) {
          const { sql, states } = STATEMENTS[table];
          const { rowCount } = await client.query(sql, states ? [days[table], BATCH, states] : [days[table], BATCH]);
          report[table] += rowCount ?? 0;
          if ((rowCount ?? 0) < BATCH) break;
        }
      }
      return report;
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('seam.retention'))`);
    }
  } finally {
    client.release();
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PrivateStack } from './support/private-stack.ts';
import { pruneLedger } from '../../ledger/retention/prune.ts';
import { findOpenShadows, findStaleOpeningShadows } from '../../ledger/shadows/find-shadows.ts';

// Retention on the suite's own PostgreSQL cluster (it deletes rows, so never on the shared database).
describe('ledger statements that delete or page (on a private PostgreSQL)', () => {
  const stack = new PrivateStack(mkdtempSync(path.join(os.tmpdir(), 'seam-retention-')));
  let db: pg.Pool;
  beforeAll(async () => {
    await stack.startPostgres();
    db = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await stack.stop();
  });

  const inbox = async (status: string, daysOld: number) => {
    const { rows } = await db.query<{ inbox_id: string }>(
      `insert into integration.consumer_inbox (consumer_name, topic, kafka_partition, kafka_offset, event_id, event_type, envelope, raw_size, status, reason_code, received_at, processed_at)
       values ('c', 't', 0, (random() * 1e9)::bigint, gen_random_uuid()::text, 'x.v1', '{}'::jsonb, 2, $1, case when $1 in ('REJECTED', 'QUARANTINED') then 'X' end,
               now() - make_interval(days => $2), case when $1 <> 'RECEIVED' then now() - make_interval(days => $2) end)
       returning inbox_id`,
      [status, daysOld],
    );
    return rows[0]!.inbox_id;
  };
  const command = async (status: string, daysOld: number, inboxId: string | null = null) => {
    const { rows } = await db.query<{ command_id: string }>(
      `insert into integration.process_correlation_command (inbox_id, source_consumer_name, source_event_id, source_event_type, command_type, process_key, message_name, business_key, status, reason_code, created_at, updated_at, completed_at)
       values ($1, 'c', gen_random_uuid()::text, 'x.v1', 'CORRELATE_MESSAGE', 'p', 'M', 'k', $2, case when $2 in ('QUARANTINED', 'IGNORED') then 'LATE_EVENT' end,
               now() - make_interval(days => $3), now() - make_interval(days => $3), case when $2 = 'COMPLETED' then now() - make_interval(days => $3) end)
       returning command_id`,
      [inboxId, status, daysOld],
    );
    return rows[0]!.command_id;
  };
  const exists = async (table: string, column: string, id: string) =>
    (await db.query(`select 1 from integration.${table} where ${column} = $1`, [id])).rowCount === 1;

  it('deletes old terminal rows nothing refers to, and never a non-terminal or referenced row', async () => {
    const oldDone = await inbox('PROJECTED', 40);
    const oldReceived = await inbox('RECEIVED', 40);
    const youngDone = await inbox('PROJECTED', 1);
    const inboxWithCommand = await inbox('PROJECTED', 40);
    const oldCompleted = await command('COMPLETED', 40, inboxWithCommand);
    const oldPending = await command('PENDING', 40);
    const oldBuffered = await db
      .query<{ command_id: string }>(
        `update integration.process_correlation_command set status = 'BUFFERED', buffer_until = now() where command_id = $1 returning command_id`,
        [await command('PENDING', 40)],
      )
      .then((r) => r.rows[0]!.command_id);
    const referencedByAction = await command('QUARANTINED', 40);
    await db.query(
      `insert into integration.operator_action (command_id, action, actor, reason, from_status, to_status, acted_at) values ($1, 'QUARANTINE', 't', 'why', 'PENDING', 'QUARANTINED', now() - interval '2 days')`,
      [referencedByAction],
    );
    const { rows: late } = await db.query<{ late_event_id: string }>(
      `insert into integration.late_event (process_key, business_key, message_name, source_event_id, disposition, policy, handled_by_process_instance_id, recorded_at)
       values ('p', 'k', 'M', gen_random_uuid()::text, 'ARCHIVE', 'ignore', 'pi', now() - interval '100 days') returning late_event_id`,
    );

    const report = await pruneLedger(db, { inbox: 30, commands: 30, shadows: 30, lateEvents: 90, operatorActions: 365 });
    expect(report).toMatchObject({ commands: expect.any(Number), inbox: expect.any(Number) });
    expect(await exists('consumer_inbox', 'inbox_id', oldDone)).toBe(false);
    expect(await exists('process_correlation_command', 'command_id', oldCompleted)).toBe(false);
    // its inbox row was referenced by the command when the inbox step ran after it: deleted in the same pass
    expect(await exists('consumer_inbox', 'inbox_id', inboxWithCommand)).toBe(false);
    expect(await exists('late_event', 'late_event_id', late[0]!.late_event_id)).toBe(false);
    // kept: non-terminal, young, or referenced
    expect(await exists('consumer_inbox', 'inbox_id', oldReceived)).toBe(true);
    expect(await exists('consumer_inbox', 'inbox_id', youngDone)).toBe(true);
    expect(await exists('process_correlation_command', 'command_id', oldPending)).toBe(true);
    expect(await exists('process_correlation_command', 'command_id', oldBuffered)).toBe(true);
    expect(await exists('process_correlation_command', 'command_id', referencedByAction)).toBe(true);

    // 0 days keeps a table forever.
    const kept = await inbox('PROJECTED', 400);
    await pruneLedger(db, { inbox: 0, commands: 0, shadows: 0, lateEvents: 0, operatorActions: 0 });
    expect(await exists('consumer_inbox', 'inbox_id', kept)).toBe(true);
  });

  it('the reconciler pages through every OPEN and stale OPENING shadow, not only the oldest page', async () => {
    await db.query(
      `insert into integration.process_wait_subscription (process_key, business_key, message_name, camunda_process_instance_id, hook_activity_id, opened_by_task_id,
                                                          status, confirmed_at, camunda_execution_id, wait_activity_id, opened_at)
       select 'p', 'k' || g, 'M', 'pi-' || g, 'hook', 'task-' || g, 'OPEN', now(), 'ex-' || g, 'wait', now() - interval '1 hour' from generate_series(1, 1200) g`,
    );
    await db.query(
      `insert into integration.process_wait_subscription (process_key, business_key, message_name, camunda_process_instance_id, hook_activity_id, opened_by_task_id, status, opened_at)
       select 'p', 'o' || g, 'M', 'po-' || g, 'hook', 'otask-' || g, 'OPENING', now() - interval '1 hour' from generate_series(1, 250) g`,
    );
    for (const [find, total] of [
      [(after: string | null) => findOpenShadows(db, 500, after), 1200],
      [(after: string | null) => findStaleOpeningShadows(db, 60, 100, after), 250],
    ] as const) {
      const seen = new Set<string>();
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const rows: { subscription_id: string }[] = await find(cursor);
        for (const r of rows) seen.add(r.subscription_id);
        cursor = rows.length < (total === 1200 ? 500 : 100) ? null : rows[rows.length - 1]!.subscription_id;
        if (cursor === null) break;
      }
      expect(seen.size).toBe(total);
    }
  });
});

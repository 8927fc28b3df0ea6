import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PrivateStack } from './support/private-stack.ts';
import { pruneLedger } from '../../ledger/retention/prune.ts';
import { findOpenShadows, findStaleOpeningShadows } from '../../ledger/shadows/find-shadows.ts';
import { Registry } from 'prom-client';
import { launchBridge } from '../../bridge/run-bridge.ts';
import { reconcileOnce } from '../../bridge/reconcile/reconciler.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { config, deployFixtures, engine, uniqueKey } from '../integration/support/engine.ts';
import { loadMappingFile } from '../../bridge/mapping/load-mapping.ts';
import { regulatoryCase } from '../../apps/regulatory-case/index.ts';

// Retention on the suite's own PostgreSQL cluster (it deletes rows, so never on the shared database).
describe('ledger statements and reconciler passes that delete or page (on a private PostgreSQL)', () => {
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

  it('the reconciler repairs an OPEN and a stale OPENING shadow that lie beyond its first page, whose rows stay as they are', async () => {
    // Only rows of this test: the first pages must hold rows the reconciler leaves alone (their instances live,
    // their hook tasks exist), so it is the cursor, not repairs shrinking the set, that reaches the last row.
    await db.query(`delete from integration.process_wait_subscription`);
    await deployFixtures('probe-wait.bpmn', 'probe-tasks.bpmn');
    const start = async (messageName: string, variables: Record<string, { value: number; type: 'Integer' }> = {}) =>
      (await engine.correlate({ messageName, businessKey: uniqueKey('paging'), processVariables: variables }))[0]!.processInstance!.id!;
    const waiting = await start('MSG_PROBE_STARTED');
    const ended = await start('MSG_PROBE_STARTED');
    await engine.correlate({ messageName: 'MSG_PROBE_NEXT', processInstanceId: ended });
    const openPage = 500;
    const openingPage = 100;
    const withTasks = await start('MSG_PROBE_TASKS_STARTED', { taskCount: { value: openingPage + 10, type: 'Integer' } });
    const bridge = await launchBridge({ ...config, databaseUrl: stack.databaseUrl }, new Registry(), {
      log: createLogger('error', 'paging-test'),
      pool: db,
      mapping: loadMappingFile(regulatoryCase.mappingFile),
      parts: { intake: false, projector: false, commands: false, reconciler: false },
    });
    try {
      const tasks = (await engine.externalTasks({ processInstanceId: withTasks, maxResults: 1000 })).map((t) => t.id!);
      expect(tasks).toHaveLength(openingPage + 10);
      // Ids ascending with age: the repairable row is last both by subscription id and by age.
      const lastOpen = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
      const lastOpening = 'ffffffff-ffff-ffff-ffff-fffffffffffe';
      await db.query(
        `insert into integration.process_wait_subscription (subscription_id, process_key, business_key, message_name, camunda_process_instance_id, hook_activity_id,
                                                            opened_by_task_id, status, confirmed_at, camunda_execution_id, wait_activity_id, opened_at, updated_at)
         select ('00000000-0000-0000-0000-' || lpad(to_hex(g), 12, '0'))::uuid, 'seam-probe-wait', 'k', 'MSG_PROBE_NEXT', $1, 'hook-' || g,
                'task-' || g, 'OPEN', now(), 'ex', 'WaitForNext', now() - interval '2 hours', now() - interval '2 hours' + make_interval(secs => g)
           from generate_series(1, $2::int) g`,
        [waiting, openPage + 100],
      );
      await db.query(
        `insert into integration.process_wait_subscription (subscription_id, process_key, business_key, message_name, camunda_process_instance_id, hook_activity_id,
                                                            opened_by_task_id, status, confirmed_at, camunda_execution_id, wait_activity_id, opened_at)
         values ($1, 'seam-probe-wait', 'k', 'MSG_PROBE_NEXT', $2, 'hook', 'task-ended', 'OPEN', now(), 'ex', 'WaitForNext', now() - interval '1 hour')`,
        [lastOpen, ended],
      );
      await db.query(
        `insert into integration.process_wait_subscription (subscription_id, process_key, business_key, message_name, camunda_process_instance_id, hook_activity_id,
                                                            opened_by_task_id, status, opened_at)
         select ('00000000-0000-0000-0001-' || lpad(to_hex(t.n), 12, '0'))::uuid, 'seam-probe-tasks', 'k', 'MSG_NEVER_WAITED', $1, 'hook-' || t.n, t.id,
                'OPENING', now() - interval '2 hours' + make_interval(secs => t.n::int)
           from unnest($2::text[]) with ordinality as t(id, n)`,
        [withTasks, tasks],
      );
      // Its hook task is gone and the engine does not wait: the wait already passed.
      await db.query(
        `insert into integration.process_wait_subscription (subscription_id, process_key, business_key, message_name, camunda_process_instance_id, hook_activity_id,
                                                            opened_by_task_id, status, opened_at)
         values ($1, 'seam-probe-tasks', 'k', 'MSG_NEVER_WAITED', $2, 'hook', 'a-task-that-completed', 'OPENING', now() - interval '1 hour')`,
        [lastOpening, withTasks],
      );

      // Two pages of each kind: two passes visit every row.
      await reconcileOnce(bridge.context);
      await reconcileOnce(bridge.context);
      const { rows } = await db.query<{ subscription_id: string; status: string; close_reason: string | null }>(
        `select subscription_id, status, close_reason from integration.process_wait_subscription where subscription_id = any($1::uuid[]) order by subscription_id desc`,
        [[lastOpen, lastOpening]],
      );
      expect(rows).toEqual([
        { subscription_id: lastOpen, status: 'EXPIRED', close_reason: 'INSTANCE_ENDED' },
        { subscription_id: lastOpening, status: 'EXPIRED', close_reason: 'ENGINE_NOT_WAITING' },
      ]);
      const { rows: others } = await db.query<{ status: string; n: number }>(
        `select status, count(*)::int as n from integration.process_wait_subscription where subscription_id <> all($1::uuid[]) group by status order by status`,
        [[lastOpen, lastOpening]],
      );
      expect(others).toEqual([
        { status: 'OPEN', n: openPage + 100 },
        { status: 'OPENING', n: openingPage + 10 },
      ]);
    } finally {
      await bridge.shutdown();
      for (const instance of [waiting, withTasks]) await engine.deleteProcessInstance(instance);
    }
  });
});

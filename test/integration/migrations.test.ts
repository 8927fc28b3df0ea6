import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { config } from './support/engine.ts';
import { migrate, migrationStatus } from '../../ledger/migrate.ts';
import { ensureDatabase, maintenanceUrl } from '../../platform/db/create-database.ts';
import { createScratchDatabase } from '../../ledger/schema-snapshot.ts';
import { LEGACY_MIGRATIONS } from '../../migrations/index.ts';
import { createLogger } from '../../platform/observability/logger.ts';
import { Writable } from 'node:stream';
import { pino } from 'pino';

// A database of its own, so the test sees a first migration and not the one the suite's setup applied.
const dbName = `seam_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const url = new URL(config.databaseUrl);
url.pathname = `/${dbName}`;
const testUrl = url.toString();

async function query(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: testUrl });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

describe('migrations on a real PostgreSQL', () => {
  beforeAll(async () => {
    expect(await ensureDatabase(testUrl, dbName)).toBe(true);
  });
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: maintenanceUrl(config.databaseUrl) });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  it('applies every migration once, and a second run applies nothing', async () => {
    expect((await migrationStatus(testUrl)).applied).toEqual([]);
    const first = await migrate(testUrl);
    expect(first.length).toBeGreaterThan(0);
    expect(await migrate(testUrl)).toEqual([]);
    const status = await migrationStatus(testUrl);
    expect(status.pending).toEqual([]);
    expect(status.applied.map((m) => m.name)).toEqual(first);
  });

  it('creates the ledger tables, and the application tables in their own schema', async () => {
    const { rows } = await query(
      `select table_schema || '.' || table_name as t from information_schema.tables where table_schema in ('integration', 'casework') order by 1`,
    );
    expect(rows.map((r) => r.t)).toEqual([
      'casework.case_action',
      'integration.consumer_inbox',
      'integration.late_event',
      'integration.operator_action',
      'integration.process_correlation_command',
      'integration.process_instance_registry',
      'integration.process_wait_subscription',
    ]);
  });

  it('refuses a reason code outside the closed set', async () => {
    await expect(
      query(
        `insert into integration.process_correlation_command
           (source_consumer_name, source_event_id, source_event_type, command_type, process_key, message_name, business_key, status, reason_code, quarantined_at)
         values ('c', $1, 't', 'CORRELATE_MESSAGE', 'p', 'M', 'b', 'QUARANTINED', 'SOMETHING_NEW', now())`,
        [randomUUID()],
      ),
    ).rejects.toThrow(/process_correlation_command_reason_code_ck/);
  });

  it('runs concurrently from several processes without applying twice', async () => {
    const results = await Promise.all([migrate(testUrl), migrate(testUrl), migrate(testUrl)]);
    expect(results.flat()).toEqual([]);
  });

  it('refuses an unknown command status and a lease without a holder', async () => {
    const insert = (status: string, lockedBy: string | null) =>
      query(
        `insert into integration.process_correlation_command
           (source_consumer_name, source_event_id, source_event_type, command_type, process_key, message_name, business_key, status, locked_by, locked_until, lease_token)
         values ('c', $1, 't', 'CORRELATE_MESSAGE', 'p', 'M', 'b', $2, $3, case when $3::text is null then null else now() end, case when $3::text is null then null else gen_random_uuid() end)`,
        [randomUUID(), status, lockedBy],
      );
    await expect(insert('LOST', null)).rejects.toThrow(/process_correlation_command_status_ck/);
    await expect(insert('PROCESSING', null)).rejects.toThrow(/process_correlation_command_lease_ck/);
    await expect(insert('PENDING', 'worker-1')).rejects.toThrow(/process_correlation_command_lease_ck/);
    await expect(insert('PROCESSING', 'worker-1')).resolves.toMatchObject({ rowCount: 1 });
  });

  it('keeps one live shadow per instance, activity and message, but lets two instances wait under one key', async () => {
    const open = (instance: string, task: string) =>
      query(
        `insert into integration.process_wait_subscription (process_key, business_key, message_name, camunda_process_instance_id, hook_activity_id, opened_by_task_id)
         values ('p', 'case-1', 'MSG', $1, 'Wait', $2)`,
        [instance, task],
      );
    await open('pi-1', 't-1');
    await expect(open('pi-1', 't-2')).rejects.toThrow(/process_wait_subscription_live_uk/);
    await expect(open('pi-1', 't-1')).rejects.toThrow(/process_wait_subscription_task_uk/);
    await expect(open('pi-2', 't-3')).resolves.toMatchObject({ rowCount: 1 });
  });
});

/**
 * A database migrated before the consolidation: the old history in `seam_migrations` and an integration
 * schema of unknown shape (here an old column set with a row). Migrating rebuilds it once, from several
 * processes at once, and keeps the old history so code from before the consolidation leaves it alone.
 */
describe('a database migrated before the consolidation', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  const sql = async (q: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      return await client.query(q, params);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(config.databaseUrl, 'seam_legacy');
    await sql(`create table seam_migrations (id serial primary key, name varchar(255), executed_at timestamptz default current_timestamp)`);
    await sql(`insert into seam_migrations (name) select unnest($1::text[])`, [LEGACY_MIGRATIONS]);
    await sql(
      `create schema integration; create table integration.consumer_inbox (inbox_id bigint primary key, status text); insert into integration.consumer_inbox values (1, 'OLD')`,
    );
    await sql(`create schema casework; create table casework.case_action (action_id bigint primary key)`);
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it('is rebuilt once, logged, even when several processes migrate at once', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ messageKey: 'message' }, sink);
    const results = await Promise.all([migrate(scratch.url, log), migrate(scratch.url, log), migrate(scratch.url, log)]);
    const rebuilds = lines.map((l) => JSON.parse(l)).filter((l) => l.event === 'schema_rebuild_pre_consolidation');
    expect(rebuilds).toHaveLength(1);
    expect(rebuilds[0].schemas).toEqual(['integration', 'casework']);
    expect(results.flat().sort()).toEqual((await migrationStatus(scratch.url)).applied.map((m) => m.name).sort());
    expect((await migrationStatus(scratch.url)).preConsolidation).toBe(false);
    expect((await sql(`select count(*)::int as n from integration.consumer_inbox`)).rows[0].n).toBe(0);
    expect((await sql(`select count(*)::int as n from integration.process_correlation_command`)).rows[0].n).toBe(0);
    // The old history stays: code from before the consolidation finds its migrations applied.
    expect((await sql(`select name from seam_migrations order by id`)).rows.map((r) => r.name)).toEqual([...LEGACY_MIGRATIONS]);
  });

  it('is not rebuilt again', async () => {
    await sql(`insert into integration.late_event (process_key, business_key, message_name, source_event_id, disposition, policy, handled_by_process_instance_id)
               values ('p', 'b', 'M', 'e', 'REVIEW', 'x', 'pi')`);
    expect(await migrate(scratch.url, createLogger('silent', 'migrate'))).toEqual([]);
    expect((await sql(`select count(*)::int as n from integration.late_event`)).rows[0].n).toBe(1);
  });
});

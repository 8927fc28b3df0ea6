import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { config } from './support/engine.ts';
import { migrate, migrationStatus } from '../../ledger/migrate.ts';
import { ensureDatabase, maintenanceUrl } from '../../platform/db/create-database.ts';

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

  it('creates the four integration tables', async () => {
    const { rows } = await query(`select table_name from information_schema.tables where table_schema = 'integration' order by 1`);
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['consumer_inbox', 'process_correlation_command', 'process_instance_registry', 'process_wait_subscription']),
    );
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

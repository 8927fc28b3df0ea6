import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { migrations } from '../migrations/index.ts';

/** Any number of processes may migrate at once (several bridges starting); one at a time does the work. */
const MIGRATION_LOCK_KEY = 0x5ea_0001;

export interface MigrationStatus {
  applied: { name: string; executedAt?: Date }[];
  pending: string[];
}

async function withOrm<T>(databaseUrl: string, work: (migrator: Migrator) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init({
    clientUrl: databaseUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    debug: false,
    allowGlobalContext: true,
    migrations: {
      tableName: 'seam_migrations',
      migrationsList: migrations,
      transactional: true,
      allOrNothing: true,
      // session_replication_role needs a superuser; Seam's migrations do not need foreign keys off.
      disableForeignKeys: false,
      snapshot: false,
      silent: true,
    },
  });
  try {
    return await work(orm.getMigrator());
  } finally {
    await orm.close(true);
  }
}

export async function migrationStatus(databaseUrl: string): Promise<MigrationStatus> {
  return withOrm(databaseUrl, async (migrator) => {
    const executed = await migrator.getExecutedMigrations();
    const pending = await migrator.getPendingMigrations();
    return {
      applied: executed.map((m) => ({ name: m.name, executedAt: m.executed_at })),
      pending: pending.map((m) => m.name),
    };
  });
}

/** Applies pending migrations under an advisory lock; returns the names applied by this call. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await withOrm(databaseUrl, async (migrator) => (await migrator.up()).map((m) => m.name));
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

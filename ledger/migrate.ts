import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { LEGACY_MIGRATIONS, LEGACY_MIGRATIONS_TABLE, migrations } from '../migrations/index.ts';
import { createLogger, type Logger } from '../platform/observability/logger.ts';
import { SCHEMA } from './schema.ts';

/** Any number of processes may migrate at once (several bridges starting); one at a time does the work. */
const MIGRATION_LOCK_KEY = 0x5ea_0001;

/**
 * The history table of the consolidated migrations. A new name, not the pre-consolidation `seam_migrations`:
 * code from before the consolidation still finds its three names applied there and does nothing.
 */
export const MIGRATIONS_TABLE = 'seam_schema_migrations';

/** The application schema that the consolidation moved into its own migration; rebuilt with the ledger. */
const APP_SCHEMAS = ['casework'];

export interface MigrationStatus {
  applied: { name: string; executedAt?: Date }[];
  pending: string[];
  /** The database still carries the pre-consolidation schema; the next migrate rebuilds it. */
  preConsolidation: boolean;
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
      tableName: MIGRATIONS_TABLE,
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

/**
 * True when the database applied the pre-consolidation migrations and none of the current ones: its
 * `integration` schema was built by migrations that were edited after they ran, so its shape is unknown.
 */
async function carriesPreConsolidationSchema(db: pg.ClientBase): Promise<boolean> {
  const { rows } = await db.query<{ legacy: string | null; current: string | null; schema: string | null }>(
    `select to_regclass($1) as legacy, to_regclass($2) as current, to_regnamespace($3)::text as schema`,
    [`public.${LEGACY_MIGRATIONS_TABLE}`, `public.${MIGRATIONS_TABLE}`, SCHEMA],
  );
  const { legacy, current, schema } = rows[0]!;
  if (!legacy || !schema) return false;
  if (current && (await db.query(`select 1 from public.${MIGRATIONS_TABLE} limit 1`)).rowCount) return false;
  const applied = await db.query(`select 1 from public.${LEGACY_MIGRATIONS_TABLE} where name = any($1::text[]) limit 1`, [LEGACY_MIGRATIONS]);
  return (applied.rowCount ?? 0) > 0;
}

/**
 * The one-time conversion: drops the `integration` and `casework` schemas (and their rows) so the
 * consolidated migrations build them afresh. Acceptable because nothing outside this repository applied
 * the old migrations. `seam_migrations` is kept, so code from before the consolidation finds its
 * migrations applied and leaves the database alone. Runs under the migration lock, so of several
 * processes migrating at once one converts and the others find the current history.
 */
async function rebuildPreConsolidationSchema(db: pg.ClientBase, log: Logger): Promise<void> {
  const dropped = [SCHEMA, ...APP_SCHEMAS];
  log.warn(
    { event: 'schema_rebuild_pre_consolidation', schemas: dropped, legacyMigrations: LEGACY_MIGRATIONS, legacyTable: LEGACY_MIGRATIONS_TABLE },
    `this database applied the pre-consolidation migrations; dropping schemas ${dropped.join(', ')} (and their rows) once to rebuild them from the consolidated migrations`,
  );
  await db.query('begin');
  try {
    // Fail clearly rather than wait forever behind a long transaction of a running bridge.
    await db.query(`set local lock_timeout = '30s'`);
    for (const schema of dropped) await db.query(`drop schema if exists ${pg.escapeIdentifier(schema)} cascade`);
    await db.query('commit');
  } catch (err) {
    await db.query('rollback').catch(() => undefined);
    throw err;
  }
}

export async function migrationStatus(databaseUrl: string): Promise<MigrationStatus> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const preConsolidation = await carriesPreConsolidationSchema(client).finally(() => client.end());
  return withOrm(databaseUrl, async (migrator) => {
    const executed = await migrator.getExecutedMigrations();
    const pending = await migrator.getPendingMigrations();
    return {
      applied: executed.map((m) => ({ name: m.name, executedAt: m.executed_at })),
      pending: pending.map((m) => m.name),
      preConsolidation,
    };
  });
}

/**
 * Applies pending migrations under an advisory lock, first rebuilding a pre-consolidation schema once;
 * returns the names applied by this call.
 */
export async function migrate(databaseUrl: string, log: Logger = createLogger('info', 'migrate')): Promise<string[]> {
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    if (await carriesPreConsolidationSchema(lock)) await rebuildPreConsolidationSchema(lock, log);
    return await withOrm(databaseUrl, async (migrator) => (await migrator.up()).map((m) => m.name));
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

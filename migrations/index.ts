// APPEND-ONLY. Never edit, rename, reorder or remove a migration below once it is committed: databases
// that applied it keep its old shape silently. A schema change is a new migration file appended to this
// list, and `npm run db:snapshot` to update migrations/schema.sql (test/integration/schema-snapshot.test.ts
// fails until it is). The one consolidation (2026-12-01) replaced the 2026-11-22 migrations; see
// LEGACY_MIGRATIONS and ledger/migrate.ts for how a database that applied those is rebuilt.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261201000000_integration_ledger } from './Migration20261201000000_integration_ledger.ts';
import { Migration20261201010000_casework } from './Migration20261201010000_casework.ts';
import { Migration20261202000000_tenant_keys } from './Migration20261202000000_tenant_keys.ts';
import { Migration20261202010000_wait_token } from './Migration20261202010000_wait_token.ts';

/**
 * Every migration, in order. Listed explicitly rather than discovered by file glob so the set is the
 * same under tsx, a bundler or a test runner.
 */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261201000000_integration_ledger', class: Migration20261201000000_integration_ledger },
  { name: 'Migration20261201010000_casework', class: Migration20261201010000_casework },
  { name: 'Migration20261202000000_tenant_keys', class: Migration20261202000000_tenant_keys },
  { name: 'Migration20261202010000_wait_token', class: Migration20261202010000_wait_token },
];

/**
 * The pre-consolidation migrations (recorded in the `seam_migrations` table, which the current history
 * no longer uses). A database that applied them has its `integration` and `casework` schemas rebuilt
 * once by ledger/migrate.ts.
 */
export const LEGACY_MIGRATIONS_TABLE = 'seam_migrations';
export const LEGACY_MIGRATIONS = [
  'Migration20261122000000_integration_schema',
  'Migration20261122010000_late_events_and_casework',
  'Migration20261122020000_bridge_operations',
] as const;

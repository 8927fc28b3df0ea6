import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_integration_schema } from './Migration20261122000000_integration_schema.ts';
import { Migration20261122010000_late_events_and_casework } from './Migration20261122010000_late_events_and_casework.ts';
import { Migration20261122020000_bridge_operations } from './Migration20261122020000_bridge_operations.ts';

/**
 * Every migration, in order. Listed explicitly rather than discovered by file glob so the set is the
 * same under tsx, a bundler or a test runner.
 */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122000000_integration_schema', class: Migration20261122000000_integration_schema },
  { name: 'Migration20261122010000_late_events_and_casework', class: Migration20261122010000_late_events_and_casework },
  { name: 'Migration20261122020000_bridge_operations', class: Migration20261122020000_bridge_operations },
];

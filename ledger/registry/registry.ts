import type { Queryable } from '../../platform/db/pool.ts';
import type { RegisteredBy, RegistryState } from '../states.ts';
import type { CaseKey } from '../case-key.ts';
import { TABLES } from '../schema.ts';

export interface RegistryRow {
  registry_id: string;
  process_key: string;
  business_key: string;
  tenant_id: string | null;
  status: RegistryState;
  camunda_process_instance_id: string | null;
  start_command_id: string | null;
  start_source_event_id: string;
}

/** STARTING → STARTED with the engine's instance id, only for the command that holds the case's guard. */
export async function markStarted(
  db: Queryable,
  key: CaseKey,
  commandId: string,
  instanceId: string,
  definitionId: string | null,
  by: Exclude<RegisteredBy, 'OPERATOR'>,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update ${TABLES.registry}
        set status = 'STARTED', camunda_process_instance_id = $5, process_definition_id = $6, started_at = now(), registered_by = $7
      where process_key = $1 and business_key = $2 and tenant_key = coalesce($3::text, '') and start_command_id = $4 and status = 'STARTING'`,
    [key.processKey, key.businessKey, key.tenantId, commandId, instanceId, definitionId, by],
  );
  return rowCount === 1;
}

/** STARTING → (gone): the command gave up without starting anything, so another start may claim the case. */
export async function releaseStartGuard(db: Queryable, key: CaseKey, commandId: string): Promise<void> {
  await db.query(
    `delete from ${TABLES.registry}
      where process_key = $1 and business_key = $2 and tenant_key = coalesce($3::text, '') and start_command_id = $4 and status = 'STARTING'`,
    [key.processKey, key.businessKey, key.tenantId, commandId],
  );
}

/** The case's registry row: who holds (or held) its start guard, and which instance it started. */
export async function findRegistryRow(db: Queryable, key: CaseKey): Promise<RegistryRow | undefined> {
  const { rows } = await db.query<RegistryRow>(
    `select * from ${TABLES.registry} where process_key = $1 and business_key = $2 and tenant_key = coalesce($3::text, '')`,
    [key.processKey, key.businessKey, key.tenantId],
  );
  return rows[0];
}

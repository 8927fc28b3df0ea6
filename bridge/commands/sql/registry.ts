import type { Queryable } from '../../../lib/db/pool.ts';

export interface RegistryRow {
  registry_id: string;
  process_key: string;
  business_key: string;
  status: 'STARTING' | 'STARTED';
  camunda_process_instance_id: string | null;
  start_command_id: string | null;
  start_source_event_id: string;
}

/**
 * Claims the right to start (process key, business key): → STARTING for this command, or returns the row
 * someone else already holds. The unique key is the guard against a second instance for one case.
 */
export async function guardStart(db: Queryable, g: { processKey: string; businessKey: string; tenantId: string | null; commandId: string; sourceEventId: string }): Promise<{ mine: boolean; row: RegistryRow }> {
  const inserted = await db.query<RegistryRow>(
    `insert into integration.process_instance_registry (process_key, business_key, tenant_id, status, start_command_id, start_source_event_id)
     values ($1, $2, $3, 'STARTING', $4, $5)
     on conflict (process_key, business_key) do nothing
     returning *`,
    [g.processKey, g.businessKey, g.tenantId, g.commandId, g.sourceEventId],
  );
  if (inserted.rows[0]) return { mine: true, row: inserted.rows[0] };
  const existing = await db.query<RegistryRow>(`select * from integration.process_instance_registry where process_key = $1 and business_key = $2`, [g.processKey, g.businessKey]);
  const row = existing.rows[0]!;
  return { mine: row.start_command_id === g.commandId && row.status === 'STARTING', row };
}

/** STARTING → STARTED with the engine's instance id, only for the command that holds the guard. */
export async function markStarted(db: Queryable, processKey: string, businessKey: string, commandId: string, instanceId: string, definitionId: string | null, by: 'WORKER' | 'RECONCILER'): Promise<boolean> {
  const { rowCount } = await db.query(
    `update integration.process_instance_registry
        set status = 'STARTED', camunda_process_instance_id = $4, process_definition_id = $5, started_at = now(), registered_by = $6
      where process_key = $1 and business_key = $2 and start_command_id = $3 and status = 'STARTING'`,
    [processKey, businessKey, commandId, instanceId, definitionId, by],
  );
  return rowCount === 1;
}

/** STARTING → (gone): the command gave up without starting anything, so another start may claim the key. */
export async function releaseStartGuard(db: Queryable, processKey: string, businessKey: string, commandId: string): Promise<void> {
  await db.query(`delete from integration.process_instance_registry where process_key = $1 and business_key = $2 and start_command_id = $3 and status = 'STARTING'`, [processKey, businessKey, commandId]);
}

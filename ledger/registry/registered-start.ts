import type { Queryable } from '../../platform/db/pool.ts';
import type { RegistryRow } from './registry.ts';

/** The case's start guard (STARTING or STARTED), if Seam started or is starting it; for the start fence. */
export async function findRegisteredStart(db: Queryable, processKey: string, businessKey: string): Promise<RegistryRow | undefined> {
  const { rows } = await db.query<RegistryRow>(`select * from integration.process_instance_registry where process_key = $1 and business_key = $2`, [
    processKey,
    businessKey,
  ]);
  return rows[0];
}

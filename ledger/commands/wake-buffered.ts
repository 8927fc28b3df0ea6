import type { Queryable } from '../../platform/db/pool.ts';
import { CHANNELS, notify } from '../notify/channels.ts';
import type { CaseKey } from '../case-key.ts';
import { TABLES } from '../schema.ts';

export interface WakeKey extends CaseKey {
  messageName: string;
  correlationKeyValue: string | null;
}

/**
 * BUFFERED → PENDING, due now, for the commands that waited for this wait to open. Called in the same
 * transaction (and under the same wait-key lock) that opens the shadow, so an early event is applied at
 * once, not at the next sweep. A command naming a correlation value wakes only for a wait with that value,
 * and only a command of the wait's tenant wakes.
 */
export async function wakeBufferedCommands(tx: Queryable, key: WakeKey): Promise<string[]> {
  const { rows } = await tx.query<{ command_id: string }>(
    `update ${TABLES.commands}
        set status = 'PENDING', next_attempt_at = now(), updated_at = now()
      where status = 'BUFFERED'
        and process_key = $1 and business_key = $2 and tenant_key = coalesce($5::text, '') and message_name = $3
        and (correlation_key_value is null or correlation_key_value is not distinct from $4)
      returning command_id`,
    [key.processKey, key.businessKey, key.messageName, key.correlationKeyValue, key.tenantId],
  );
  // Delivered at commit: the command workers wake and apply the woken commands at once.
  if (rows.length) await notify(tx, CHANNELS.commands);
  return rows.map((r) => r.command_id);
}

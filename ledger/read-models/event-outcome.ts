import type { Queryable } from '../../platform/db/pool.ts';
import type { CommandResolution, CommandStatus, InboxStatus, ShadowStatus } from '../states.ts';
import { TABLES } from '../schema.ts';

export interface EventCommandOutcome {
  status: CommandStatus;
  resolution: CommandResolution | null;
  reason_code: string | null;
  first_buffered_at: Date | null;
}

/** What became of the (first) command built from one source event: how a demo or an operator sees an event end. */
export async function commandOutcomeOfEvent(db: Queryable, sourceEventId: string): Promise<EventCommandOutcome | undefined> {
  const { rows } = await db.query<EventCommandOutcome>(
    `select status, resolution, reason_code, first_buffered_at from ${TABLES.commands} where source_event_id = $1`,
    [sourceEventId],
  );
  return rows[0];
}

/** The instances whose wait for `messageName` under `businessKey` is in `status` (one row per wait). */
export async function instancesWithWait(db: Queryable, businessKey: string, messageName: string, status: ShadowStatus): Promise<string[]> {
  const { rows } = await db.query<{ camunda_process_instance_id: string }>(
    `select camunda_process_instance_id from ${TABLES.shadows} where business_key = $1 and message_name = $2 and status = $3`,
    [businessKey, messageName, status],
  );
  return rows.map((r) => r.camunda_process_instance_id);
}

/** The inbox rows of records published under one Kafka key: how a record that never became an event ended. */
export async function inboxOutcomeByRecordKey(db: Queryable, recordKey: string): Promise<{ status: InboxStatus; reason_code: string | null } | undefined> {
  const { rows } = await db.query<{ status: InboxStatus; reason_code: string | null }>(
    `select status, reason_code from ${TABLES.inbox} where record_key = $1`,
    [recordKey],
  );
  return rows[0];
}

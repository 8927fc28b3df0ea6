import type { Queryable } from '../../platform/db/pool.ts';
import type { TypedVariables } from './command-row.ts';
import type { CommandReasonCode, CommandType } from '../states.ts';
import type { ReceivedInboxRow } from '../inbox/claim-received.ts';
import { TABLES } from '../schema.ts';

/** A command the projector built from one inbox event, before it is stored. */
export interface CommandDraft {
  commandType: CommandType;
  processKey: string;
  messageName: string;
  businessKey: string;
  correlationKeyName: string | null;
  correlationKeyValue: string | null;
  tenantId: string | null;
  variables: TypedVariables;
  latePolicy: unknown;
  bufferUntil: Date | null;
  /** Set when the command must not reach the engine (payload too large, not plain values). */
  quarantine?: { code: CommandReasonCode; message: string };
}

/**
 * → PENDING (or → QUARANTINED when the draft says it must not reach the engine), ignoring a command that
 * already exists for the same source event, type, message, business key and tenant. Returns how many were new.
 */
export async function insertCommands(tx: Queryable, inbox: ReceivedInboxRow, drafts: CommandDraft[]): Promise<number> {
  return insertCommandsOfBatch(tx, [{ inbox, drafts }]);
}

/**
 * `insertCommands` for many inbox events in one statement: the projector's batch, so a batch costs one
 * round trip instead of one per event. Same transition and the same duplicate guard. Returns how many
 * were new.
 */
export async function insertCommandsOfBatch(tx: Queryable, batch: { inbox: ReceivedInboxRow; drafts: CommandDraft[] }[]): Promise<number> {
  const rows = batch.flatMap(({ inbox, drafts }) =>
    drafts.map((d) => ({
      inbox_id: inbox.inbox_id,
      source_consumer_name: inbox.consumer_name,
      source_event_id: inbox.event_id,
      source_event_type: inbox.event_type,
      command_type: d.commandType,
      process_key: d.processKey,
      message_name: d.messageName,
      business_key: d.businessKey,
      correlation_key_name: d.correlationKeyName,
      correlation_key_value: d.correlationKeyValue,
      tenant_id: d.tenantId,
      variables: d.variables,
      late_policy: d.latePolicy,
      buffer_until: d.bufferUntil?.toISOString() ?? null,
      status: d.quarantine ? 'QUARANTINED' : 'PENDING',
      reason_code: d.quarantine?.code ?? null,
      reason_message: d.quarantine?.message ?? null,
    })),
  );
  if (rows.length === 0) return 0;
  const { rowCount } = await tx.query(
    `insert into ${TABLES.commands}
       (inbox_id, source_consumer_name, source_event_id, source_event_type, command_type, process_key, message_name, business_key,
        correlation_key_name, correlation_key_value, tenant_id, variables, late_policy, buffer_until, status, reason_code, reason_message, quarantined_at)
     select d.inbox_id, d.source_consumer_name, d.source_event_id, d.source_event_type, d.command_type, d.process_key, d.message_name, d.business_key,
            d.correlation_key_name, d.correlation_key_value, d.tenant_id, d.variables, d.late_policy, d.buffer_until, d.status, d.reason_code, d.reason_message,
            case when d.status = 'QUARANTINED' then now() end
       from jsonb_to_recordset($1::jsonb) as d(inbox_id bigint, source_consumer_name text, source_event_id text, source_event_type text, command_type text,
            process_key text, message_name text, business_key text, correlation_key_name text, correlation_key_value text, tenant_id text, variables jsonb,
            late_policy jsonb, buffer_until timestamptz, status text, reason_code text, reason_message text)
     on conflict (source_consumer_name, source_event_id, command_type, message_name, business_key, tenant_key) do nothing`,
    [JSON.stringify(rows)],
  );
  return rowCount ?? 0;
}

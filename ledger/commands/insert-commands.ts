import type { Queryable } from '../../platform/db/pool.ts';
import type { TypedVariables } from './command-row.ts';
import type { CommandReasonCode, CommandType } from '../states.ts';
import type { ReceivedInboxRow } from '../inbox/claim-received.ts';
import { TABLES } from '../schema.ts';
import { CHANNELS, signalWhen } from '../notify/channels.ts';

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

type ProjectedEvent = { inbox: ReceivedInboxRow; drafts: CommandDraft[] };

/** The batch's commands as the rows `INSERT_COMMANDS` reads from its jsonb parameter. */
const commandRecords = (batch: ProjectedEvent[]) =>
  JSON.stringify(
    batch.flatMap(({ inbox, drafts }) =>
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
    ),
  );

/** The insert both statements below run, from the jsonb rows in `$1`, returning each new command's status. */
const INSERT_COMMANDS = `insert into ${TABLES.commands}
         (inbox_id, source_consumer_name, source_event_id, source_event_type, command_type, process_key, message_name, business_key,
          correlation_key_name, correlation_key_value, tenant_id, variables, late_policy, buffer_until, status, reason_code, reason_message, quarantined_at)
       select d.inbox_id, d.source_consumer_name, d.source_event_id, d.source_event_type, d.command_type, d.process_key, d.message_name, d.business_key,
              d.correlation_key_name, d.correlation_key_value, d.tenant_id, d.variables, d.late_policy, d.buffer_until, d.status, d.reason_code, d.reason_message,
              case when d.status = 'QUARANTINED' then now() end
         from jsonb_to_recordset($1::jsonb) as d(inbox_id bigint, source_consumer_name text, source_event_id text, source_event_type text, command_type text,
              process_key text, message_name text, business_key text, correlation_key_name text, correlation_key_value text, tenant_id text, variables jsonb,
              late_policy jsonb, buffer_until timestamptz, status text, reason_code text, reason_message text)
       on conflict (source_consumer_name, source_event_id, command_type, message_name, business_key, tenant_key) do nothing
       returning status`;

/** How many commands were new; the command workers are woken (at commit) when one of them is PENDING. */
const COUNT_AND_SIGNAL = (channelParam: string) =>
  `counted as (select count(*)::int as inserted, count(*) filter (where status = 'PENDING') as pending from inserted)
     select inserted, ${signalWhen(channelParam, 'pending > 0')} as signalled from counted`;

/**
 * `insertCommands` for many inbox events in one statement (the projector's row-by-row fallback uses it for
 * one). Same transition and the same duplicate guard; wakes the command workers when a command is new and
 * PENDING. Returns how many were new.
 */
export async function insertCommandsOfBatch(tx: Queryable, batch: ProjectedEvent[]): Promise<number> {
  if (batch.every((e) => e.drafts.length === 0)) return 0;
  const { rows } = await tx.query<{ inserted: number }>(`with inserted as (${INSERT_COMMANDS}), ${COUNT_AND_SIGNAL('$2')}`, [
    commandRecords(batch),
    CHANNELS.commands,
  ]);
  return rows[0]!.inserted;
}

/**
 * The projector's whole batch in one statement: each inbox row RECEIVED → PROJECTED with its command
 * count (0 for an event nobody maps), its commands inserted as `insertCommandsOfBatch` does, and the
 * command workers woken when one is new and PENDING. One round trip a batch instead of one per event and
 * table. Rows the mapping quarantines are not in `batch`: they are marked on their own. Returns how many
 * commands were new.
 */
export async function insertCommandsAndMarkProjected(tx: Queryable, batch: ProjectedEvent[]): Promise<number> {
  if (batch.length === 0) return 0;
  const marks = JSON.stringify(batch.map(({ inbox, drafts }) => ({ inbox_id: inbox.inbox_id, command_count: drafts.length })));
  const { rows } = await tx.query<{ inserted: number }>(
    `with inserted as (${INSERT_COMMANDS}),
     marked as (
       update ${TABLES.inbox} i set status = 'PROJECTED', command_count = r.command_count, processed_at = now()
         from jsonb_to_recordset($2::jsonb) as r(inbox_id bigint, command_count integer)
        where i.inbox_id = r.inbox_id and i.status = 'RECEIVED'),
     ${COUNT_AND_SIGNAL('$3')}`,
    [commandRecords(batch), marks, CHANNELS.commands],
  );
  return rows[0]!.inserted;
}

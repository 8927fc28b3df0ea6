import type { Pool } from '../../platform/db/pool.ts';
import type { EngineClient } from '../../platform/engine/client.ts';
import { TABLES } from '../schema.ts';
import type {
  CommandResolution,
  CommandStatus,
  InboxStatus,
  LateEventDisposition,
  OperatorAction,
  RegisteredBy,
  RegistryState,
  ShadowCloseReason,
  ShadowEnd,
  ShadowStatus,
} from '../states.ts';

export interface TimelineEntry {
  at: Date;
  stage: 'inbox' | 'command' | 'registry' | 'shadow' | 'late-event' | 'operator' | 'engine';
  what: string;
  /** The tenant the row belongs to (null: none). One business key may name a case in several tenants. */
  tenant: string | null;
}

/**
 * One case, end to end: what arrived (inbox), what it became (commands), which instance exists
 * (registry), what it waited for (shadows), late events, operator actions, and what the engine says now.
 * Every tenant's rows under the business key, each entry naming its tenant: they are different cases.
 */
export async function caseTimeline(
  db: Pool,
  engine: EngineClient | undefined,
  businessKey: string,
): Promise<{ entries: TimelineEntry[]; engineNote?: string }> {
  const entries: TimelineEntry[] = [];
  const q = async <T extends Record<string, unknown>>(sql: string) => (await db.query<T>(sql, [businessKey])).rows;

  for (const r of await q<{
    received_at: Date;
    event_type: string;
    event_id: string;
    status: InboxStatus;
    reason_code: string | null;
    command_count: number | null;
    tenant_id: string | null;
  }>(
    `select received_at, event_type, event_id, status, reason_code, command_count, tenant_id from ${TABLES.inbox}
      where envelope is not null and (envelope #>> '{payload,caseId}' = $1 or event_id in (select source_event_id from ${TABLES.commands} where business_key = $1))`,
  ))
    entries.push({
      at: r.received_at,
      stage: 'inbox',
      what: `${r.event_type} ${r.event_id} → ${r.status}${r.reason_code ? ` (${r.reason_code})` : ''}${r.command_count !== null ? `, ${r.command_count} command(s)` : ''}`,
      tenant: r.tenant_id,
    });

  for (const r of await q<{
    created_at: Date;
    updated_at: Date;
    command_id: string;
    command_type: string;
    message_name: string;
    status: CommandStatus;
    resolution: CommandResolution | null;
    reason_code: string | null;
    attempt_count: number;
    camunda_process_instance_id: string | null;
    tenant_id: string | null;
  }>(
    `select created_at, updated_at, command_id, command_type, message_name, status, resolution, reason_code, attempt_count, camunda_process_instance_id, tenant_id
       from ${TABLES.commands} where business_key = $1`,
  )) {
    entries.push({ at: r.created_at, stage: 'command', what: `${r.command_type} ${r.message_name} (${r.command_id}) created`, tenant: r.tenant_id });
    entries.push({
      at: r.updated_at,
      stage: 'command',
      what: `${r.command_id} is ${r.status}${r.resolution ? ` ${r.resolution}` : ''}${r.reason_code ? ` [${r.reason_code}]` : ''} after ${r.attempt_count} attempt(s)${r.camunda_process_instance_id ? ` → instance ${r.camunda_process_instance_id}` : ''}`,
      tenant: r.tenant_id,
    });
  }

  for (const r of await q<{
    created_at: Date;
    process_key: string;
    status: RegistryState;
    camunda_process_instance_id: string | null;
    registered_by: RegisteredBy;
    tenant_id: string | null;
  }>(`select created_at, process_key, status, camunda_process_instance_id, registered_by, tenant_id from ${TABLES.registry} where business_key = $1`))
    entries.push({
      at: r.created_at,
      stage: 'registry',
      what: `${r.process_key} ${r.status} instance ${r.camunda_process_instance_id ?? '(pending)'} by ${r.registered_by}`,
      tenant: r.tenant_id,
    });

  for (const r of await q<{
    opened_at: Date;
    closed_at: Date | null;
    message_name: string;
    status: ShadowStatus;
    close_reason: ShadowCloseReason | null;
    camunda_process_instance_id: string;
    wait_activity_id: string | null;
    tenant_id: string | null;
  }>(
    `select opened_at, closed_at, message_name, status, close_reason, camunda_process_instance_id, wait_activity_id, tenant_id from ${TABLES.shadows} where business_key = $1`,
  )) {
    entries.push({
      at: r.opened_at,
      stage: 'shadow',
      what: `wait for ${r.message_name} opened in ${r.camunda_process_instance_id}${r.wait_activity_id ? ` at ${r.wait_activity_id}` : ''}`,
      tenant: r.tenant_id,
    });
    if (r.closed_at)
      entries.push({ at: r.closed_at, stage: 'shadow', what: `wait for ${r.message_name} ${r.status} (${r.close_reason})`, tenant: r.tenant_id });
  }

  for (const r of await q<{
    recorded_at: Date;
    message_name: string;
    disposition: LateEventDisposition;
    wait_status: ShadowEnd | null;
    tenant_id: string | null;
  }>(`select recorded_at, message_name, disposition, wait_status, tenant_id from ${TABLES.lateEvents} where business_key = $1`))
    entries.push({
      at: r.recorded_at,
      stage: 'late-event',
      what: `late ${r.message_name} (wait ${r.wait_status ?? 'never recorded'}) → ${r.disposition}`,
      tenant: r.tenant_id,
    });

  for (const r of await q<{
    acted_at: Date;
    action: OperatorAction;
    actor: string;
    reason: string;
    from_status: CommandStatus;
    to_status: CommandStatus;
    command_id: string;
    tenant_id: string | null;
  }>(
    `select a.acted_at, a.action, a.actor, a.reason, a.from_status, a.to_status, a.command_id, c.tenant_id
       from ${TABLES.operatorActions} a join ${TABLES.commands} c using (command_id) where c.business_key = $1`,
  ))
    entries.push({
      at: r.acted_at,
      stage: 'operator',
      what: `${r.actor} ${r.action} ${r.command_id} ${r.from_status} → ${r.to_status}: ${r.reason}`,
      tenant: r.tenant_id,
    });

  let engineNote: string | undefined;
  if (engine) {
    try {
      const instances = await engine.processInstances({ businessKey });
      for (const instance of instances) {
        const waits = await engine.eventSubscriptions({ processInstanceId: instance.id!, eventType: 'message' });
        entries.push({
          at: new Date(),
          stage: 'engine',
          what: `instance ${instance.id} (${instance.definitionId}) running; waits for ${waits.map((w) => `${w.eventName}@${w.activityId}`).join(', ') || 'no message'}`,
          tenant: instance.tenantId ?? null,
        });
      }
      if (instances.length === 0) entries.push({ at: new Date(), stage: 'engine', what: 'no running instance for this business key', tenant: null });
    } catch (err) {
      engineNote = `engine not asked: ${(err as Error).message}`;
    }
  }
  entries.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  return { entries, ...(engineNote ? { engineNote } : {}) };
}

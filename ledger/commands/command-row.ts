import type { CommandReasonCode, CommandResolution, CommandStatus, CommandType } from '../states.ts';
import type { CaseKey } from '../case-key.ts';

/** What to do with an event whose wait has closed or expired; stored as jsonb, produced by the mapping contract. */
export type LatePolicy =
  | { action: 'quarantine' }
  | { action: 'ignore' }
  | { action: 'correlate'; messageName: string }
  | { action: 'startProcess'; processKey: string; messageName: string };

/** Engine-typed variable values, as POST /message takes them. */
export type TypedVariables = Record<string, { value: string | number | boolean | null; type: 'String' | 'Long' | 'Double' | 'Boolean' | 'Null' }>;

/** A row of integration.process_correlation_command, as the worker holds it while leased. */
export interface CommandRow {
  command_id: string;
  inbox_id: number | null;
  source_consumer_name: string;
  source_event_id: string;
  source_event_type: string;
  command_type: CommandType;
  process_key: string;
  message_name: string;
  business_key: string;
  correlation_key_name: string | null;
  correlation_key_value: string | null;
  tenant_id: string | null;
  variables: TypedVariables;
  late_policy: LatePolicy | null;
  status: CommandStatus;
  attempt_count: number;
  max_attempts: number;
  next_attempt_at: Date;
  buffer_until: Date | null;
  locked_by: string | null;
  locked_until: Date | null;
  lease_token: string | null;
  engine_call_started_at: Date | null;
  camunda_process_instance_id: string | null;
  resolution: CommandResolution | null;
  reason_code: CommandReasonCode | null;
  reason_message: string | null;
  no_match_count: number;
  first_buffered_at: Date | null;
  applied_by: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

/** The lease a worker holds on a command; every transition out of PROCESSING checks it. */
export interface Lease {
  commandId: string;
  token: string;
}

export const leaseOf = (c: CommandRow): Lease => ({ commandId: c.command_id, token: c.lease_token! });

/** The case a command is about, its tenant included. */
export const caseKeyOf = (c: CommandRow): CaseKey => ({ processKey: c.process_key, businessKey: c.business_key, tenantId: c.tenant_id });

/** A guarded statement matched no row: the lease expired and someone else (a worker or the reconciler) took over. */
export class LeaseLostError extends Error {
  constructor(
    readonly commandId: string,
    transition: string,
  ) {
    super(`lease on command ${commandId} was lost before ${transition}`);
    this.name = 'LeaseLostError';
  }
}

export function expectLease(rowCount: number | null, lease: Lease, transition: string): void {
  if (rowCount !== 1) throw new LeaseLostError(lease.commandId, transition);
}

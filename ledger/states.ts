/**
 * Every closed set of the ledger, defined once. Each list equals a check constraint in migrations/
 * (test/integration/closed-sets.test.ts compares them with pg_constraint) and each state machine is
 * drawn in docs/state-machines.md (test/unit/state-machines-doc.test.ts compares its tables with these).
 * A new state or reason code is a new migration that widens the constraint, then an entry here.
 */

// ── Inbox (integration.consumer_inbox) ────────────────────────────────────────────────────────────
export const INBOX_STATUSES = ['RECEIVED', 'PROJECTED', 'REJECTED', 'QUARANTINED'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** Why a Kafka record is not an event (REJECTED). */
export const INBOX_REJECT_REASONS = ['RECORD_TOO_LARGE', 'EMPTY_RECORD', 'NOT_JSON', 'ENVELOPE_INVALID'] as const;
export type InboxRejectReason = (typeof INBOX_REJECT_REASONS)[number];

/** Why an event cannot become a command (QUARANTINED at the inbox). */
export const INBOX_QUARANTINE_REASONS = [
  'UNSUPPORTED_EVENT_VERSION',
  'BUSINESS_KEY_MISSING',
  'TENANT_MISMATCH',
  'CORRELATION_KEY_MISSING',
  'PROJECTION_FAILED',
] as const;
export type InboxQuarantineReason = (typeof INBOX_QUARANTINE_REASONS)[number];

export const INBOX_REASON_CODES = [...INBOX_REJECT_REASONS, ...INBOX_QUARANTINE_REASONS] as const;
export type InboxReasonCode = (typeof INBOX_REASON_CODES)[number];

// ── Correlation commands (integration.process_correlation_command) ───────────────────────────────
export const COMMAND_TYPES = ['START_PROCESS', 'CORRELATE_MESSAGE'] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

export const COMMAND_STATUSES = ['PENDING', 'PROCESSING', 'RETRY_PENDING', 'BUFFERED', 'COMPLETED', 'QUARANTINED', 'IGNORED'] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];

/** Commands not yet settled: the bridge will still deliver them to the engine. */
export const OPEN_COMMAND_STATUSES = ['PENDING', 'PROCESSING', 'RETRY_PENDING', 'BUFFERED'] as const satisfies readonly CommandStatus[];
/** Commands a worker may claim once due. */
export const CLAIMABLE_COMMAND_STATUSES = ['PENDING', 'RETRY_PENDING'] as const satisfies readonly CommandStatus[];
/** What the oldest-pending gauge counts: due or being applied, not yet done. */
export const UNAPPLIED_COMMAND_STATUSES = ['PENDING', 'RETRY_PENDING', 'PROCESSING'] as const satisfies readonly CommandStatus[];

/** How a COMPLETED command was applied. */
export const COMMAND_RESOLUTIONS = ['CORRELATED', 'STARTED', 'LATE_CORRELATED', 'LATE_REVIEW_STARTED', 'CORRELATED_RECONCILED', 'STARTED_RECONCILED'] as const;
export type CommandResolution = (typeof COMMAND_RESOLUTIONS)[number];

/** What the engine's answer to a call means (bridge/commands/classify-failure.ts). */
export const ENGINE_FAILURE_CODES = [
  'INTERNAL_ERROR',
  'OUTCOME_UNKNOWN',
  'ENGINE_UNREACHABLE',
  'OPTIMISTIC_LOCKING',
  'NO_MATCHING_EXECUTION',
  'MULTIPLE_MATCH',
  'ENGINE_UNAUTHORIZED',
  'ENGINE_FORBIDDEN',
  'INVALID_VARIABLES',
  'ENGINE_ERROR',
  'ENGINE_NOT_FOUND',
  'ENGINE_REJECTED',
] as const;
export type EngineFailureCode = (typeof ENGINE_FAILURE_CODES)[number];

/** Every reason_code a command may carry (the last reason of a retry, release or completion note, or why it stopped). */
export const COMMAND_REASON_CODES = [
  ...ENGINE_FAILURE_CODES,
  // the projector refused to send it to the engine
  'VARIABLE_NOT_PLAIN',
  'PAYLOAD_TOO_LARGE',
  // the shadow decided
  'WAITING_FOR_SUBSCRIPTION',
  'AMBIGUOUS_WAIT',
  'WAIT_CHANGED',
  'ENGINE_SUBSCRIPTION_PENDING',
  'TENANT_MISMATCH',
  // starts
  'NO_START_EVENT',
  'DUPLICATE_START',
  'START_IN_PROGRESS',
  'DUPLICATE_PROCESS_INSTANCE',
  // late events
  'LATE_EVENT',
  'LATE_EVENT_IGNORED',
  'LATE_EVENT_NO_TARGET',
  // attempts and leases
  'RETRIES_EXHAUSTED',
  'LEASE_EXPIRED_NOT_CALLED',
  'RECONCILED_NOT_APPLIED',
  'SHUTDOWN',
  // operators
  'OPERATOR_REQUEUED',
  'OPERATOR_IGNORED',
  'OPERATOR_QUARANTINED',
] as const;
export type CommandReasonCode = (typeof COMMAND_REASON_CODES)[number];

// ── Instance registry (integration.process_instance_registry) ────────────────────────────────────
export const REGISTRY_STATES = ['STARTING', 'STARTED'] as const;
export type RegistryState = (typeof REGISTRY_STATES)[number];

export const REGISTERED_BY = ['WORKER', 'RECONCILER', 'OPERATOR'] as const;
export type RegisteredBy = (typeof REGISTERED_BY)[number];

// ── Subscription shadows (integration.process_wait_subscription) ─────────────────────────────────
export const SHADOW_STATUSES = ['OPENING', 'OPEN', 'CLOSED', 'EXPIRED'] as const;
export type ShadowStatus = (typeof SHADOW_STATUSES)[number];

/** A wait that still decides where an event goes. */
export const LIVE_SHADOW_STATUSES = ['OPENING', 'OPEN'] as const satisfies readonly ShadowStatus[];
/** A wait that is over; later events for it are late. */
export const ENDED_SHADOW_STATUSES = ['CLOSED', 'EXPIRED'] as const satisfies readonly ShadowStatus[];
export type ShadowEnd = (typeof ENDED_SHADOW_STATUSES)[number];

/** Why a wait ended. */
export const SHADOW_CLOSE_REASONS = ['CORRELATED', 'MESSAGE_RECEIVED', 'WAIT_CANCELLED', 'ENGINE_NOT_WAITING', 'INSTANCE_ENDED'] as const;
export type ShadowCloseReason = (typeof SHADOW_CLOSE_REASONS)[number];

// ── Late events (integration.late_event) ─────────────────────────────────────────────────────────
/** How the wait a late event was meant for ended (null when none was recorded). */
export const LATE_EVENT_WAIT_STATUSES = ENDED_SHADOW_STATUSES;
export const LATE_EVENT_DISPOSITIONS = ['REVIEW', 'ARCHIVE'] as const;
export type LateEventDisposition = (typeof LATE_EVENT_DISPOSITIONS)[number];

// ── Operator actions (integration.operator_action) ───────────────────────────────────────────────
export const OPERATOR_ACTIONS = ['REQUEUE', 'IGNORE', 'QUARANTINE'] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

/** Which states each operator action may start from. PROCESSING belongs to a lease; COMPLETED is final. */
export const OPERATOR_ALLOWED_FROM = {
  REQUEUE: ['QUARANTINED', 'IGNORED', 'BUFFERED', 'RETRY_PENDING'],
  IGNORE: ['PENDING', 'RETRY_PENDING', 'BUFFERED', 'QUARANTINED'],
  QUARANTINE: ['PENDING', 'RETRY_PENDING', 'BUFFERED'],
} as const satisfies Record<OperatorAction, readonly CommandStatus[]>;

/** Membership test that narrows a string (from a CLI flag or a row) to a closed set. */
export function isOneOf<T extends string>(set: readonly T[], value: string): value is T {
  return (set as readonly string[]).includes(value);
}

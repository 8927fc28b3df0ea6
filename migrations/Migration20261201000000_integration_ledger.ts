import { Migration } from '@mikro-orm/migrations';

/**
 * The integration ledger between Kafka, Seam and Camunda, consolidated once (2026-12-01) from the three
 * migrations of 2026-11-22, which had been edited after they were applied; ledger/migrate.ts rebuilds a
 * database that still carries them. Every status, resolution and reason code is a closed set enforced by
 * a check constraint, equal to ledger/states.ts (test/integration/closed-sets.test.ts); the state machines
 * are drawn in docs/state-machines.md.
 * Improvements on the reference design (shared/reference/event-driven-process-integration.txt §4, §8, §18):
 * - commands carry a lease (holder, expiry, token) instead of a bare locked_at, and record when the engine
 *   call started, so an expired lease tells "never called" (safe to requeue) from "maybe applied" (reconcile);
 * - buffering has a deadline (buffer_until) instead of retrying blindly until attempts run out;
 * - shadows have an OPENING state (row written, engine task not yet completed) and are unique per waiting
 *   activity of an instance, not per business key, so two instances waiting under one key stay visible
 *   and are quarantined as ambiguous instead of being hidden by a unique violation;
 * - the registry guards a start before the engine call (STARTING) rather than only after it.
 */
export class Migration20261201000000_integration_ledger extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists integration;`);

    this.addSql(`
create table integration.consumer_inbox (
  inbox_id           bigint generated always as identity primary key,
  consumer_name      text        not null,
  topic              text        not null,
  kafka_partition    integer     not null,
  kafka_offset       bigint      not null,
  record_key         text        null,
  -- null for a rejected record whose envelope could not be read
  event_id           text        null,
  event_type         text        null,
  occurred_at        timestamptz null,
  tenant_id          text        null,
  correlation_id     text        null,
  envelope           jsonb       null,
  -- kept for rejected records only, cut to the configured bound; raw_size is the real size
  raw_value          bytea       null,
  -- sha-256 of a rejected record's whole value: tells a redelivered poison record from a new one
  raw_sha256         bytea       null,
  raw_size           integer     not null,
  status             text        not null default 'RECEIVED',
  reason_code        text        null,
  reason_message     text        null,
  duplicate_count    integer     not null default 0,
  command_count      integer     null,
  received_at        timestamptz not null default now(),
  processed_at       timestamptz null,
  constraint consumer_inbox_status_ck check (status in ('RECEIVED', 'PROJECTED', 'REJECTED', 'QUARANTINED')),
  constraint consumer_inbox_accepted_has_event_ck check (status = 'REJECTED' or (event_id is not null and event_type is not null and envelope is not null)),
  constraint consumer_inbox_terminal_reason_ck check (status not in ('REJECTED', 'QUARANTINED') or reason_code is not null),
  constraint consumer_inbox_reason_code_ck check (reason_code is null or reason_code in (
    'RECORD_TOO_LARGE', 'EMPTY_RECORD', 'NOT_JSON', 'ENVELOPE_INVALID',
    'UNSUPPORTED_EVENT_VERSION', 'BUSINESS_KEY_MISSING', 'TENANT_MISMATCH', 'CORRELATION_KEY_MISSING', 'PROJECTION_FAILED'))
);`);
    // Accepted events are deduplicated by event id only. Offsets are not an identity: a topic deleted and
    // created again (or a new cluster) reuses them, and an offset key would silently drop its new records.
    this.addSql(`create unique index consumer_inbox_event_uk on integration.consumer_inbox (consumer_name, event_id) where event_id is not null;`);
    // A rejected record has no event id: the same bytes at the same place are a redelivery.
    this.addSql(
      `create unique index consumer_inbox_rejected_uk on integration.consumer_inbox (consumer_name, topic, kafka_partition, kafka_offset, raw_sha256) where event_id is null;`,
    );
    this.addSql(`create index consumer_inbox_received_idx on integration.consumer_inbox (inbox_id) where status = 'RECEIVED';`);

    this.addSql(`
create table integration.process_correlation_command (
  command_id                  uuid        primary key default gen_random_uuid(),
  inbox_id                    bigint      null references integration.consumer_inbox (inbox_id),
  source_consumer_name        text        not null,
  source_event_id             text        not null,
  source_event_type           text        not null,
  command_type                text        not null,
  process_key                 text        not null,
  message_name                text        not null,
  business_key                text        not null,
  correlation_key_name        text        null,
  correlation_key_value       text        null,
  tenant_id                   text        null,
  variables                   jsonb       not null default '{}'::jsonb,
  late_policy                 jsonb       null,
  status                      text        not null default 'PENDING',
  attempt_count               integer     not null default 0,
  max_attempts                integer     not null default 10,
  next_attempt_at             timestamptz not null default now(),
  buffer_until                timestamptz null,
  locked_by                   text        null,
  locked_until                timestamptz null,
  lease_token                 uuid        null,
  engine_call_started_at      timestamptz null,
  camunda_process_instance_id text        null,
  -- which bridge process applied the command: the lease is cleared on completion, the answer is kept
  applied_by                  text        null,
  resolution                  text        null,
  reason_code                 text        null,
  reason_message              text        null,
  error_detail                jsonb       null,
  -- "shadow OPEN but the engine found no match" answers, retried briefly before reconciling against the engine
  no_match_count              integer     not null default 0,
  -- when the command was first buffered: an early event stays visible as such after it was applied
  first_buffered_at           timestamptz null,
  created_at                  timestamptz not null default now(),
  updated_at                  timestamptz not null default now(),
  completed_at                timestamptz null,
  quarantined_at              timestamptz null,
  constraint process_correlation_command_type_ck check (command_type in ('START_PROCESS', 'CORRELATE_MESSAGE')),
  constraint process_correlation_command_status_ck check (status in ('PENDING', 'PROCESSING', 'RETRY_PENDING', 'BUFFERED', 'COMPLETED', 'QUARANTINED', 'IGNORED')),
  -- a lease exists exactly while a worker holds the command
  constraint process_correlation_command_lease_ck check (
    (status = 'PROCESSING') = (locked_by is not null and locked_until is not null and lease_token is not null)
    and (status = 'PROCESSING' or (locked_by is null and locked_until is null and lease_token is null))),
  constraint process_correlation_command_buffer_ck check (status <> 'BUFFERED' or buffer_until is not null),
  constraint process_correlation_command_terminal_reason_ck check (status not in ('QUARANTINED', 'IGNORED') or reason_code is not null),
  constraint process_correlation_command_completed_ck check ((status = 'COMPLETED') = (completed_at is not null)),
  constraint process_correlation_command_attempts_ck check (attempt_count >= 0 and max_attempts > 0),
  constraint process_correlation_command_resolution_ck check (resolution is null or resolution in (
    'CORRELATED', 'STARTED', 'LATE_CORRELATED', 'LATE_REVIEW_STARTED', 'CORRELATED_RECONCILED', 'STARTED_RECONCILED')),
  constraint process_correlation_command_reason_code_ck check (reason_code is null or reason_code in (
    'INTERNAL_ERROR', 'OUTCOME_UNKNOWN', 'ENGINE_UNREACHABLE', 'OPTIMISTIC_LOCKING', 'NO_MATCHING_EXECUTION', 'MULTIPLE_MATCH',
    'ENGINE_UNAUTHORIZED', 'ENGINE_FORBIDDEN', 'INVALID_VARIABLES', 'ENGINE_ERROR', 'ENGINE_NOT_FOUND', 'ENGINE_REJECTED',
    'VARIABLE_NOT_PLAIN', 'PAYLOAD_TOO_LARGE',
    'WAITING_FOR_SUBSCRIPTION', 'AMBIGUOUS_WAIT', 'WAIT_CHANGED', 'ENGINE_SUBSCRIPTION_PENDING', 'TENANT_MISMATCH',
    'NO_START_EVENT', 'DUPLICATE_START', 'START_IN_PROGRESS', 'DUPLICATE_PROCESS_INSTANCE',
    'LATE_EVENT', 'LATE_EVENT_IGNORED', 'LATE_EVENT_NO_TARGET',
    'RETRIES_EXHAUSTED', 'LEASE_EXPIRED_NOT_CALLED', 'RECONCILED_NOT_APPLIED', 'SHUTDOWN',
    'OPERATOR_REQUEUED', 'OPERATOR_IGNORED', 'OPERATOR_QUARANTINED')),
  constraint process_correlation_command_source_uk unique (source_consumer_name, source_event_id, command_type, message_name, business_key)
);`);
    // The claim: due work in arrival order, only over rows that can be claimed.
    this.addSql(
      `create index process_correlation_command_due_idx on integration.process_correlation_command (next_attempt_at, created_at) where status in ('PENDING', 'RETRY_PENDING');`,
    );
    // Waking and expiring buffered commands by their wait key and deadline.
    this.addSql(
      `create index process_correlation_command_buffered_key_idx on integration.process_correlation_command (process_key, business_key, message_name) where status = 'BUFFERED';`,
    );
    this.addSql(
      `create index process_correlation_command_buffer_deadline_idx on integration.process_correlation_command (buffer_until) where status = 'BUFFERED';`,
    );
    // The reconciler's scan for leases that expired mid-call.
    this.addSql(`create index process_correlation_command_lease_idx on integration.process_correlation_command (locked_until) where status = 'PROCESSING';`);
    this.addSql(`create index process_correlation_command_case_idx on integration.process_correlation_command (process_key, business_key, created_at desc);`);
    this.addSql(
      `create index process_correlation_command_quarantine_idx on integration.process_correlation_command (quarantined_at desc) where status = 'QUARANTINED';`,
    );

    this.addSql(`
create table integration.process_instance_registry (
  registry_id                 uuid        primary key default gen_random_uuid(),
  process_key                 text        not null,
  business_key                text        not null,
  tenant_id                   text        null,
  status                      text        not null,
  camunda_process_instance_id text        null,
  process_definition_id       text        null,
  start_command_id            uuid        null references integration.process_correlation_command (command_id),
  start_source_event_id       text        not null,
  registered_by               text        not null default 'WORKER',
  created_at                  timestamptz not null default now(),
  started_at                  timestamptz null,
  constraint process_instance_registry_status_ck check (status in ('STARTING', 'STARTED')),
  constraint process_instance_registry_started_ck check (status = 'STARTING' or (camunda_process_instance_id is not null and started_at is not null)),
  constraint process_instance_registry_registered_by_ck check (registered_by in ('WORKER', 'RECONCILER', 'OPERATOR')),
  constraint process_instance_registry_uk unique (process_key, business_key)
);`);
    this.addSql(
      `create unique index process_instance_registry_instance_uk on integration.process_instance_registry (camunda_process_instance_id) where camunda_process_instance_id is not null;`,
    );
    // Foreign keys to commands get indexes, so removing old commands (retention) does not scan these tables per row.
    this.addSql(
      `create index process_instance_registry_start_command_idx on integration.process_instance_registry (start_command_id) where start_command_id is not null;`,
    );

    this.addSql(`
create table integration.process_wait_subscription (
  subscription_id             uuid        primary key default gen_random_uuid(),
  process_key                 text        not null,
  process_definition_id       text        null,
  business_key                text        not null,
  message_name                text        not null,
  correlation_key_name        text        null,
  correlation_key_value       text        null,
  tenant_id                   text        null,
  camunda_process_instance_id text        not null,
  -- the hook task that opened the row; the engine's own subscription is recorded when the wait is confirmed
  hook_activity_id            text        not null,
  opened_by_task_id           text        not null,
  camunda_execution_id        text        null,
  wait_activity_id            text        null,
  status                      text        not null default 'OPENING',
  deadline_at                 timestamptz null,
  opened_at                   timestamptz not null default now(),
  confirmed_at                timestamptz null,
  closed_at                   timestamptz null,
  close_reason                text        null,
  closed_by_command_id        uuid        null references integration.process_correlation_command (command_id),
  updated_at                  timestamptz not null default now(),
  constraint process_wait_subscription_status_ck check (status in ('OPENING', 'OPEN', 'CLOSED', 'EXPIRED')),
  -- OPEN means the engine's subscription was seen: its execution and activity are known
  constraint process_wait_subscription_open_ck check (status <> 'OPEN' or (confirmed_at is not null and camunda_execution_id is not null and wait_activity_id is not null)),
  constraint process_wait_subscription_ended_reason_ck check (status not in ('CLOSED', 'EXPIRED') or close_reason is not null),
  constraint process_wait_subscription_close_reason_ck check (close_reason is null or close_reason in (
    'CORRELATED', 'MESSAGE_RECEIVED', 'WAIT_CANCELLED', 'ENGINE_NOT_WAITING', 'INSTANCE_ENDED')),
  constraint process_wait_subscription_closed_ck check ((status in ('CLOSED', 'EXPIRED')) = (closed_at is not null)),
  constraint process_wait_subscription_correlation_ck check ((correlation_key_name is null) = (correlation_key_value is null)),
  -- the hook task redelivered after its lock expired opens the same row again
  constraint process_wait_subscription_task_uk unique (opened_by_task_id)
);`);
    // One live wait per instance, hook and message; a loop that waits again opens a new row after closing.
    this.addSql(
      `create unique index process_wait_subscription_live_uk on integration.process_wait_subscription (camunda_process_instance_id, hook_activity_id, message_name) where status in ('OPENING', 'OPEN');`,
    );
    // The correlation lookup by wait key: not unique, so ambiguity is seen rather than refused.
    this.addSql(
      `create index process_wait_subscription_key_idx on integration.process_wait_subscription (process_key, business_key, message_name) where status in ('OPENING', 'OPEN');`,
    );
    // The reconciler's scan for rows whose engine subscription was not yet seen.
    this.addSql(`create index process_wait_subscription_opening_idx on integration.process_wait_subscription (opened_at) where status = 'OPENING';`);
    this.addSql(
      `create index process_wait_subscription_instance_idx on integration.process_wait_subscription (camunda_process_instance_id, message_name) where status in ('OPENING', 'OPEN');`,
    );
    this.addSql(
      `create index process_wait_subscription_history_idx on integration.process_wait_subscription (process_key, business_key, message_name, closed_at desc);`,
    );
    this.addSql(
      `create index process_wait_subscription_closed_by_idx on integration.process_wait_subscription (closed_by_command_id) where closed_by_command_id is not null;`,
    );

    // Every event that came after its wait closed or expired, and what the late policy decided.
    this.addSql(`
create table integration.late_event (
  late_event_id                  bigint      generated always as identity primary key,
  process_key                    text        not null,
  business_key                   text        not null,
  message_name                   text        not null,
  source_event_id                text        not null,
  -- how the wait ended, from the shadow history; null when no wait was ever recorded
  wait_status                    text        null,
  wait_ended_at                  timestamptz null,
  disposition                    text        not null,
  policy                         text        not null,
  handled_by_process_instance_id text        not null,
  recorded_at                    timestamptz not null default now(),
  constraint late_event_wait_status_ck check (wait_status is null or wait_status in ('CLOSED', 'EXPIRED')),
  constraint late_event_disposition_ck check (disposition in ('REVIEW', 'ARCHIVE')),
  constraint late_event_source_uk unique (process_key, message_name, source_event_id)
);`);
    this.addSql(`create index late_event_case_idx on integration.late_event (process_key, business_key, recorded_at desc);`);

    // Who moved which command, when, why, from and to which state.
    this.addSql(`
create table integration.operator_action (
  action_id    bigint      generated always as identity primary key,
  command_id   uuid        not null references integration.process_correlation_command (command_id),
  action       text        not null,
  actor        text        not null,
  reason       text        not null,
  from_status  text        not null,
  to_status    text        not null,
  acted_at     timestamptz not null default now(),
  constraint operator_action_action_ck check (action in ('REQUEUE', 'IGNORE', 'QUARANTINE')),
  constraint operator_action_reason_ck check (length(trim(reason)) > 0),
  constraint operator_action_from_status_ck check (from_status in ('PENDING', 'PROCESSING', 'RETRY_PENDING', 'BUFFERED', 'COMPLETED', 'QUARANTINED', 'IGNORED')),
  constraint operator_action_to_status_ck check (to_status in ('PENDING', 'PROCESSING', 'RETRY_PENDING', 'BUFFERED', 'COMPLETED', 'QUARANTINED', 'IGNORED'))
);`);
    this.addSql(`create index operator_action_command_idx on integration.operator_action (command_id, acted_at);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists integration.operator_action;');
    this.addSql('drop table if exists integration.late_event;');
    this.addSql('drop table if exists integration.process_wait_subscription;');
    this.addSql('drop table if exists integration.process_instance_registry;');
    this.addSql('drop table if exists integration.process_correlation_command;');
    this.addSql('drop table if exists integration.consumer_inbox;');
    this.addSql('drop schema if exists integration;');
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * What the workers record: late events (an audit of every event that came after its wait closed or
 * expired, and what the late policy decided), and the case work the domain tasks did. Each domain row
 * carries an idempotency key so a task redelivered after its lock expired does its work once.
 */
export class Migration20261122010000_late_events_and_casework extends Migration {
  override async up(): Promise<void> {
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

    this.addSql(`create schema if not exists casework;`);
    this.addSql(`
create table casework.case_action (
  action_id           bigint      generated always as identity primary key,
  business_key        text        not null,
  action_type         text        not null,
  process_instance_id text        not null,
  idempotency_key     text        not null,
  details             jsonb       not null default '{}'::jsonb,
  created_at          timestamptz not null default now(),
  constraint case_action_type_ck check (action_type in (
    'EVIDENCE_REQUESTED', 'REMINDER_SENT', 'EVIDENCE_VALIDATED', 'EVIDENCE_REJECTED', 'CORRECTION_REQUESTED',
    'ASSESSMENT_REQUESTED', 'SUPERVISOR_NOTIFIED', 'DECISION_RECORDED', 'CLOSED_MISSING_EVIDENCE', 'APPEAL_REGISTERED')),
  constraint case_action_idempotency_uk unique (idempotency_key)
);`);
    this.addSql(`create index case_action_case_idx on casework.case_action (business_key, created_at);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists casework.case_action;');
    this.addSql('drop schema if exists casework;');
    this.addSql('drop table if exists integration.late_event;');
  }
}

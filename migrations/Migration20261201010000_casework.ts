import { Migration } from '@mikro-orm/migrations';

/**
 * The regulatory-case application's own data (apps/regulatory-case/), apart from Seam's ledger: the case
 * work its domain tasks did. Each row carries an idempotency key so a task redelivered after its lock
 * expired does its work once. Split out of the 2026-11-22 late-events migration when they were consolidated.
 */
export class Migration20261201010000_casework extends Migration {
  override async up(): Promise<void> {
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
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * What the bridge adds: a trail of operator actions (who moved which command, when, why, from and to
 * which state), and a counter of "shadow OPEN but the engine found no match" answers, which the command
 * worker retries briefly before reconciling against the engine's subscriptions.
 */
export class Migration20261122020000_bridge_operations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table integration.process_correlation_command add column no_match_count integer not null default 0;`);
    // Which bridge process applied the command: the lease is cleared on completion, the answer is kept.
    this.addSql(`alter table integration.process_correlation_command add column applied_by text null;`);
    // When the command was first buffered: an early event stays visible as such after it was applied.
    this.addSql(`alter table integration.process_correlation_command add column first_buffered_at timestamptz null;`);
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
  constraint operator_action_reason_ck check (length(trim(reason)) > 0)
);`);
    // Foreign keys to commands get indexes, so removing old commands (retention) does not scan these tables per row.
    this.addSql(
      `create index process_instance_registry_start_command_idx on integration.process_instance_registry (start_command_id) where start_command_id is not null;`,
    );
    this.addSql(
      `create index process_wait_subscription_closed_by_idx on integration.process_wait_subscription (closed_by_command_id) where closed_by_command_id is not null;`,
    );
    this.addSql(`create index operator_action_command_idx on integration.operator_action (command_id, acted_at);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists integration.operator_action;');
    this.addSql('alter table integration.process_correlation_command drop column if exists no_match_count;');
    this.addSql('alter table integration.process_correlation_command drop column if exists applied_by;');
    this.addSql('alter table integration.process_correlation_command drop column if exists first_buffered_at;');
  }
}

import { Migration } from '@mikro-orm/migrations';

/** The tables whose keys name a case or an event, and so must name its tenant too. */
const TENANTED = ['consumer_inbox', 'process_correlation_command', 'process_instance_registry', 'process_wait_subscription', 'late_event'] as const;

/**
 * Camunda 7 is multi-tenant: one process key and business key exist once per tenant, and tenants' event
 * ids need not differ. Every key that names a case or an event now names its tenant as well: the inbox's
 * event dedupe, the command dedupe, the registry's start guard, the shadow's wait-key lookups and the late
 * events. "No tenant" is a tenant of its own: it matches only itself.
 *
 * `tenant_id` stays nullable (null is how Camunda says "no tenant"); keys use `tenant_key`, a stored
 * generated column `coalesce(tenant_id, '')`, rather than `coalesce(...)` in each index: every statement
 * then compares and conflicts on one plain column (`tenant_key = c.tenant_key`, `on conflict (…, tenant_key)`)
 * instead of repeating an expression the planner and ON CONFLICT must match character for character.
 * An empty tenant id is refused, so '' stands for "no tenant" only. Adding the columns rewrites the five
 * tables once. The registry's primary key (registry_id) is unchanged and nothing references the registry;
 * only its unique case key widens, which rows that were unique per (process key, business key) satisfy.
 */
export class Migration20261202000000_tenant_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table integration.late_event add column tenant_id text null;`);
    for (const table of TENANTED) {
      this.addSql(`
alter table integration.${table}
  add column tenant_key text not null generated always as (coalesce(tenant_id, '')) stored,
  add constraint ${table}_tenant_ck check (tenant_id <> '');`);
    }

    this.addSql(`drop index integration.consumer_inbox_event_uk;`);
    this.addSql(`create unique index consumer_inbox_event_uk on integration.consumer_inbox (consumer_name, tenant_key, event_id) where event_id is not null;`);

    this.addSql(`
alter table integration.process_correlation_command
  drop constraint process_correlation_command_source_uk,
  add constraint process_correlation_command_source_uk unique (source_consumer_name, source_event_id, command_type, message_name, business_key, tenant_key);`);
    this.addSql(`drop index integration.process_correlation_command_buffered_key_idx;`);
    this.addSql(
      `create index process_correlation_command_buffered_key_idx on integration.process_correlation_command (process_key, business_key, tenant_key, message_name) where status = 'BUFFERED';`,
    );

    this.addSql(`
alter table integration.process_instance_registry
  drop constraint process_instance_registry_uk,
  add constraint process_instance_registry_uk unique (process_key, business_key, tenant_key);`);

    // The live-wait uniqueness (process_wait_subscription_live_uk) stays: it is per instance, and instance
    // ids are unique across an engine's tenants.
    this.addSql(`drop index integration.process_wait_subscription_key_idx;`);
    this.addSql(
      `create index process_wait_subscription_key_idx on integration.process_wait_subscription (process_key, business_key, tenant_key, message_name) where status in ('OPENING', 'OPEN');`,
    );
    this.addSql(`drop index integration.process_wait_subscription_history_idx;`);
    this.addSql(
      `create index process_wait_subscription_history_idx on integration.process_wait_subscription (process_key, business_key, tenant_key, message_name, closed_at desc);`,
    );

    this.addSql(`
alter table integration.late_event
  drop constraint late_event_source_uk,
  add constraint late_event_source_uk unique (process_key, message_name, source_event_id, tenant_key);`);
  }

  /** Fails (and changes nothing) once two tenants share a key: the narrower keys cannot hold both. */
  override async down(): Promise<void> {
    this.addSql(
      `alter table integration.late_event drop constraint late_event_source_uk, add constraint late_event_source_uk unique (process_key, message_name, source_event_id);`,
    );
    this.addSql(`drop index integration.process_wait_subscription_history_idx;`);
    this.addSql(
      `create index process_wait_subscription_history_idx on integration.process_wait_subscription (process_key, business_key, message_name, closed_at desc);`,
    );
    this.addSql(`drop index integration.process_wait_subscription_key_idx;`);
    this.addSql(
      `create index process_wait_subscription_key_idx on integration.process_wait_subscription (process_key, business_key, message_name) where status in ('OPENING', 'OPEN');`,
    );
    this.addSql(
      `alter table integration.process_instance_registry drop constraint process_instance_registry_uk, add constraint process_instance_registry_uk unique (process_key, business_key);`,
    );
    this.addSql(`drop index integration.process_correlation_command_buffered_key_idx;`);
    this.addSql(
      `create index process_correlation_command_buffered_key_idx on integration.process_correlation_command (process_key, business_key, message_name) where status = 'BUFFERED';`,
    );
    this.addSql(`
alter table integration.process_correlation_command
  drop constraint process_correlation_command_source_uk,
  add constraint process_correlation_command_source_uk unique (source_consumer_name, source_event_id, command_type, message_name, business_key);`);
    this.addSql(`drop index integration.consumer_inbox_event_uk;`);
    this.addSql(`create unique index consumer_inbox_event_uk on integration.consumer_inbox (consumer_name, event_id) where event_id is not null;`);
    for (const table of TENANTED) this.addSql(`alter table integration.${table} drop constraint ${table}_tenant_ck, drop column tenant_key;`);
    this.addSql(`alter table integration.late_event drop column tenant_id;`);
  }
}

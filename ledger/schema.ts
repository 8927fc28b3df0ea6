/**
 * Seam's schema and its tables, named once. Statements interpolate these constants (never user input),
 * so a rename is one edit here plus a migration. Migrations keep their literal names: they are history.
 */
export const SCHEMA = 'integration';

export const TABLES = {
  inbox: `${SCHEMA}.consumer_inbox`,
  commands: `${SCHEMA}.process_correlation_command`,
  registry: `${SCHEMA}.process_instance_registry`,
  shadows: `${SCHEMA}.process_wait_subscription`,
  lateEvents: `${SCHEMA}.late_event`,
  operatorActions: `${SCHEMA}.operator_action`,
} as const;

/**
 * Clears a command's lease: every transition out of PROCESSING writes it (the lease check constraint
 * keeps holder, expiry and token set exactly while PROCESSING).
 */
export const CLEAR_LEASE = 'locked_by = null, locked_until = null, lease_token = null';

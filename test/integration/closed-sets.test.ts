import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { config } from './support/engine.ts';
import { migrate } from '../../ledger/migrate.ts';
import { createScratchDatabase } from '../../ledger/schema-snapshot.ts';
import * as S from '../../ledger/states.ts';

/** Each closed set of ledger/states.ts and the check constraint that must list exactly the same values. */
const CHECKED: [constraint: string, values: readonly string[]][] = [
  ['consumer_inbox_status_ck', S.INBOX_STATUSES],
  ['consumer_inbox_reason_code_ck', S.INBOX_REASON_CODES],
  ['process_correlation_command_type_ck', S.COMMAND_TYPES],
  ['process_correlation_command_status_ck', S.COMMAND_STATUSES],
  ['process_correlation_command_resolution_ck', S.COMMAND_RESOLUTIONS],
  ['process_correlation_command_reason_code_ck', S.COMMAND_REASON_CODES],
  ['process_instance_registry_status_ck', S.REGISTRY_STATES],
  ['process_instance_registry_registered_by_ck', S.REGISTERED_BY],
  ['process_wait_subscription_status_ck', S.SHADOW_STATUSES],
  ['process_wait_subscription_close_reason_ck', S.SHADOW_CLOSE_REASONS],
  ['late_event_wait_status_ck', S.LATE_EVENT_WAIT_STATUSES],
  ['late_event_disposition_ck', S.LATE_EVENT_DISPOSITIONS],
  ['operator_action_action_ck', S.OPERATOR_ACTIONS],
  ['operator_action_from_status_ck', S.COMMAND_STATUSES],
  ['operator_action_to_status_ck', S.COMMAND_STATUSES],
];

/** The quoted literals of a check definition, as pg_get_constraintdef prints `col = ANY (ARRAY['A'::text, …])`. */
const literals = (definition: string) => [...definition.matchAll(/'((?:[^']|'')*)'::text/g)].map((m) => m[1]!.replace(/''/g, "'"));

describe('closed sets in TypeScript equal the check constraints of a freshly migrated database', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let checks: Map<string, string>;

  beforeAll(async () => {
    scratch = await createScratchDatabase(config.databaseUrl, 'seam_closed_sets');
    await migrate(scratch.url);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; definition: string }>(
        `select c.conname as name, pg_get_constraintdef(c.oid) as definition
           from pg_constraint c join pg_namespace n on n.oid = c.connamespace
          where n.nspname = 'integration' and c.contype = 'c'`,
      );
      checks = new Map(rows.map((r) => [r.name, r.definition]));
    } finally {
      await client.end();
    }
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it.each(CHECKED)('%s', (constraint, values) => {
    const definition = checks.get(constraint);
    expect(definition, `no check constraint ${constraint} in the integration schema`).toBeDefined();
    expect([...literals(definition!)].sort()).toEqual([...values].sort());
    expect(new Set(values).size, 'a closed set lists a value twice').toBe(values.length);
  });

  it('every constraint that lists allowed values is compared with a closed set', () => {
    // `col = ANY (ARRAY[…])`, optionally `(col IS NULL) OR …`: the whole constraint is a list of allowed values.
    const valueList = /^CHECK \(\((?:\(\w+ IS NULL\) OR \()?\w+ = ANY \(ARRAY\[[^\]]*\]\)\)\)?\)$/;
    const listing = [...checks].filter(([, definition]) => valueList.test(definition)).map(([name]) => name);
    expect(listing.sort()).toEqual(CHECKED.map(([name]) => name).sort());
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { config } from './support/engine.ts';
import { dumpFreshSchema, SNAPSHOT_PATH } from '../../ledger/schema-snapshot.ts';

describe('schema snapshot', () => {
  it('migrations/schema.sql is what the migrations build on a fresh database', async () => {
    const fresh = await dumpFreshSchema(config.databaseUrl);
    const committed = readFileSync(SNAPSHOT_PATH, 'utf8');
    // On a mismatch vitest prints the line diff: review it, then `npm run db:snapshot` and commit both.
    expect(fresh, 'migrations and migrations/schema.sql disagree; run `npm run db:snapshot` and commit the result').toBe(committed);
  });
});

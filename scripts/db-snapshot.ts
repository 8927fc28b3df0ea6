import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../platform/config.ts';
import { dumpFreshSchema, SNAPSHOT_PATH } from '../ledger/schema-snapshot.ts';

// `npm run db:snapshot`: migrates a scratch database on DATABASE_URL's server and writes migrations/schema.sql.
const schema = await dumpFreshSchema(loadConfig().databaseUrl);
writeFileSync(SNAPSHOT_PATH, schema);
process.stdout.write(`wrote ${fileURLToPath(SNAPSHOT_PATH)} (${schema.split('\n').length} lines)\n`);

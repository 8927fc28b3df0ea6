import { loadConfig } from '../../../platform/config.ts';
import { migrate } from '../../../ledger/migrate.ts';
import { databaseName, ensureDatabase } from '../../../platform/db/create-database.ts';
import { engineVersion } from '../../../stack/control/engine.ts';
import { kafkaAnswers } from '../../../stack/control/kafka.ts';

/** Integration tests need the real stack; `npm test` starts it. Fail fast with the reason if it is not there. */
export default async function setup(): Promise<void> {
  const config = loadConfig();
  const [version, kafka] = await Promise.all([engineVersion(config.engine), kafkaAnswers(config.kafka.brokers)]);
  const missing = [!version && `engine at ${config.engine.restUrl}`, !kafka && `Kafka at ${config.kafka.brokers.join(',')}`].filter(Boolean);
  if (missing.length)
    throw new Error(`integration tests need the local stack; not answering: ${missing.join(', ')}. Run \`npx seam stack up\` (npm test does).`);
  await ensureDatabase(config.databaseUrl, databaseName(config.databaseUrl));
  await migrate(config.databaseUrl);
}

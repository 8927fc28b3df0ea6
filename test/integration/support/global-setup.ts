import { loadConfig } from '../../../platform/config.ts';
import { migrate } from '../../../ledger/migrate.ts';
import { databaseName, ensureDatabase } from '../../../platform/db/create-database.ts';
import { describeEngine, identifyEngine } from '../../../stack/control/engine.ts';
import { kafkaAnswers } from '../../../stack/control/kafka.ts';

/** Integration tests need the real stack; `npm test` starts it. Fail fast with the reason if it is not there. */
export default async function setup(): Promise<void> {
  const config = loadConfig();
  const [engine, kafka] = await Promise.all([identifyEngine(config.engine), kafkaAnswers(config.kafka.brokers)]);
  const missing = [!engine && `engine at ${config.engine.restUrl}`, !kafka && `Kafka at ${config.kafka.brokers.join(',')}`].filter(Boolean);
  if (missing.length)
    throw new Error(`integration tests need the local stack; not answering: ${missing.join(', ')}. Run \`npx seam stack up\` (npm test does).`);
  // A suite meant for one engine must not pass on another that happens to answer the URL.
  if (engine?.kind && engine.kind !== config.engine.kind)
    throw new Error(`SEAM_ENGINE=${config.engine.kind}, but ${describeEngine(engine)} answers at ${config.engine.restUrl}`);
  await ensureDatabase(config.databaseUrl, databaseName(config.databaseUrl));
  await migrate(config.databaseUrl);
}

import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { Config } from '../config.ts';
import type { Logger } from '../observability/logger.ts';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client from Seam's config (brokers, client id, TLS, SASL), logging through Seam's JSON logger. */
export function createKafka(kafka: Config['kafka'], log: Logger, clientIdSuffix = ''): Kafka {
  const config: KafkaConfig = {
    clientId: `${kafka.clientId}${clientIdSuffix}`,
    brokers: kafka.brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log: entry }) => {
        const { message, ...rest } = entry;
        // kafkajs logs broker addresses and protocol errors; no record values pass through here.
        log[levels[level] ?? 'info']({ event: 'kafka', namespace, ...rest }, message);
      },
  };
  if (kafka.ssl) config.ssl = kafka.sslCaFile ? { ca: [readFileSync(kafka.sslCaFile, 'utf8')] } : true;
  if (kafka.sasl) config.sasl = { mechanism: kafka.sasl.mechanism, username: kafka.sasl.username, password: kafka.sasl.password } as SASLOptions;
  return new Kafka(config);
}

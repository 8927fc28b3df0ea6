import { redactSecrets, type Config } from '../../platform/config.ts';
import { ensureStackDirs, stackLayout, type StackLayout } from './layout.ts';
import { databaseName, ensureDatabase, postgresAnswers } from '../../platform/db/create-database.ts';
import { ensurePostgres, stopPostgres } from './postgres.ts';
import { ensureKafka, kafkaAnswers, stopKafka } from './kafka.ts';
import { describeEngine, enginePid, ensureEngine, identifyEngine, stopEngines, type EngineIdentity } from './engine.ts';
import { runningPid } from './daemon.ts';

export type PartName = 'postgres' | 'kafka' | 'engine';
export const partNames: PartName[] = ['postgres', 'kafka', 'engine'];

export interface PartReport {
  part: PartName;
  /** started: by this call; running: started earlier by the stack; external: answering, not ours. */
  state: 'started' | 'running' | 'external' | 'failed';
  address: string;
  ms?: number;
  detail?: string;
}

export interface UpReport {
  parts: PartReport[];
  totalMs: number;
  ok: boolean;
}

const failure = (part: PartName, address: string, err: unknown): PartReport => ({
  part,
  state: 'failed',
  address,
  detail: err instanceof Error ? err.message : String(err),
});

/**
 * Brings up PostgreSQL (or uses the one that answers), then Kafka and the engine side by side.
 * Idempotent: parts that already answer are left as they are.
 */
export async function stackUp(config: Config): Promise<UpReport> {
  const started = Date.now();
  const layout = stackLayout(config.home);
  ensureStackDirs(layout);
  const dbAddress = new URL(config.databaseUrl).host;

  const postgres = (async (): Promise<PartReport> => {
    try {
      const outcome = await ensurePostgres(layout, config.databaseUrl);
      await ensureDatabase(config.databaseUrl, databaseName(config.databaseUrl));
      await ensureDatabase(config.databaseUrl, config.engine.databaseName);
      return { part: 'postgres', address: redactSecrets(config.databaseUrl), ...outcome };
    } catch (err) {
      return failure('postgres', dbAddress, err);
    }
  })();

  const kafka = (async (): Promise<PartReport> => {
    try {
      const outcome = await ensureKafka(layout, config.kafka.brokers);
      return { part: 'kafka', address: config.kafka.brokers.join(','), ...outcome };
    } catch (err) {
      return failure('kafka', config.kafka.brokers.join(','), err);
    }
  })();

  const engine = (async (): Promise<PartReport> => {
    const db = await postgres;
    if (db.state === 'failed') return failure('engine', config.engine.restUrl, new Error('not started: PostgreSQL is not available'));
    try {
      const { identity, ...outcome } = await ensureEngine(layout, config);
      return { part: 'engine', address: config.engine.restUrl, ...outcome, detail: describeEngine(identity) };
    } catch (err) {
      return failure('engine', config.engine.restUrl, err);
    }
  })();

  const parts = await Promise.all([postgres, kafka, engine]);
  return { parts, totalMs: Date.now() - started, ok: parts.every((p) => p.state !== 'failed') };
}

export interface StatusReport {
  part: PartName;
  answering: boolean;
  pid?: number;
  address: string;
  detail?: string;
}

export async function stackStatus(config: Config): Promise<StatusReport[]> {
  const layout = stackLayout(config.home);
  const [pgUp, kafkaUp, identity] = await Promise.all([
    postgresAnswers(config.databaseUrl),
    kafkaAnswers(config.kafka.brokers, 3000),
    identifyEngine(config.engine),
  ]);
  const pid = (part: PartName) => runningPid(layout.runDir, part);
  return [
    { part: 'postgres', answering: pgUp, pid: pid('postgres'), address: new URL(config.databaseUrl).host },
    { part: 'kafka', answering: kafkaUp, pid: pid('kafka'), address: config.kafka.brokers.join(',') },
    engineStatus(config, layout, identity),
  ];
}

/** The engine row: which engine answers, and whether that is the one SEAM_ENGINE asks for. */
function engineStatus(config: Config, layout: StackLayout, identity: EngineIdentity | undefined): StatusReport {
  const row: StatusReport = { part: 'engine', answering: identity !== undefined, address: config.engine.restUrl };
  if (!identity) return row;
  const pid = enginePid(layout, identity.kind ?? config.engine.kind);
  const notes = [describeEngine(identity)];
  const mismatch = identity.kind !== undefined && identity.kind !== config.engine.kind;
  if (mismatch) notes.push(`not the SEAM_ENGINE=${config.engine.kind} engine`);
  else if (pid) notes.push(`database ${config.engine.databaseName}`);
  return { ...row, ...(pid ? { pid } : {}), detail: notes.join(', ') };
}

/** Stops only what the stack started (pid files), engine first since it needs the database. */
export async function stackDown(config: Config): Promise<PartName[]> {
  const layout: StackLayout = stackLayout(config.home);
  const stopped: PartName[] = [];
  const [engines, kafka] = await Promise.all([stopEngines(layout), stopKafka(layout)]);
  if (engines.length) stopped.push('engine');
  if (kafka) stopped.push('kafka');
  if (await stopPostgres(layout)) stopped.push('postgres');
  return stopped;
}

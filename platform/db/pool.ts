import pg from 'pg';
import type { Logger } from '../observability/logger.ts';

export type Pool = pg.Pool;
export type Queryable = pg.Pool | pg.PoolClient;

// Seam's own timestamps and counters come back as JS values the code can compare.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * A connection pool. `relaxed` sessions commit without waiting for the WAL flush (synchronous_commit off):
 * only for transitions whose loss in a database crash the reconciler repairs from durable facts — a claim
 * (the command is offered again) or a completion (settled against the engine's history) — never for the
 * record that an engine call is about to happen, nor for what lets Kafka offsets move on.
 */
export interface PoolOptions {
  relaxed?: boolean;
  /** statement_timeout of every session; the client stops waiting 5 s later (a dead server never answers). */
  statementTimeoutMs?: number;
  /** Where an idle client's error goes (the server restarted, the network broke). */
  log?: Pick<Logger, 'warn'>;
}

export function createPool(databaseUrl: string, max = 10, options: PoolOptions = {}): pg.Pool {
  const statementTimeoutMs = options.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    application_name: options.relaxed ? 'seam-relaxed' : 'seam',
    ...(options.relaxed ? { options: '-c synchronous_commit=off' } : {}),
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 5_000,
    idle_in_transaction_session_timeout: statementTimeoutMs + 5_000,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // Without a listener an idle client's error (a PostgreSQL restart terminates every session) is an
  // unhandled 'error' event and kills the process. The pool drops that client; the next query reconnects.
  pool.on('error', (err) =>
    options.log?.warn({ event: 'db_idle_client_error', error: err.message, code: (err as { code?: string }).code }, 'idle database connection lost'),
  );
  // The pool listens only while a client is idle: a checked-out client between two queries (inside a
  // transaction that awaits something else) would otherwise throw the same error at the process. Its next
  // query fails instead, and the pool drops the broken client when it is released.
  pool.on('connect', (client) =>
    client.on('error', (err) =>
      options.log?.warn({ event: 'db_connection_lost', error: err.message, code: (err as { code?: string }).code }, 'database connection lost'),
    ),
  );
  return pool;
}

/** Runs `work` in one transaction; rolls back on any error. `relaxed`: as for a relaxed pool, for this transaction. */
export async function withTransaction<T>(pool: pg.Pool, work: (tx: pg.PoolClient) => Promise<T>, options: { relaxed?: boolean } = {}): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(options.relaxed ? 'begin; set local synchronous_commit = off' : 'begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

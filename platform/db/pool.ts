import pg from 'pg';

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
export function createPool(databaseUrl: string, max = 10, options: { relaxed?: boolean } = {}): pg.Pool {
  return new pg.Pool({
    connectionString: databaseUrl,
    max,
    application_name: options.relaxed ? 'seam-relaxed' : 'seam',
    ...(options.relaxed ? { options: '-c synchronous_commit=off' } : {}),
  });
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

import type { Queryable } from './pool.ts';

/**
 * Returns once every transaction committed before the call is durable, relaxed commits included: a
 * durable commit flushes the write-ahead log up to its own commit record, and the log is one sequence.
 * The statement writes a transactional logical-decoding message, the smallest write that gets a commit
 * record (a transaction that writes nothing is not flushed); nothing reads the message. Run it on a
 * durable session, never a relaxed one.
 */
export async function flushWal(db: Queryable): Promise<void> {
  await db.query(`select pg_logical_emit_message(true, 'seam', 'flush')`);
}

import type { Queryable } from '../../platform/db/pool.ts';

export interface WaitKey {
  processKey: string;
  businessKey: string;
  messageName: string;
}

/**
 * Serializes, until the transaction ends, everything that decides about one wait key: opening a shadow
 * (and waking its buffered commands) and buffering a command. Without it the two can pass each other —
 * each reading before the other commits — and a command would sleep in BUFFERED beside an OPEN shadow.
 * Must be its own statement, before the ones it protects, so they read after the lock is held.
 */
export async function lockWaitKey(tx: Queryable, key: WaitKey): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended($1 || chr(31) || $2 || chr(31) || $3, 0))`, [key.processKey, key.businessKey, key.messageName]);
}

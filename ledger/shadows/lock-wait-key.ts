import type { Queryable } from '../../platform/db/pool.ts';
import type { CaseKey } from '../case-key.ts';

export interface WaitKey extends CaseKey {
  messageName: string;
}

/**
 * Serializes, until the transaction ends, everything that decides about one wait key: opening a shadow
 * (and waking its buffered commands) and buffering a command. Without it the two can pass each other —
 * each reading before the other commits — and a command would sleep in BUFFERED beside an OPEN shadow.
 * Must be its own statement, before the ones it protects, so they read after the lock is held.
 * The tenant joins the hashed key only when there is one (concat_ws skips nulls), so a key without a
 * tenant locks what it locked before tenants were part of the key, also while old and new bridges overlap.
 */
export async function lockWaitKey(tx: Queryable, key: WaitKey): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended(concat_ws(chr(31), $1::text, $2::text, $3::text, $4::text), 0))`, [
    key.processKey,
    key.businessKey,
    key.messageName,
    key.tenantId,
  ]);
}

import type { Queryable } from '../../platform/db/pool.ts';

/** Channels the ledger signals on, so waiting loops wake at once instead of at their next poll. */
export const CHANNELS = { inbox: 'seam_inbox', commands: 'seam_commands' } as const;
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

/**
 * Wakes the listeners of `channel`. Inside a transaction it is delivered at commit, so a woken loop
 * sees the rows that caused it; notifications are only a hint (every loop still polls).
 */
export async function notify(db: Queryable, channel: Channel): Promise<void> {
  await db.query('select pg_notify($1, $2)', [channel, '']);
}

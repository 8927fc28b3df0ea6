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

/**
 * The same signal as a column of a statement's own select list, sent only when `condition` holds:
 * a write that wakes its readers costs no round trip of its own. `channelParam` is the statement's
 * parameter holding the channel (e.g. `$3`); the column is true when it signalled.
 */
export const signalWhen = (channelParam: string, condition: string): string => `(select pg_notify(${channelParam}, '') where ${condition}) is not null`;

import type { Queryable } from '../../platform/db/pool.ts';
import { expectLease, type Lease } from './command-row.ts';
import type { CommandReasonCode } from '../states.ts';
import { CLEAR_LEASE, TABLES } from '../schema.ts';

/**
 * PROCESSING → RETRY_PENDING, only by the lease holder. The delay is capped exponential backoff with jitter,
 * computed here from the attempt count: base · 2^(attempt−1), capped, times a random 0.75–1.25, so a burst of
 * failures does not come back as a burst. `fixedDelayMs` overrides it for short, deliberate waits.
 */
export async function retryCommand(
  db: Queryable,
  lease: Lease,
  reason: { code: CommandReasonCode; message: string; detail?: unknown },
  backoff: { baseMs: number; capMs: number; fixedDelayMs?: number; consumeAttempt?: boolean; countNoMatch?: boolean },
): Promise<void> {
  const { rowCount } = await db.query(
    `update ${TABLES.commands}
        set status = 'RETRY_PENDING',
            next_attempt_at = now() + make_interval(secs => coalesce($7::float8, least($6::float8, $5::float8 * power(2, greatest(attempt_count, 1) - 1)) * (0.75 + random() * 0.5)) / 1000.0),
            attempt_count = case when $8 then attempt_count else attempt_count - 1 end,
            no_match_count = no_match_count + case when $10 then 1 else 0 end,
            reason_code = $3, reason_message = $4, error_detail = $9::jsonb, updated_at = now(),
            ${CLEAR_LEASE}
      where command_id = $1 and lease_token = $2 and status = 'PROCESSING'`,
    [
      lease.commandId,
      lease.token,
      reason.code,
      reason.message,
      backoff.baseMs,
      backoff.capMs,
      backoff.fixedDelayMs ?? null,
      backoff.consumeAttempt ?? true,
      reason.detail === undefined ? null : JSON.stringify(reason.detail),
      backoff.countNoMatch ?? false,
    ],
  );
  expectLease(rowCount, lease, 'a retry');
}

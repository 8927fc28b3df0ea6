import type { Pool } from '../../platform/db/pool.ts';
import { Coalescer } from '../../platform/service/coalescer.ts';
import { guardStartsAndMarkCalls, type StartGuardRequest } from '../../ledger/registry/guard-start-and-mark-call.ts';
import { completeStarts, type StartCompletion } from '../../ledger/commands/complete-start.ts';

/**
 * The hot-path ledger writes of the command stage, coalesced across the commands in hand: commands that
 * reach the same step together share one statement and one commit (a durable commit costs milliseconds
 * and a round trip each). Each request still gets its own guarded outcome; a lone one goes out at once.
 */
export interface LedgerBatches {
  guardStart(request: StartGuardRequest): Promise<boolean>;
  completeStart(completion: StartCompletion): Promise<void>;
}

/** A batch whose statement fails is tried again one by one, so one bad row fails only its own command. */
function oneByOneOnFailure<I, O>(run: (items: I[]) => Promise<(O | Error)[]>): (items: I[]) => Promise<(O | Error)[]> {
  return async (items) => {
    try {
      return await run(items);
    } catch (err) {
      if (items.length === 1) throw err;
      return Promise.all(
        items.map((i) =>
          run([i]).then(
            (o) => o[0]!,
            (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
          ),
        ),
      );
    }
  };
}

export function createLedgerBatches(db: Pool, relaxedDb: Pool): LedgerBatches {
  // Two batches in flight: one can fill while the other commits.
  const options = { maxInFlight: 2, maxBatch: 200 };
  const guards = new Coalescer<StartGuardRequest, boolean>(
    oneByOneOnFailure((requests) => guardStartsAndMarkCalls(db, requests)),
    options,
  );
  const completions = new Coalescer<StartCompletion, null>(
    oneByOneOnFailure((items) => completeStarts(relaxedDb, items)),
    options,
  );
  return {
    guardStart: (request) => guards.submit(request),
    completeStart: async (completion) => void (await completions.submit(completion)),
  };
}

import { describe, expect, it } from 'vitest';
import { mayStillLand } from '../../bridge/commands/settle.ts';
import type { CommandRow } from '../../ledger/commands/command-row.ts';

const settings = { engineTimeoutMs: 10_000, settleGraceMs: 5_000 };
const called = (msAgo: number, reason_code: string | null = 'OUTCOME_UNKNOWN') =>
  ({ engine_call_started_at: new Date(Date.now() - msAgo), reason_code }) as unknown as CommandRow;

describe('when an engine call with an unknown outcome may still land', () => {
  it('until its timeout plus the grace has passed', () => {
    expect(mayStillLand(called(1_000), settings)).toBe(true);
    expect(mayStillLand(called(14_000), settings)).toBe(true);
    expect(mayStillLand(called(15_500), settings)).toBe(false);
  });

  it('never when the engine itself answered (its transaction rolled back), or when it was never called', () => {
    for (const code of ['OPTIMISTIC_LOCKING', 'NO_START_EVENT', 'NO_MATCHING_EXECUTION', 'ENGINE_ERROR'])
      expect(mayStillLand(called(100, code), settings)).toBe(false);
    expect(mayStillLand({ engine_call_started_at: null, reason_code: null } as unknown as CommandRow, settings)).toBe(false);
  });

  it('a reset or a gateway answer is not the engine’s: the grace applies', () => {
    for (const code of ['ENGINE_UNREACHABLE', 'INTERNAL_ERROR', 'RECONCILED_NOT_APPLIED', null]) expect(mayStillLand(called(100, code), settings)).toBe(true);
  });
});

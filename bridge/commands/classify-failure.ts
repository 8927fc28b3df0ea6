import {
  isAuthFailure,
  isConnectionFailure,
  isEngineError,
  isInvalidRequest,
  isMultipleMatch,
  isNoMatch,
  isOptimisticLocking,
  isOutcomeUnknown,
} from '../../platform/engine/engine-error.ts';
import type { EngineFailureCode } from '../../ledger/states.ts';

/**
 * What to do after an engine call failed, from what the engine really answered (see
 * platform/engine/engine-error.ts and its tests against 7.24):
 * - retry: transient — the engine was unreachable, overloaded, or lost an optimistic-locking race;
 * - settle: our timeout fired, the engine may have applied the call — check before trying again;
 * - no-match: the engine has no wait for it — the caller decides (early, late, or drift);
 * - quarantine: retrying cannot help — a person must look.
 */
export type FailureDecision =
  | { action: 'retry' | 'settle' | 'quarantine'; code: EngineFailureCode; message: string }
  | { action: 'no-match'; code: 'NO_MATCHING_EXECUTION'; message: string };

export function classifyFailure(err: unknown): FailureDecision {
  const message = err instanceof Error ? err.message : String(err);
  if (!isEngineError(err)) return { action: 'retry', code: 'INTERNAL_ERROR', message };
  if (isOutcomeUnknown(err)) return { action: 'settle', code: 'OUTCOME_UNKNOWN', message };
  if (isConnectionFailure(err)) return { action: 'retry', code: 'ENGINE_UNREACHABLE', message };
  if (isOptimisticLocking(err)) return { action: 'retry', code: 'OPTIMISTIC_LOCKING', message };
  if (isNoMatch(err)) return { action: 'no-match', code: 'NO_MATCHING_EXECUTION', message };
  if (isMultipleMatch(err)) return { action: 'quarantine', code: 'MULTIPLE_MATCH', message };
  if (isAuthFailure(err)) return { action: 'quarantine', code: err.status === 401 ? 'ENGINE_UNAUTHORIZED' : 'ENGINE_FORBIDDEN', message };
  if (isInvalidRequest(err)) return { action: 'quarantine', code: 'INVALID_VARIABLES', message };
  if (err.status >= 500) return { action: 'retry', code: 'ENGINE_ERROR', message };
  if (err.status === 404) return { action: 'quarantine', code: 'ENGINE_NOT_FOUND', message };
  return { action: 'quarantine', code: 'ENGINE_REJECTED', message };
}

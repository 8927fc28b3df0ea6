/**
 * Every failure of an engine call becomes one EngineError. `kind` says where it failed:
 * - http: the engine answered with an error body `{ type, message, code }` (Camunda's REST error format);
 * - connection: no answer at all (refused, reset, DNS) — the call certainly did not reach the engine's
 *   transaction, or the connection broke while it ran; treated as transient;
 * - timeout: the call was sent and no answer came in time — the outcome is UNKNOWN, the engine may have
 *   applied it. Callers that change state must reconcile before retrying.
 */
export type EngineErrorKind = 'http' | 'connection' | 'timeout';

export class EngineError extends Error {
  constructor(
    readonly operation: string,
    readonly kind: EngineErrorKind,
    readonly status: number,
    readonly type: string,
    readonly engineMessage: string,
    readonly code: number | null,
  ) {
    super(`${operation}: ${kind === 'http' ? `HTTP ${status} ${type}: ` : `${kind} error: `}${engineMessage}`);
    this.name = 'EngineError';
  }
}

export const isEngineError = (err: unknown): err is EngineError => err instanceof EngineError;

// The engine's own wording, as 7.24 returns it for POST /message (proven in test/integration/engine-client.test.ts).
const NO_MATCH_TEXT = 'No process definition or execution matches the parameters';
const MULTIPLE_MATCH_CODES = /\bENGINE-1303[01]\b/;

/** A single correlation found nothing to correlate to: early, late, wrong key, or not started. */
export const isNoMatch = (err: unknown): boolean =>
  isEngineError(err) && err.status === 400 && err.type === 'RestException' && err.engineMessage.includes(NO_MATCH_TEXT);

/** A single correlation matched several executions or definitions: a model or correlation bug. */
export const isMultipleMatch = (err: unknown): boolean =>
  isEngineError(err) && err.status === 400 && err.type === 'RestException' && MULTIPLE_MATCH_CODES.test(err.engineMessage);

/** A concurrent transaction changed the same rows; the engine rolled back and the call can be retried. */
export const isOptimisticLocking = (err: unknown): boolean =>
  isEngineError(err) && err.status === 500 && (err.type === 'OptimisticLockingException' || err.code === 1);

/** The engine refused the request's content, e.g. a variable whose value does not fit its declared type. */
export const isInvalidRequest = (err: unknown): boolean => isEngineError(err) && err.status === 400 && err.type === 'InvalidRequestException';

/** The engine refused a deployed model: 400 `ParseException`, `ENGINE-09005 Could not parse BPMN process. Errors: ...`. */
export const isModelRejected = (err: unknown): boolean => isEngineError(err) && err.status === 400 && err.type === 'ParseException';

export const isAuthFailure = (err: unknown): boolean => isEngineError(err) && (err.status === 401 || err.status === 403);

/** The engine never answered because it could not be reached. */
export const isConnectionFailure = (err: unknown): boolean => isEngineError(err) && err.kind === 'connection';

/** The call may or may not have been applied. */
export const isOutcomeUnknown = (err: unknown): boolean => isEngineError(err) && err.kind === 'timeout';

/** Worth trying again later: the engine was unreachable, overloaded, or lost an optimistic-locking race. */
export const isTransient = (err: unknown): boolean =>
  isEngineError(err) &&
  (err.kind !== 'http' ||
    isOptimisticLocking(err) ||
    err.status === 502 ||
    err.status === 503 ||
    err.status === 504 ||
    (err.status === 500 && err.type !== 'ProcessEngineException' && err.type !== 'RestException'));

/** Builds the error from a failed response, keeping whatever part of Camunda's error body is there. */
export async function engineErrorFromResponse(operation: string, response: Response, body?: unknown): Promise<EngineError> {
  let parsed = body;
  if (parsed === undefined) {
    const text = await response.text().catch(() => '');
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { message: text.slice(0, 500) };
    }
  }
  const b = (parsed && typeof parsed === 'object' ? parsed : {}) as { type?: unknown; message?: unknown; code?: unknown };
  return new EngineError(
    operation,
    'http',
    response.status,
    typeof b.type === 'string' ? b.type : response.status === 401 ? 'Unauthorized' : `HTTP${response.status}`,
    typeof b.message === 'string' && b.message ? b.message : response.statusText || `HTTP ${response.status}`,
    typeof b.code === 'number' ? b.code : null,
  );
}

/** Turns what the transport threw into an EngineError: an abort by our timeout means the outcome is unknown. */
export function engineErrorFromThrown(operation: string, err: unknown, timeoutMs: number): EngineError {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new EngineError(operation, 'timeout', 0, 'Timeout', `no answer within ${timeoutMs} ms; the engine may have applied the call`, null);
  }
  const detail = e?.cause?.code ?? e?.cause?.message ?? e?.code ?? e?.message ?? String(err);
  return new EngineError(operation, 'connection', 0, 'ConnectionError', `engine not reachable (${detail})`, null);
}

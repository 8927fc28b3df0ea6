import type { EngineClient } from './client.ts';
import { EngineError } from './engine-error.ts';

/** The variable that records, in the engine's own history, why Seam terminated an instance. */
export const FENCED_VARIABLE = 'seamFencedAsDuplicateOf';

/**
 * Ends an instance that a duplicate start created (the fence's compensation): first records on it which
 * instance is kept and why (history level full keeps the variable after the instance is gone), then
 * deletes it without running its listeners or I/O mappings. Idempotent: an instance already gone is fine.
 */
export async function terminateDuplicateInstance(engine: EngineClient, instanceId: string, keptInstanceId: string, why: string): Promise<void> {
  const recorded = await engine.raw.PUT('/process-instance/{id}/variables/{varName}', {
    params: { path: { id: instanceId, varName: FENCED_VARIABLE } },
    body: { value: `${keptInstanceId}: ${why}`.slice(0, 3900), type: 'String' },
  });
  if (!recorded.response.ok && recorded.response.status !== 404 && recorded.response.status !== 500) {
    throw new EngineError(
      'PUT /process-instance/{id}/variables',
      'http',
      recorded.response.status,
      `HTTP${recorded.response.status}`,
      'could not record the fence',
      null,
    );
  }
  const deleted = await engine.raw.DELETE('/process-instance/{id}', {
    params: { path: { id: instanceId }, query: { skipCustomListeners: true, skipIoMappings: true, failIfNotExists: false } },
  });
  if (!deleted.response.ok) {
    throw new EngineError(
      'DELETE /process-instance/{id}',
      'http',
      deleted.response.status,
      `HTTP${deleted.response.status}`,
      'could not terminate the duplicate',
      null,
    );
  }
}

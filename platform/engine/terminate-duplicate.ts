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
  try {
    await engine.setVariable(instanceId, FENCED_VARIABLE, { value: `${keptInstanceId}: ${why}`.slice(0, 3900), type: 'String' });
  } catch (err) {
    // The instance is already gone (the engine answers 404 or 500 for a missing execution): nothing to end.
    if (!(err instanceof EngineError && (err.status === 404 || err.status === 500))) throw err;
  }
  await engine.deleteProcessInstance(instanceId);
}

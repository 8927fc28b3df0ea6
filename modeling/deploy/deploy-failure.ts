import path from 'node:path';
import type { Config } from '../../platform/config.ts';
import { isAuthFailure, isConnectionFailure, isEngineError, isModelRejected, isOutcomeUnknown } from '../../platform/engine/engine-error.ts';
import { FrozenVersionError, ModelRejectedError } from './deploy-models.ts';

/**
 * One line for a failure a deploy meets in normal life (wrong credentials, engine down, a model the
 * engine's parser refuses, a changed old version); null for anything else, which is a bug to show in full.
 */
export function describeDeployFailure(err: unknown, engine: Config['engine'], cwd = process.cwd()): string | null {
  if (err instanceof FrozenVersionError) return err.message;
  if (err instanceof ModelRejectedError) return `the engine rejected ${path.relative(cwd, err.file)}: ${firstParseError(err.cause.engineMessage)}`;
  if (!isEngineError(err)) return null;
  if (isAuthFailure(err)) return `the engine at ${engine.restUrl} refused user '${engine.user}' (HTTP ${err.status}): check CAMUNDA_USER and CAMUNDA_PASSWORD`;
  if (isConnectionFailure(err))
    return `the engine at ${engine.restUrl} is not reachable (${err.engineMessage.replace(/^engine not reachable \((.*)\)$/, '$1')}): is it running? (seam stack status)`;
  if (isOutcomeUnknown(err))
    return `the engine at ${engine.restUrl} did not answer within ${engine.timeoutMs} ms (${err.operation}); if this was a deployment it may have been applied, run seam deploy again to see`;
  if (isModelRejected(err)) return `the engine rejected a model: ${firstParseError(err.engineMessage)}`;
  return null;
}

/**
 * The engine lists every problem as `* <problem> | resource <name> | line <n> | column <m>`;
 * the first one, with its position, is what the modeler needs.
 */
function firstParseError(message: string): string {
  const problems = [...message.matchAll(/\* (.+?) \| resource \S+ \| line (\d+) \| column (\d+)/g)];
  const [first] = problems;
  if (!first) return message.split('\n')[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${first[1]} (line ${first[2]}, column ${first[3]})${more}`;
}

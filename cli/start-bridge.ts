import type { Registry } from 'prom-client';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/observability/logger.ts';
import { launchBridge, type RunningBridge } from '../bridge/run-bridge.ts';
import { loadMappingFile, MappingError } from '../bridge/mapping/load-mapping.ts';
import { application } from './application.ts';
import { CliError } from './cli-error.ts';

/** Starts the bridge, or fails with one line: the mapping's problems, or what kept it from starting. */
export async function startBridgeOrFail(config: Config, registry: Registry, log: Logger): Promise<RunningBridge> {
  try {
    return await launchBridge(config, registry, {
      log,
      mapping: loadMappingFile(config.bridge.mappingFile ?? application.mappingFile),
    });
  } catch (err) {
    if (err instanceof MappingError) throw new CliError(err.message, 2);
    throw new CliError(`the bridge could not start: ${(err as Error).message}`);
  }
}

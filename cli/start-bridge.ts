import type { Registry } from 'prom-client';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/observability/logger.ts';
import { launchBridge, type RunningBridge } from '../bridge/run-bridge.ts';
import type { CommandFaults } from '../bridge/commands/command-context.ts';
import { loadMappingFile, MappingError } from '../bridge/mapping/load-mapping.ts';
import { application } from './application.ts';
import { CliError } from './cli-error.ts';

/** The chaos suite's named fault point: die like a crash (no cleanup) right after the n-th engine call returned. */
function killAfterEngineCalls(n: number, log: Logger): CommandFaults {
  let calls = 0;
  return {
    afterEngineCall: () => {
      if (++calls !== n) return;
      log.warn({ event: 'fault_point_kill', point: 'after-engine-call', calls }, 'fault point reached: SIGKILL');
      process.kill(process.pid, 'SIGKILL');
    },
  };
}

/** Starts the bridge, or fails with one line: the mapping's problems, or what kept it from starting. */
export async function startBridgeOrFail(config: Config, registry: Registry, log: Logger): Promise<RunningBridge> {
  try {
    return await launchBridge(config, registry, {
      log,
      mapping: loadMappingFile(config.bridge.mappingFile ?? application.mappingFile),
      ...(config.faults ? { faults: killAfterEngineCalls(config.faults.killAfterEngineCalls, log) } : {}),
    });
  } catch (err) {
    if (err instanceof MappingError) throw new CliError(err.message, 2);
    throw new CliError(`the bridge could not start: ${(err as Error).message}`);
  }
}

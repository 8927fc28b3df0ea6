import { access } from 'node:fs/promises';
import path from 'node:path';
import { ContractFileError, loadCompatibility, loadContract } from '../contracts/load-contract.ts';
import type { EventContract, RetiredWait } from '../contracts/contract-schema.ts';
import { RunCache } from './run-cache.ts';

export interface ProjectContext {
  contracts: Record<string, EventContract>;
  retired: Record<string, RetiredWait[]>;
  /** Contract or compatibility files that could not be read, with every bad field. */
  problems: ContractFileError[];
}

/**
 * The event contract and compatibility list of each process in a model, read from the model's
 * own folder (`processes/<key>/`) or else from `processes/<key>/` under the working directory.
 * A file belongs to a process when its `processKey` says so.
 */
export async function loadProjectContext(modelFile: string, processKeys: string[], cwd: string, cache = new RunCache()): Promise<ProjectContext> {
  const context: ProjectContext = { contracts: {}, retired: {}, problems: [] };
  for (const key of processKeys) {
    const folders = [...new Set([path.dirname(modelFile), path.join(cwd, 'processes', key)])];
    const contract = await firstMatching(folders, 'contract.yaml', key, (file) => cache.once(`contract:${file}`, () => loadContract(file)), context.problems);
    if (contract) context.contracts[key] = contract;
    const compatibility = await firstMatching(
      folders,
      'compatibility.yaml',
      key,
      (file) => cache.once(`compatibility:${file}`, () => loadCompatibility(file)),
      context.problems,
    );
    if (compatibility) context.retired[key] = compatibility.retired;
  }
  return context;
}

async function firstMatching<T extends { processKey: string }>(
  folders: string[],
  fileName: string,
  processKey: string,
  load: (file: string) => Promise<T>,
  problems: ContractFileError[],
): Promise<T | undefined> {
  for (const folder of folders) {
    const file = path.join(folder, fileName);
    if (!(await exists(file))) continue;
    try {
      const loaded = await load(file);
      if (loaded.processKey === processKey) return loaded;
    } catch (err) {
      if (!(err instanceof ContractFileError)) throw err;
      if (!problems.some((problem) => problem.file === err.file)) problems.push(err);
    }
  }
  return undefined;
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

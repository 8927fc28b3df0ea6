import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** A path given to `seam lint` that does not exist. */
export class LintInputError extends Error {
  override name = 'LintInputError';
}

/** Model file names found in folders: the Modeler's `.bpmn` and Camunda's classic `.bpmn20.xml`. */
export function isModelFile(name: string): boolean {
  return name.endsWith('.bpmn') || name.endsWith('.bpmn20.xml');
}

/**
 * The model files to lint: the given files as they are, directories searched recursively for
 * `*.bpmn` and `*.bpmn20.xml`,
 * `processes/` when nothing is given. Sorted, so output and exit codes do not depend on the
 * file system's order.
 */
export async function discoverModels(paths: string[], cwd: string): Promise<string[]> {
  const roots = paths.length > 0 ? paths : ['processes'];
  const found = new Set<string>();
  for (const given of roots) {
    const absolute = path.resolve(cwd, given);
    const info = await stat(absolute).catch(() => null);
    if (!info) {
      if (paths.length === 0) continue;
      throw new LintInputError(`no such file or directory: ${given}`);
    }
    if (info.isDirectory()) {
      for (const file of await bpmnFilesUnder(absolute)) found.add(file);
    } else {
      found.add(absolute);
    }
  }
  return [...found].sort();
}

async function bpmnFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && isModelFile(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
}

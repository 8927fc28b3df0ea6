import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export interface ModelVersion {
  processKey: string;
  version: number;
  file: string;
  xml: string;
}

export interface ProcessModels {
  processKey: string;
  /** Oldest first; the last is the version new instances start on. */
  versions: ModelVersion[];
}

/**
 * The versioned models under `processes/<key>/vN.bpmn`. The folder names the process key; a model whose
 * process id differs is an error, since deploy and the deploy gate match versions by that key.
 */
export function discoverProcessModels(processesDir: string): ProcessModels[] {
  if (!existsSync(processesDir)) return [];
  const result: ProcessModels[] = [];
  for (const entry of readdirSync(processesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(processesDir, entry.name);
    const versions = readdirSync(dir)
      .map((name) => /^v(\d+)\.bpmn$/.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => {
        const file = path.join(dir, m[0]);
        const xml = readFileSync(file, 'utf8');
        if (!new RegExp(`<(?:\\w+:)?process\\b[^>]*\\bid="${entry.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(xml)) {
          throw new Error(`${path.relative(process.cwd(), file)} does not define process "${entry.name}" (the folder name is the process key)`);
        }
        const tag = new RegExp(`<(?:\\w+:)?process\\b[^>]*\\bcamunda:versionTag="([^"]*)"`).exec(xml)?.[1];
        if (tag !== m[0].replace('.bpmn', '')) {
          throw new Error(
            `${path.relative(process.cwd(), file)} has camunda:versionTag "${tag ?? ''}"; a version file vN.bpmn carries versionTag "vN", which deploy and the deploy gate rely on`,
          );
        }
        return { processKey: entry.name, version: Number(m[1]), file, xml };
      })
      .sort((a, b) => a.version - b.version);
    if (versions.length) result.push({ processKey: entry.name, versions });
  }
  return result.sort((a, b) => a.processKey.localeCompare(b.processKey));
}

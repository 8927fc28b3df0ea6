import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { seamPlugin, type BpmnModdleInstance, type ProcessEventSummary } from './bpmnlint-runtime.ts';
import { parseModel, type ParsedModel } from './parse-model.ts';
import { RunCache } from './run-cache.ts';

/**
 * Where the previous version of a model comes from:
 * - `previous`: `v(N-1).bpmn` beside `vN.bpmn` (the default);
 * - `file`: one explicit file, matched to the model by process key;
 * - `engine`: the latest definition deployed in the engine for each process key.
 */
export type BaselineSource = { kind: 'previous' } | { kind: 'file'; path: string } | { kind: 'engine' };

/** Fetches the BPMN XML of the latest deployed definition of a process, null when none is deployed. */
export type DeployedXmlLoader = (processKey: string) => Promise<string | null>;

export interface Baselines {
  summaries: Record<string, ProcessEventSummary>;
  /** Why a baseline could not be used (the cross-version rules then skip that process). */
  problems: string[];
}

/** A baseline the user named that cannot be read: the whole run stops. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

/** `processes/claim/v3.bpmn` → `processes/claim/v2.bpmn`; null for v1 or a name without a version. */
export function previousVersionPath(modelFile: string): string | null {
  const match = /^v(\d+)\.bpmn$/.exec(path.basename(modelFile));
  if (!match) return null;
  const version = Number(match[1]);
  return version > 1 ? path.join(path.dirname(modelFile), `v${version - 1}.bpmn`) : null;
}

/**
 * True when `v(N+1).bpmn` lies beside `vN.bpmn`: new instances no longer start on this version,
 * and the engine keeps running it as it was deployed (old versions are frozen).
 */
export async function isSuperseded(modelFile: string): Promise<boolean> {
  const match = /^v(\d+)\.bpmn$/.exec(path.basename(modelFile));
  return match !== null && exists(path.join(path.dirname(modelFile), `v${Number(match[1]) + 1}.bpmn`));
}

/** Event summaries of every process in a BPMN document, keyed by process key. */
export async function summariesOfXml(xml: string, moddle: BpmnModdleInstance): Promise<Record<string, ProcessEventSummary> | string> {
  return summariesOf(await parseModel(xml, moddle));
}

function summariesOf(parsed: ParsedModel): Record<string, ProcessEventSummary> | string {
  if (!parsed.ok) return parsed.line ? `${parsed.reason} at line ${parsed.line}` : parsed.reason;
  return Object.fromEntries(seamPlugin.summarizeEvents(parsed.definitions).map((summary) => [summary.processKey, summary]));
}

export interface BaselineRequest {
  modelFile: string;
  processKeys: string[];
  source: BaselineSource;
  moddle: BpmnModdleInstance;
  loadDeployedXml?: DeployedXmlLoader;
  /** The run's cache: the previous version is often a file the same run lints. */
  cache?: RunCache;
}

export async function loadBaselines(request: BaselineRequest): Promise<Baselines> {
  const { source, moddle } = request;
  if (source.kind === 'file') {
    const xml = await readFile(source.path, 'utf8').catch(() => {
      throw new BaselineError(`cannot read baseline ${source.path}`);
    });
    const summaries = await summariesOfXml(xml, moddle);
    if (typeof summaries === 'string') throw new BaselineError(`baseline ${source.path} is not well-formed BPMN: ${summaries}`);
    return { summaries: pick(summaries, request.processKeys), problems: [] };
  }

  if (source.kind === 'engine') {
    if (!request.loadDeployedXml) throw new BaselineError('no engine client to load deployed definitions from');
    const summaries: Record<string, ProcessEventSummary> = {};
    const problems: string[] = [];
    for (const key of request.processKeys) {
      const xml = await request.loadDeployedXml(key);
      if (xml === null) continue;
      const deployed = await summariesOfXml(xml, moddle);
      if (typeof deployed === 'string') problems.push(`the deployed definition of ${key} cannot be parsed: ${deployed}`);
      else if (deployed[key]) summaries[key] = deployed[key];
    }
    return { summaries, problems };
  }

  const previous = previousVersionPath(request.modelFile);
  if (!previous || !(await exists(previous))) return { summaries: {}, problems: [] };
  const summaries = summariesOf((await (request.cache ?? new RunCache()).model(previous, moddle)).parsed);
  if (typeof summaries === 'string') {
    return { summaries: {}, problems: [`previous version ${path.basename(previous)} is not well-formed BPMN (${summaries}); cross-version checks skipped`] };
  }
  return { summaries: pick(summaries, request.processKeys), problems: [] };
}

function pick<T>(byKey: Record<string, T>, keys: string[]): Record<string, T> {
  return Object.fromEntries(keys.filter((key) => byKey[key] !== undefined).map((key) => [key, byKey[key]!]));
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

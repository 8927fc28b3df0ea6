import path from 'node:path';
import type { EngineClient } from '../../platform/engine/client.ts';
import { isModelRejected, type EngineError } from '../../platform/engine/engine-error.ts';
import type { ProcessModels } from './model-files.ts';

/** An older version's file differs from what the engine runs for it: old versions are frozen. */
export class FrozenVersionError extends Error {
  override name = 'FrozenVersionError';
}

/** The engine's parser refused a model file (its EngineError is the cause). */
export class ModelRejectedError extends Error {
  override name = 'ModelRejectedError';
  constructor(
    readonly file: string,
    override readonly cause: EngineError,
  ) {
    super(`${file}: ${cause.message}`);
  }
}

/**
 * Whether two versions of a model differ only in their diagram (BPMN DI), the Camunda Modeler's
 * `modeler:*` attributes (execution platform, which the engine ignores) and layout whitespace. Adding or
 * moving shapes in an old version, or declaring its execution platform, is allowed and not redeployed;
 * anything else in it is frozen.
 */
export function sameSemantics(a: string, b: string): boolean {
  const strip = (xml: string) =>
    xml
      .replace(/<(\w+:)?BPMNDiagram\b[\s\S]*?<\/(\w+:)?BPMNDiagram>/g, '')
      .replace(/\s(xmlns:modeler|modeler:[\w.-]+)="[^"]*"/g, '')
      .replace(/>\s+</g, '><')
      .trim();
  return strip(a) === strip(b);
}

/** The XML the engine runs for `versionTag` of a process, or null when no such version is deployed. */
async function deployedXmlOfVersion(engine: EngineClient, processKey: string, versionTag: string): Promise<string | null> {
  const [definition] = await engine.processDefinitions({ key: processKey, versionTag, sortBy: 'version', sortOrder: 'desc', maxResults: 1 });
  if (!definition?.id) return null;
  return engine.getDefinitionXml(definition.id);
}

export interface DeployedVersion {
  processKey: string;
  version: number;
  file: string;
  outcome: 'deployed' | 'unchanged' | 'would-deploy';
  definitionId?: string;
  engineVersion?: number;
}

/**
 * Deploys every version of every process, oldest first, one deployment per version file named
 * `<key>@v<N>`, with the engine's duplicate filtering (`deploy-changed-only`): an unchanged file is not
 * deployed again, so re-running deploy is safe and old versions keep the definitions their instances run on.
 */
export async function deployModels(engine: EngineClient, processes: ProcessModels[], options: { dryRun: boolean; source: string }): Promise<DeployedVersion[]> {
  const results: DeployedVersion[] = [];
  for (const process of processes) {
    const newest = process.versions.at(-1)!;
    for (const model of process.versions) {
      const base = { processKey: process.processKey, version: model.version, file: model.file };
      if (model !== newest) {
        // Redeploying a changed old version would make it the latest and start new instances on it.
        const running = await deployedXmlOfVersion(engine, process.processKey, `v${model.version}`);
        if (running !== null && !sameSemantics(running, model.xml)) {
          throw new FrozenVersionError(
            `${path.basename(model.file)} of ${process.processKey} differs from the v${model.version} the engine runs; old versions are frozen (instances still run on them): put the change in v${newest.version} or a new version`,
          );
        }
        if (running !== null) {
          results.push({ ...base, outcome: 'unchanged' });
          continue;
        }
      }
      if (options.dryRun) {
        // What the engine's duplicate filtering would decide: the file against what runs for its versionTag.
        const deployed = model === newest ? await deployedXmlOfVersion(engine, process.processKey, `v${model.version}`) : null;
        results.push({ ...base, outcome: deployed === model.xml ? 'unchanged' : 'would-deploy' });
        continue;
      }
      const deployment = await engine
        .deploy([{ name: path.basename(model.file), content: model.xml }], {
          deploymentName: `${process.processKey}@v${model.version}`,
          source: options.source,
          deployChangedOnly: true,
        })
        .catch((err: unknown) => {
          throw isModelRejected(err) ? new ModelRejectedError(model.file, err as EngineError) : err;
        });
      const definitions = Object.values(deployment.deployedProcessDefinitions ?? {});
      const definition = definitions[0];
      results.push(
        definition
          ? { ...base, outcome: 'deployed', definitionId: definition.id ?? undefined, engineVersion: definition.version ?? undefined }
          : { ...base, outcome: 'unchanged' },
      );
    }
  }
  return results;
}

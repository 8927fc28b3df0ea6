import path from 'node:path';
import { repoRoot, type EngineKind } from '../../platform/config.ts';

/** What the local stack knows of each engine it can run: its Maven project and how it names itself. */
export interface EngineSpec {
  kind: EngineKind;
  /** The product as `seam stack status` shows it, e.g. "Operaton 1.0.3". */
  product: string;
  /** The release the Maven project builds; what `/version` answers. */
  version: string;
  project: string;
  jar: string;
  /** Where the engine's web apps live under the server root. */
  cockpitPath: string;
}

const stackSrc = path.join(repoRoot, 'stack');

export const engineSpecs: Record<EngineKind, EngineSpec> = {
  camunda: {
    kind: 'camunda',
    product: 'Camunda',
    version: '7.24.0',
    project: path.join(stackSrc, 'engine'),
    jar: path.join(stackSrc, 'engine', 'target', 'seam-engine.jar'),
    cockpitPath: '/camunda/app/cockpit/',
  },
  operaton: {
    kind: 'operaton',
    product: 'Operaton',
    version: '1.0.3',
    project: path.join(stackSrc, 'engine-operaton'),
    jar: path.join(stackSrc, 'engine-operaton', 'target', 'seam-engine-operaton.jar'),
    cockpitPath: '/operaton/app/cockpit/',
  },
};

/** The stack part name of an engine: its pid file, log file and JVM marker all carry it. */
export const enginePart = (kind: EngineKind): string => `engine-${kind}`;

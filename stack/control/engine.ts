import type { StackLayout } from './layout.ts';
import { logFileOf } from './layout.ts';
import { jvmMarker, logTail, runningPid, startDaemon, stopDaemon } from './daemon.ts';
import { buildWithMaven } from './maven.ts';
import { enginePart, engineSpecs } from './engines.ts';
import { waitUntil } from '../../platform/wait.ts';
import { engineKinds, type Config, type EngineKind } from '../../platform/config.ts';
import { createEngineClient } from '../../platform/engine/client.ts';

/** Which engine answers: the product as it names itself, its version, and which of the stack's engines it is. */
export interface EngineIdentity {
  product: string;
  version: string;
  kind?: EngineKind;
}

export const describeEngine = (identity: EngineIdentity): string => `${identity.product} ${identity.version}`;

/**
 * The engine behind the REST URL, or undefined when it does not answer. `/version` is the same on every
 * Camunda 7 line ({"version":"7.24.0"} or {"version":"1.0.3"}), so the product comes from the telemetry
 * document ("Camunda BPM Runtime", "Operaton BPM Runtime"); an engine without it, or a user not allowed to
 * read it, is named by its version alone.
 */
export async function identifyEngine(engine: Config['engine'], timeoutMs = 3000): Promise<EngineIdentity | undefined> {
  const client = createEngineClient({ ...engine, timeoutMs });
  const version = await client.version().catch(() => undefined);
  if (!version) return undefined;
  const product = (await client.telemetryProduct().catch(() => undefined))?.replace(/ BPM Runtime$/, '') ?? 'engine';
  const kind = engineKinds.find((k) => engineSpecs[k].product === product);
  return { product, version, ...(kind ? { kind } : {}) };
}

/** The JDBC URL of the engine's database, on the same server as Seam's own. */
export function engineJdbcUrl(databaseUrl: string, databaseName: string): string {
  const url = new URL(databaseUrl);
  return `jdbc:postgresql://${url.hostname}:${url.port || '5432'}/${databaseName}`;
}

export type EngineOutcome = { state: 'external' | 'running'; identity: EngineIdentity } | { state: 'started'; ms: number; identity: EngineIdentity };

export async function ensureEngine(layout: StackLayout, config: Config): Promise<EngineOutcome> {
  const spec = engineSpecs[config.engine.kind];
  const part = enginePart(spec.kind);
  const already = await identifyEngine(config.engine);
  if (already) {
    // Another of the stack's engines on this URL would run Seam against the wrong engine and database.
    if (already.kind && already.kind !== spec.kind) {
      throw new Error(
        `${describeEngine(already)} answers at ${config.engine.restUrl}, but SEAM_ENGINE=${spec.kind}: stop it first (\`seam stack down\`) or run ${spec.product} on another port (SEAM_ENGINE_PORT)`,
      );
    }
    return { state: enginePid(layout, spec.kind) ? 'running' : 'external', identity: already };
  }
  const rest = new URL(config.engine.restUrl);
  if (!['127.0.0.1', 'localhost'].includes(rest.hostname)) {
    throw new Error(`no engine answers at ${config.engine.restUrl}, and it is not on this machine, so the stack cannot start one there`);
  }
  const started = Date.now();
  await buildWithMaven(spec.project, spec.jar, logFileOf(layout, `maven-${part}`), ['-DskipTests']);
  const db = new URL(config.databaseUrl);
  const logFile = logFileOf(layout, part);
  const child = startDaemon(layout.runDir, {
    part,
    marker: jvmMarker(part),
    command: 'java',
    args: ['-Xms256m', '-Xmx1g', jvmMarker(part), '-jar', spec.jar],
    env: {
      ...process.env,
      SEAM_ENGINE_BIND: rest.hostname === 'localhost' ? '127.0.0.1' : rest.hostname,
      SEAM_ENGINE_PORT: rest.port || '80',
      SEAM_ENGINE_JDBC_URL: engineJdbcUrl(config.databaseUrl, config.engine.databaseName),
      SEAM_ENGINE_DB_USER: decodeURIComponent(db.username) || 'postgres',
      SEAM_ENGINE_DB_PASSWORD: decodeURIComponent(db.password),
      CAMUNDA_ADMIN_USER: config.engine.user,
      CAMUNDA_ADMIN_PASSWORD: config.engine.password,
    },
    logFile,
  });
  let identity: EngineIdentity | undefined;
  const up = await waitUntil(async () => child.exitCode === null && (identity = await identifyEngine(config.engine)) !== undefined, 240_000, 1000);
  if (!up || !identity) {
    await stopDaemon(layout.runDir, part, 5000);
    throw new Error(
      `${spec.product} did not answer ${config.engine.restUrl}/version within 240 s${child.exitCode !== null ? ` (exited with ${child.exitCode})` : ''}; ${logFile}:\n${logTail(logFile)}`,
    );
  }
  return { state: 'started', ms: Date.now() - started, identity };
}

// Before there was a choice of engines the Camunda engine ran as part "engine" (engine.pid); a stack started
// then is still found and stopped.
const partsOf = (kind: EngineKind): string[] => (kind === 'camunda' ? [enginePart(kind), 'engine'] : [enginePart(kind)]);

/** Stops every engine the stack started under this SEAM_HOME; returns the ones it stopped. */
export async function stopEngines(layout: StackLayout): Promise<EngineKind[]> {
  const stopped = await Promise.all(
    engineKinds.map(async (kind) => {
      const results = await Promise.all(partsOf(kind).map((part) => stopDaemon(layout.runDir, part, 30_000)));
      return results.some(Boolean) ? kind : undefined;
    }),
  );
  return stopped.filter((k): k is EngineKind => k !== undefined);
}

/** The pid of the engine of this kind the stack runs, if any. */
export const enginePid = (layout: StackLayout, kind: EngineKind): number | undefined =>
  partsOf(kind)
    .map((part) => runningPid(layout.runDir, part))
    .find((pid) => pid !== undefined);

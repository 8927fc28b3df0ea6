import type { StackLayout } from './layout.ts';
import { logFileOf } from './layout.ts';
import { jvmMarker, logTail, runningPid, startDaemon, stopDaemon } from './daemon.ts';
import { buildWithMaven } from './maven.ts';
import { waitUntil } from '../../platform/wait.ts';
import type { Config } from '../../platform/config.ts';
import { createEngineClient } from '../../platform/engine/client.ts';

/** The engine's `/version`, or undefined when it does not answer. */
export async function engineVersion(engine: Config['engine'], timeoutMs = 3000): Promise<string | undefined> {
  return createEngineClient({ ...engine, timeoutMs })
    .version()
    .catch(() => undefined);
}

/** The JDBC URL of the engine's database, on the same server as Seam's own. */
export function engineJdbcUrl(databaseUrl: string, databaseName: string): string {
  const url = new URL(databaseUrl);
  return `jdbc:postgresql://${url.hostname}:${url.port || '5432'}/${databaseName}`;
}

export type EngineOutcome = { state: 'external' | 'running'; version: string } | { state: 'started'; ms: number; version: string };

export async function ensureEngine(layout: StackLayout, config: Config): Promise<EngineOutcome> {
  const already = await engineVersion(config.engine);
  if (already) return { state: runningPid(layout.runDir, 'engine') ? 'running' : 'external', version: already };
  const rest = new URL(config.engine.restUrl);
  if (!['127.0.0.1', 'localhost'].includes(rest.hostname)) {
    throw new Error(`no engine answers at ${config.engine.restUrl}, and it is not on this machine, so the stack cannot start one there`);
  }
  const started = Date.now();
  await buildWithMaven(layout.engineProject, layout.engineJar, logFileOf(layout, 'maven-engine'), ['-DskipTests']);
  const db = new URL(config.databaseUrl);
  const logFile = logFileOf(layout, 'engine');
  const child = startDaemon(layout.runDir, {
    part: 'engine',
    marker: jvmMarker('engine'),
    command: 'java',
    args: ['-Xms256m', '-Xmx1g', jvmMarker('engine'), '-jar', layout.engineJar],
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
  let version: string | undefined;
  const up = await waitUntil(async () => child.exitCode === null && (version = await engineVersion(config.engine)) !== undefined, 240_000, 1000);
  if (!up || !version) {
    await stopDaemon(layout.runDir, 'engine', 5000);
    throw new Error(
      `the engine did not answer ${config.engine.restUrl}/version within 240 s${child.exitCode !== null ? ` (exited with ${child.exitCode})` : ''}; ${logFile}:\n${logTail(logFile)}`,
    );
  }
  return { state: 'started', ms: Date.now() - started, version };
}

export const stopEngine = (layout: StackLayout): Promise<boolean> => stopDaemon(layout.runDir, 'engine', 30_000);

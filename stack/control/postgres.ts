import { postgresAnswers } from '../../platform/db/create-database.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readdirSync, readFileSync, chownSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { StackLayout } from './layout.ts';
import { logFileOf } from './layout.ts';
import { recordPid, runningPid, stopDaemon, logTail } from './daemon.ts';

const run = promisify(execFile);

const isLocalHost = (host: string): boolean => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);

/** The installed PostgreSQL server binaries (Debian keeps them under /usr/lib/postgresql/<major>/bin). */
function findPostgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root).filter((d) => existsSync(path.join(root, d, 'bin', 'initdb')));
    majors.sort((a, b) => Number(b) - Number(a));
    if (majors[0]) return path.join(root, majors[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return undefined;
}

/** initdb and the server refuse to run as root; as root we run them as the `postgres` system user. */
async function asServerUser(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  if (userInfo().uid !== 0) return run(command, args);
  return run('runuser', ['-u', 'postgres', '--', command, ...args]);
}

function serverUserIds(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, but there is no `postgres` system user to run a private PostgreSQL cluster as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export type PostgresOutcome = { state: 'external' } | { state: 'running' } | { state: 'started'; ms: number };

/**
 * Uses the server at DATABASE_URL when it answers. Otherwise, if that address is on this machine, starts a
 * private cluster from the installed binaries in the stack's data folder on the same port.
 */
export async function ensurePostgres(layout: StackLayout, databaseUrl: string): Promise<PostgresOutcome> {
  if (runningPid(layout.runDir, 'postgres') !== undefined && (await postgresAnswers(databaseUrl))) return { state: 'running' };
  if (await postgresAnswers(databaseUrl)) return { state: 'external' };
  const url = new URL(databaseUrl);
  if (!isLocalHost(url.hostname)) {
    throw new Error(`no PostgreSQL answers at ${url.host}, and it is not on this machine, so the stack cannot start one there`);
  }
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error(`no PostgreSQL answers at ${url.host} and no PostgreSQL server binaries (initdb, pg_ctl) are installed`);
  const started = Date.now();
  const port = url.port || '5432';
  const ids = serverUserIds();
  const logFile = logFileOf(layout, 'postgres');
  for (const dir of [layout.postgresDataDir, layout.postgresSocketDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (ids) chownSync(dir, ids.uid, ids.gid);
  }
  if (!existsSync(logFile)) writeFileSync(logFile, '');
  if (ids) chownSync(logFile, ids.uid, ids.gid);
  if (!existsSync(path.join(layout.postgresDataDir, 'PG_VERSION'))) {
    const user = decodeURIComponent(url.username) || 'postgres';
    await asServerUser(path.join(binDir, 'initdb'), ['-D', layout.postgresDataDir, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-instructions']).catch(
      (err: Error) => {
        const hint = ids ? ` (it runs as the postgres user, which must be able to reach ${layout.postgresDataDir})` : '';
        throw new Error(`initdb failed${hint}: ${err.message.trim()}`);
      },
    );
  }
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${layout.postgresSocketDir}`;
  try {
    await asServerUser(path.join(binDir, 'pg_ctl'), ['-D', layout.postgresDataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
  } catch (err) {
    throw new Error(`private PostgreSQL cluster did not start: ${(err as Error).message.trim()}\n${logTail(logFile)}`, { cause: err });
  }
  const pid = Number(readFileSync(path.join(layout.postgresDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  recordPid(layout.runDir, 'postgres', pid, layout.postgresDataDir);
  return { state: 'started', ms: Date.now() - started };
}

/** Stops the private cluster if the stack started one (SIGINT is PostgreSQL's fast shutdown). */
export function stopPostgres(layout: StackLayout): Promise<boolean> {
  return stopDaemon(layout.runDir, 'postgres', 30_000, 'SIGINT');
}

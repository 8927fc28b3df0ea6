import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { sleep } from '../../platform/wait.ts';

/**
 * Long-running stack processes, tracked by pid files. Each process is started with a marker argument
 * (`-Dseam.stack.part=<part>`) so that `seam stack down` can check a pid still belongs to the stack
 * before signalling it: pids are reused, and stopping someone else's process would be a bad day.
 */
export interface DaemonSpec {
  part: string;
  /** An argument of the process's command line that identifies it as this stack part. */
  marker: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
}

interface PidFile {
  pid: number;
  startedAt: string;
  marker: string;
}

/** The marker for JVM parts: a harmless system property on the java command line. */
export const jvmMarker = (part: string): string => `-Dseam.stack.part=${part}`;

const pidFilePath = (runDir: string, part: string): string => path.join(runDir, `${part}.pid`);

/** Starts the process detached, its output appended to the log; the caller watches `exitCode` while waiting. */
export function startDaemon(runDir: string, spec: DaemonSpec): ChildProcess {
  const out = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true, // own process group: survives the CLI and can be stopped as a group
      stdio: ['ignore', out, out],
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.part}: ${spec.command} did not spawn`);
    child.unref();
    recordPid(runDir, spec.part, child.pid, spec.marker);
    return child;
  } finally {
    closeSync(out);
  }
}

/** Records a process the stack started (also for processes that daemonize themselves, like pg_ctl's). */
export function recordPid(runDir: string, part: string, pid: number, marker: string): void {
  const record: PidFile = { pid, startedAt: new Date().toISOString(), marker };
  writeFileSync(pidFilePath(runDir, part), JSON.stringify(record) + '\n');
}

export function forgetPid(runDir: string, part: string): void {
  rmSync(pidFilePath(runDir, part), { force: true });
}

function readPidFile(runDir: string, part: string): PidFile | undefined {
  const file = pidFilePath(runDir, part);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PidFile;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the pid is alive and (where /proc exists) its command line carries the stack marker. */
function belongsToStack(record: PidFile): boolean {
  if (!isAlive(record.pid)) return false;
  const cmdline = `/proc/${record.pid}/cmdline`;
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    return readFileSync(cmdline, 'utf8').split('\0').includes(record.marker);
  } catch {
    return false;
  }
}

/** The pid of the stack's running process for `part`, or undefined (a stale pid file is removed). */
export function runningPid(runDir: string, part: string): number | undefined {
  const record = readPidFile(runDir, part);
  if (!record) return undefined;
  if (belongsToStack(record)) return record.pid;
  rmSync(pidFilePath(runDir, part), { force: true });
  return undefined;
}

/** SIGTERM to the process group, SIGKILL after `graceMs`; returns whether a process was stopped. */
export async function stopDaemon(runDir: string, part: string, graceMs = 20_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<boolean> {
  const pid = runningPid(runDir, part);
  if (pid === undefined) return false;
  signalGroup(pid, signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) signalGroup(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(100);
  rmSync(pidFilePath(runDir, part), { force: true });
  return true;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** The last `lines` lines of a log file, for reporting a part that failed to start. */
export function logTail(file: string, lines = 30): string {
  if (!existsSync(file)) return '(no log written)';
  const text = readFileSync(file, 'utf8');
  return text
    .split('\n')
    .slice(-lines - 1)
    .join('\n')
    .trimEnd();
}

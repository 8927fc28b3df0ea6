import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../platform/config.ts';

const SEAM = path.join(repoRoot, 'cli', 'seam.js');

export interface SeamOptions {
  /** Working directory; the repository root (where .bpmnlintrc is) unless given. */
  cwd?: string;
  /** Merged over this process's environment; `undefined` removes a variable (a newcomer's unconfigured shell). */
  env?: Record<string, string | undefined>;
  /** Killed with SIGKILL after this long (`timedOut` says so); runSeam: 120 s unless given, startSeam: never unless given. */
  timeoutMs?: number;
}

export interface SeamExit {
  /** The exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

export interface SeamRun extends SeamExit {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
}

export interface SeamProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  output: () => string;
  exited: Promise<SeamExit>;
}

function environment(env: SeamOptions['env'] = {}): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

/** Starts `seam <args>` as a user would (`node cli/seam.js`), for a process the test stops itself. */
export function startSeam(args: string[], options: SeamOptions = {}): SeamProcess {
  const child = spawn(process.execPath, [SEAM, ...args], { cwd: options.cwd ?? repoRoot, env: environment(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => ((stdout += d), (output += d)));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => ((stderr += d), (output += d)));
  let timedOut = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs);
  const exited = new Promise<SeamExit>((resolve, reject) => {
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // 'close', not 'exit': the output streams are drained by then.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, output: () => output, exited };
}

/** Runs `seam <args>` to its end: exit code, stdout, stderr, whether it ran out of time. */
export async function runSeam(args: string[], options: SeamOptions = {}): Promise<SeamRun> {
  const run = startSeam(args, { ...options, timeoutMs: options.timeoutMs ?? 120_000 });
  const exit = await run.exited;
  return { ...exit, stdout: run.stdout(), stderr: run.stderr(), output: run.output() };
}

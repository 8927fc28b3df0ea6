import { spawn } from 'node:child_process';
import { existsSync, statSync, readdirSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { logTail } from './daemon.ts';

/** Newest modification time of any file under `dir` (skipping Maven's target folder). */
function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'target') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** True when `output` is missing or older than the Maven project that produces it. */
export function isStale(project: string, output: string): boolean {
  return !existsSync(output) || statSync(output).mtimeMs < newestSourceMtime(project);
}

/**
 * Runs `mvn -B package` in `project` unless `output` is newer than every source file.
 * Maven's output goes to `logFile`; a failure throws with its tail.
 */
export async function buildWithMaven(project: string, output: string, logFile: string, mvnArgs: string[] = []): Promise<'built' | 'fresh'> {
  if (!isStale(project, output)) return 'fresh';
  const out = openSync(logFile, 'w');
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('mvn', ['-B', '-ntp', 'package', ...mvnArgs], { cwd: project, stdio: ['ignore', out, out] });
    child.on('error', (err) => reject(new Error(`could not run Maven (mvn): ${err.message}. Install Apache Maven 3.8+ and a JDK 17+.`)));
    child.on('exit', (c) => resolve(c ?? 1));
  }).finally(() => closeSync(out));
  if (code !== 0 || !existsSync(output)) {
    throw new Error(`Maven build of ${path.basename(project)} failed (exit ${code}); see ${logFile}:\n${logTail(logFile, 25)}`);
  }
  return 'built';
}

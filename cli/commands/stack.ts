import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Command } from './index.ts';
import { CliError } from '../cli-error.ts';
import { helpOrUnknownSubcommand } from '../subcommand-help.ts';
import { loadConfigOrFail } from '../load-config.ts';
import { partNames, stackDown, stackStatus, stackUp } from '../../stack/control/stack.ts';
import { logFileOf, stackLayout } from '../../stack/control/layout.ts';
import { logTail } from '../../stack/control/daemon.ts';
import { enginePart, engineSpecs } from '../../stack/control/engines.ts';

const help = `usage: seam stack <up|down|status|logs>

  up                 start PostgreSQL (unless one answers), Kafka and the engine SEAM_ENGINE names
                     (camunda or operaton); idempotent
  down               stop the processes that \`seam stack up\` started (nothing else)
  status             which parts answer, and which the stack runs
  logs [part] [-n N] [-f]
                     the last N lines (default 50) of a part's log (postgres, kafka, engine: the
                     SEAM_ENGINE one, engine-camunda, engine-operaton, maven-engine-camunda,
                     maven-engine-operaton, maven-kafka); -f follows it`;

const seconds = (ms?: number): string => (ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`);

async function up(): Promise<number> {
  const config = loadConfigOrFail();
  const report = await stackUp(config);
  for (const part of report.parts) {
    const how =
      part.state === 'started'
        ? `started in ${seconds(part.ms)}`
        : part.state === 'running'
          ? 'already running'
          : part.state === 'external'
            ? 'already answering (not started by seam)'
            : 'FAILED';
    process.stdout.write(`${part.part.padEnd(9)} ${how.padEnd(40)} ${part.address}${part.detail && part.state !== 'failed' ? `  (${part.detail})` : ''}\n`);
    if (part.state === 'failed') process.stdout.write(`${part.detail ?? ''}\n`.replace(/^/gm, '    '));
  }
  if (report.ok) {
    const engineBase = config.engine.restUrl.replace(/\/engine-rest$/, '');
    process.stdout.write(`cockpit   ${engineBase}${engineSpecs[config.engine.kind].cockpitPath}  (user ${config.engine.user})\n`);
    process.stdout.write(`stack up in ${seconds(report.totalMs)}; logs in ${stackLayout(config.home).logDir}\n`);
    return 0;
  }
  return 1;
}

async function status(): Promise<number> {
  const config = loadConfigOrFail();
  const rows = await stackStatus(config);
  for (const row of rows) {
    const owner = row.pid ? `seam pid ${row.pid}` : row.answering ? 'not started by seam' : '';
    process.stdout.write(
      `${row.part.padEnd(9)} ${(row.answering ? 'up' : 'down').padEnd(5)} ${owner.padEnd(22)} ${row.address}${row.detail ? `  (${row.detail})` : ''}\n`,
    );
  }
  return rows.every((r) => r.answering) ? 0 : 3;
}

async function down(): Promise<number> {
  const stopped = await stackDown(loadConfigOrFail());
  process.stdout.write(stopped.length ? `stopped: ${stopped.join(', ')}\n` : 'nothing to stop: the stack started no process that is still running\n');
  return 0;
}

async function logs(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { lines: { type: 'string', short: 'n', default: '50' }, follow: { type: 'boolean', short: 'f', default: false } },
  });
  const config = loadConfigOrFail();
  const layout = stackLayout(config.home);
  // "engine" is the engine SEAM_ENGINE names; each engine keeps its own log.
  const wanted = (positionals.length ? positionals : (partNames as string[])).map((p) => (p === 'engine' ? enginePart(config.engine.kind) : p));
  const lines = Number(values.lines);
  if (!Number.isInteger(lines) || lines <= 0) throw new CliError(`-n must be a positive whole number, got "${values.lines}"`, 2);
  const files = wanted.map((p) => logFileOf(layout, p));
  for (const [i, file] of files.entries()) {
    if (!existsSync(file)) {
      if (positionals.length) throw new CliError(`no log for "${wanted[i]}" at ${file} (see \`seam stack --help\` for the parts)`);
      continue;
    }
    if (!values.follow) process.stdout.write(`==> ${wanted[i]} (${file}) <==\n${logTail(file, lines)}\n`);
  }
  if (values.follow) {
    const existing = files.filter((f) => existsSync(f));
    await new Promise<void>((resolve) => spawn('tail', ['-n', String(lines), '-F', ...existing], { stdio: 'inherit' }).on('exit', () => resolve()));
  }
  return 0;
}

export const stackCommand: Command = {
  async run(args) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'up':
        return up();
      case 'down':
        return down();
      case 'status':
        return status();
      case 'logs':
        return logs(rest);
      default:
        return helpOrUnknownSubcommand(sub, help);
    }
  },
};

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../platform/config.ts';
import { discoverModels } from '../modeling/lint/discover-models.ts';
import { fmt, quantile } from './bench/stats.ts';

/**
 * `npm run bench:cli`: what a user waits for. The compiled `seam --help` against `node -e 0` (the floor
 * of any Node CLI), and `seam lint` on the project's models against the `bpmnlint` CLI with
 * `bpmnlint:recommended` on the same files. The two commands of a pair run in turn, A B A B, and the
 * ratio is taken pair by pair, so a machine whose speed drifts (it is shared) moves both alike.
 * Builds dist/ first. Last line: the figures as JSON.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const seam = path.join(repoRoot, 'dist', 'seam.js');
const bpmnlint = path.join(repoRoot, 'node_modules', '.bin', 'bpmnlint');

/** CPU seconds of every child this process has waited for (utime + stime of reaped children). */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime (fields 16, 17), in USER_HZ ticks
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function run(command: string, args: string[]): Sample {
  const cpu = childCpuSeconds();
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { wallMs, cpuMs: (childCpuSeconds() - cpu) * 1000 };
}

interface Comparison {
  a: Sample[];
  b: Sample[];
  wallRatio: number;
  cpuRatio: number;
}

function compare(a: [string, string[]], b: [string, string[]]): Comparison {
  run(...a);
  run(...b); // warm the file cache for both
  const samples = { a: [] as Sample[], b: [] as Sample[] };
  for (let i = 0; i < RUNS; i++) {
    samples.a.push(run(...a));
    samples.b.push(run(...b));
  }
  const ratios = (key: keyof Sample) => samples.a.map((s, i) => s[key] / Math.max(samples.b[i]![key], 1e-9));
  return { ...samples, wallRatio: quantile(ratios('wallMs'), 0.5), cpuRatio: quantile(ratios('cpuMs'), 0.5) };
}

const median = (samples: Sample[], key: keyof Sample) =>
  quantile(
    samples.map((s) => s[key]),
    0.5,
  );

const build = spawnSync('node', ['--import', 'tsx', path.join(repoRoot, 'scripts', 'build-cli.ts')], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const models = (await discoverModels([], repoRoot)).map((file) => path.relative(repoRoot, file));
const rcDir = mkdtempSync(path.join(tmpdir(), 'seam-bench-cli-'));
const rc = path.join(rcDir, '.bpmnlintrc');
writeFileSync(rc, JSON.stringify({ extends: 'bpmnlint:recommended' }));

try {
  const help = compare(['node', [seam, '--help']], ['node', ['-e', '0']]);
  const lint = compare(['node', [seam, 'lint', ...models]], [bpmnlint, ['-c', rc, ...models]]);

  const row = (label: string, c: Comparison, target: number) =>
    `| ${label} | ${fmt(median(c.a, 'wallMs'), 0)} ms | ${fmt(median(c.b, 'wallMs'), 0)} ms | ${fmt(c.wallRatio, 2)}× | ${fmt(c.cpuRatio, 2)}× | ≤ ${target}× ${c.wallRatio <= target ? 'met' : 'MISSED'} |`;
  process.stdout.write(`seam CLI benchmark (Node ${process.version}, ${RUNS} runs each, A and B in turn; medians; ratios pair by pair)\n\n`);
  process.stdout.write('| command (A) vs (B) | A | B | A/B wall | A/B cpu | target (wall) |\n| --- | ---: | ---: | ---: | ---: | --- |\n');
  process.stdout.write(row('`seam --help` vs `node -e 0`', help, 3) + '\n');
  process.stdout.write(row(`\`seam lint\` vs \`bpmnlint\` (recommended), ${models.length} models`, lint, 1.5) + '\n\n');
  process.stdout.write(
    JSON.stringify({
      bench: 'cli',
      node: process.version,
      runs: RUNS,
      helpMs: median(help.a, 'wallMs'),
      nodeMs: median(help.b, 'wallMs'),
      helpRatio: help.wallRatio,
      helpCpuRatio: help.cpuRatio,
      lintMs: median(lint.a, 'wallMs'),
      bpmnlintMs: median(lint.b, 'wallMs'),
      lintRatio: lint.wallRatio,
      lintCpuRatio: lint.cpuRatio,
      models: models.length,
    }) + '\n',
  );
} finally {
  rmSync(rcDir, { recursive: true, force: true });
}

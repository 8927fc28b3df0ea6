import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../platform/config.ts';

const exec = promisify(execFile);

// The compiled `seam` (what the package's bin runs), built by the same script `npm ci` runs, into a
// folder of its own so this test never races a developer's dist/.
const outdir = mkdtempSync(path.join(tmpdir(), 'seam-dist-'));
const seam = path.join(outdir, 'seam.js');

// Records every module the process resolves through ESM, so a test can see what `--help` loaded.
const tracer = path.join(outdir, 'trace-imports.mjs');
const traceHooks = `data:text/javascript,${encodeURIComponent(
  'export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write("LOADED " + r.url + "\\n"); return r; }',
)}`;

beforeAll(async () => {
  await exec('node', ['--import', 'tsx', path.join(repoRoot, 'scripts/build-cli.ts'), '--outdir', outdir], { cwd: repoRoot });
  writeFileSync(tracer, `import { register } from 'node:module';\nregister(${JSON.stringify(traceHooks)});\n`);
}, 60_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const packagesOf = (stderr: string): Set<string> => new Set([...stderr.matchAll(/^LOADED .*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]!));

describe('the compiled seam CLI', () => {
  it('prints its help without loading any subcommand dependency', async () => {
    const { stdout, stderr } = await exec('node', ['--import', tracer, seam, '--help'], { cwd: tmpdir() });
    expect(stdout).toContain('usage: seam <command>');
    expect(stdout).toMatch(/^ {2}lint {7}/m);
    expect(stderr).toMatch(/^LOADED file:.*\/seam\.js$/m); // the tracer did run
    expect([...packagesOf(stderr)]).toEqual([]);
  });

  it('loads only what its subcommand needs: `lint --help` loads no Kafka, PostgreSQL or MikroORM', async () => {
    const { stdout, stderr } = await exec('node', ['--import', tracer, seam, 'lint', '--help'], { cwd: tmpdir() });
    expect(stdout).toContain('usage: seam lint');
    const loaded = packagesOf(stderr);
    for (const heavy of ['kafkajs', 'pg', '@mikro-orm/core', '@mikro-orm/postgresql', 'camunda-external-task-client-js', 'pino']) {
      expect(loaded.has(heavy), heavy).toBe(false);
    }
  });

  it('lints the project models', async () => {
    const { stdout } = await exec('node', [seam, 'lint'], { cwd: repoRoot });
    expect(stdout).toContain('3 model(s), no problems');
  });

  it('resolves paths as from source: the repository root and the application mapping file', async () => {
    // The chunks that define them; bundled code that used import.meta.url as is would point into the build folder.
    const chunkDefining = (text: string) => readdirSync(outdir).find((f) => f.endsWith('.js') && readFileSync(path.join(outdir, f), 'utf8').includes(text))!;
    const config = (await import(path.join(outdir, chunkDefining('var repoRoot')))) as { repoRoot: string };
    const app = (await import(path.join(outdir, chunkDefining('mappings.yaml"),')))) as { application: { mappingFile: string } };
    expect(config.repoRoot).toBe(repoRoot);
    expect(app.application.mappingFile).toBe(path.join(repoRoot, 'apps/regulatory-case/mappings.yaml'));
    expect(existsSync(app.application.mappingFile)).toBe(true);
  });
});

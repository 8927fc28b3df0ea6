import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { buildModelerBundle } from '../../modeling/lint/modeler-bundle.ts';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const { BpmnModdle } = require('bpmn-moddle');
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
const run = promisify(execFile);

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
// A project with processes/claimCase/{v1,v2}.bpmn and a contract: v2 is the latest version.
const project = path.join(here, 'cli/fixtures');
const configPath = path.join(root, '.bpmnlintrc');

type Registration = { plugin: { config: unknown; resolver: unknown }; type: string };
type Report = { id: string; message: string; meta?: { documentation?: { url?: string } } };

let work: string;
let outDir: string;
let registered: Registration[];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'seam-bundle-test-'));
  outDir = path.join(work, 'default');
  await buildModelerBundle({ projectDir: project, configPath, outDir });
  registered = await loadClient(outDir);
}, 60_000);

afterAll(() => rm(work, { recursive: true, force: true }));

/** Runs the client script as the Modeler's renderer does: a browser global scope, no require. */
async function loadClient(dir: string): Promise<Registration[]> {
  const window: { plugins?: Registration[] } = {};
  vm.runInNewContext(await readFile(path.join(dir, 'client/client.js'), 'utf8'), { window, console, URL });
  return window.plugins ?? [];
}

/** What bpmn-js-bpmnlint does with a `lintRules.bpmn` plugin: a Linter on the packed config and resolver, fed the definitions. */
async function lintInModeler(file: string, plugins = registered) {
  const { rootElement } = await new BpmnModdle({ camunda }).fromXML(await readFile(path.join(project, file), 'utf8'));
  const linter = new Linter(plugins[0]!.plugin);
  return (await linter.lint(rootElement)) as Record<string, Report[]>;
}

async function fileHashes(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    hashes[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return hashes;
}

describe('Camunda Modeler bundle', () => {
  it('is a plugin folder that registers the packed config as lintRules.bpmn', async () => {
    const entry = require(path.join(outDir, 'index.js'));
    expect(entry.script).toBe('./client/client.js');
    expect(registered.map((r) => r.type)).toEqual(['lintRules.bpmn']);
  });

  it('lints the latest version with the same rules as seam lint, cross-version ones included', async () => {
    const results = await lintInModeler('processes/claimCase/v2.bpmn');
    const ids = (rule: string) => (results[rule] ?? []).map((report) => report.id);
    expect(ids('seam/message-rename')).toEqual(['WaitPayment']);
    expect(ids('seam/removed-catch-event')).toEqual(['claimCase']);
    expect(ids('seam/signal-misuse')).toEqual(['ClaimApproved']);
    expect(ids('seam/error-catch-all')).toEqual(['AnyBankError']);
    expect(ids('seam/contract-agreement')).toContain('claimCase');
  });

  it('reports nothing for a model that follows every rule', async () => {
    // The packed baseline is v1's own summary (the version before the latest), so nothing changed.
    expect(await lintInModeler('processes/claimCase/v1.bpmn')).toEqual({});
  });

  it('packs the project context once, not once per context rule', async () => {
    const client = await readFile(path.join(outDir, 'client/client.js'), 'utf8');
    // A contract term written once in the fixture project's contract; six context rules read it.
    expect(client.split('store as late payment and open manual review').length - 1).toBe(1);
  });

  it("links each Seam rule's documentation absolutely, under a configurable base URL", async () => {
    const reportUrl = (results: Record<string, Report[]>, rule: string) => results[rule]?.[0]?.meta?.documentation?.url;
    const byDefault = await lintInModeler('processes/claimCase/v2.bpmn');
    expect(reportUrl(byDefault, 'seam/message-rename')).toBe('https://github.com/seam-dev/seam/blob/main/docs/rules/message-rename.md');

    const custom = path.join(work, 'custom-docs');
    await buildModelerBundle({ projectDir: project, configPath, outDir: custom, docsBaseUrl: 'https://docs.example.test/seam' });
    const results = await lintInModeler('processes/claimCase/v2.bpmn', await loadClient(custom));
    expect(reportUrl(results, 'seam/signal-misuse')).toBe('https://docs.example.test/seam/docs/rules/signal-misuse.md');
    // bpmnlint's own rules already link absolutely and keep their links.
    const bpmnlintUrls = Object.entries(results)
      .filter(([rule]) => rule.startsWith('bpmnlint/'))
      .map(([, reports]) => reports[0]?.meta?.documentation?.url);
    for (const url of bpmnlintUrls) expect(url).toMatch(/^https:\/\/github\.com\/bpmn-io\/bpmnlint\//);

    await expect(buildModelerBundle({ projectDir: project, configPath, outDir: custom, docsBaseUrl: 'docs/' })).rejects.toThrow(/http/);
  });

  it('builds byte-for-byte the same files twice, with no build paths in them', async () => {
    const second = path.join(work, 'second-build');
    await buildModelerBundle({ projectDir: project, configPath, outDir: second });
    const [first, again] = [await fileHashes(outDir), await fileHashes(second)];
    expect(Object.keys(first).sort()).toEqual(['client/client.js', 'index.js', 'package.json']);
    expect(again).toEqual(first);
    const client = await readFile(path.join(second, 'client/client.js'), 'utf8');
    for (const absolute of [work, os.tmpdir(), root]) expect(client).not.toContain(absolute);
  });

  it('loads when the plugin folder is linked from inside an ESM project, as when copied', async () => {
    // The Modeler requires plugins/*/index.js; Node resolves a link to the real folder and reads
    // the nearest package.json, here an ESM project's, unless the plugin folder has its own.
    const esmProject = path.join(work, 'esm-project');
    const built = path.join(esmProject, 'dist', 'camunda-modeler-plugin');
    await mkdir(esmProject, { recursive: true });
    await writeFile(path.join(esmProject, 'package.json'), '{ "type": "module" }\n');
    await buildModelerBundle({ projectDir: project, configPath, outDir: built });
    const plugins = path.join(work, 'modeler', 'resources', 'plugins');
    await mkdir(plugins, { recursive: true });
    await symlink(built, path.join(plugins, 'seam'), 'dir');

    const requirePlugin = () =>
      run(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(require(process.argv[1])))', path.join(plugins, 'seam', 'index.js')]);
    expect(JSON.parse((await requirePlugin()).stdout)).toEqual({ name: 'Seam event-contract lint rules', script: './client/client.js' });

    // Without the folder's own package.json, index.js is loaded as ESM: Node 20.19+ hands back an
    // empty module namespace (older ones throw), and the Modeler skips a descriptor with no name.
    await unlink(path.join(built, 'package.json'));
    const withoutOwnPackage = await requirePlugin().then(
      ({ stdout }) => JSON.parse(stdout) as { name?: string },
      () => null,
    );
    expect(withoutOwnPackage?.name).toBeUndefined();
  });
});

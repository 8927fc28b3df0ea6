import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { buildModelerBundle } from '../../modeling/lint/modeler-bundle.ts';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const { BpmnModdle } = require('bpmn-moddle');
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
// A project with processes/claimCase/{v1,v2}.bpmn and a contract: v2 is the latest version.
const project = path.join(here, 'cli/fixtures');

let outDir: string;
let registered: Array<{ plugin: { config: unknown; resolver: unknown }; type: string }>;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'seam-bundle-test-'));
  await buildModelerBundle({ projectDir: project, configPath: path.join(root, '.bpmnlintrc'), outDir });
  // Run the client script as the Modeler's renderer does: a browser global scope, no require.
  const window: { plugins?: typeof registered } = {};
  vm.runInNewContext(await readFile(path.join(outDir, 'client/client.js'), 'utf8'), { window, console });
  registered = window.plugins ?? [];
}, 60_000);

afterAll(() => rm(outDir, { recursive: true, force: true }));

/** What bpmn-js-bpmnlint does with a `lintRules.bpmn` plugin: a Linter on the packed config and resolver, fed the definitions. */
async function lintInModeler(file: string) {
  const { rootElement } = await new BpmnModdle({ camunda }).fromXML(await readFile(path.join(project, file), 'utf8'));
  const linter = new Linter(registered[0]!.plugin);
  return (await linter.lint(rootElement)) as Record<string, Array<{ id: string; message: string }>>;
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
});

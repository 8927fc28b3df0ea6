import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { buildModelerBundle } from '../../modeling/lint/modeler-bundle.ts';

/**
 * `seam.lint.disable` works in the Camunda Modeler with nothing but the bundle: the plugin's rules
 * drop the reports it lists, so the packed rules do too.
 */

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const { BpmnModdle } = require('bpmn-moddle');
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');

const project = path.join(import.meta.dirname, 'cli/fixtures');
let outDir: string;
let plugin: { config: unknown; resolver: unknown };

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'seam-bundle-suppression-'));
  await buildModelerBundle({ projectDir: project, configPath: path.join(project, 'seam-only.bpmnlintrc'), outDir });
  const window: { plugins?: Array<{ plugin: typeof plugin }> } = {};
  vm.runInNewContext(await readFile(path.join(outDir, 'client/client.js'), 'utf8'), { window, console, URL });
  plugin = window.plugins![0]!.plugin;
}, 60_000);

afterAll(() => rm(outDir, { recursive: true, force: true }));

async function lintInModeler(xml: string): Promise<Record<string, Array<{ id: string }>>> {
  const { rootElement } = await new BpmnModdle({ camunda }).fromXML(xml);
  return new Linter(plugin).lint(rootElement);
}

test('the bundled rules honour element and file-level seam.lint.disable', async () => {
  const xml = await readFile(path.join(project, 'suppressed/review.bpmn'), 'utf8');
  expect(await lintInModeler(xml)).toEqual({});

  // The same model without the properties: both findings come back.
  const unsuppressed = xml.replace(/<camunda:property name="seam\.lint\.disable" value="[^"]*" \/>/g, '');
  const results = await lintInModeler(unsuppressed);
  expect(results['seam/message-name-hygiene']!.map((report) => report.id)).toEqual(['WaitCallback']);
  expect(results['seam/timer-reminder-cap']!.map((report) => report.id)).toEqual(['Remind']);
});

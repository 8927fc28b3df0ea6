import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { buildModelerBundle } from '../../modeling/lint/modeler-bundle.ts';
import { launchChromium, type Chromium } from './support/chromium.ts';
import { discoverModelerPlugins } from './support/modeler-plugins.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';

// Seam's Modeler plugin, built from this repository's processes/, in headless Chromium: linted as
// the Camunda Desktop Modeler lints (@camunda/linting) and as bpmn-js-bpmnlint does.

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const output = path.join(here, 'output');
const pluginsDir = path.join(output, 'modeler', 'resources', 'plugins');
const model = (file: string) => readFile(path.join(root, file), 'utf8');

interface Report {
  id: string;
  rule: string;
  category: string;
  message: string;
  url?: string;
}
interface LintResult {
  ms: number;
  reports: Report[];
}
type Via = 'camunda-linting' | 'bpmn-js-bpmnlint';

let chromium: Chromium;
let server: PageServer;
const pageErrors: string[] = [];
const timings: Array<{ via: Via; model: string; ms: number[] }> = [];

beforeAll(async () => {
  await rm(output, { recursive: true, force: true });
  const built = path.join(output, 'camunda-modeler-plugin');
  await buildModelerBundle({ projectDir: root, outDir: built });
  // Installed as a modeler links it: resources/plugins/seam -> the built folder.
  await mkdir(pluginsDir, { recursive: true });
  await symlink(built, path.join(pluginsDir, 'seam'), 'dir');
  server = await startPageServer(path.join(here, 'page', 'modeler-page.js'), { seam: path.join(pluginsDir, 'seam') });
  chromium = await launchChromium();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  await writeFile(path.join(output, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
});

async function openPage(): Promise<Page> {
  const page = await chromium.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(server.url);
  const plugins = (await discoverModelerPlugins(pluginsDir)).map(({ folder, name, script }) => ({ name, script: `/plugins/${folder}/${script}` }));
  expect(await page.evaluate((list) => window.seamPage.loadPlugins(list), plugins)).toBe(1);
  return page;
}

/** Opens a model, lints it four more times for the timing, and saves a screenshot. */
async function lintModel(page: Page, via: Via, name: string, xml: string, change?: { renameMessageOf: string; to: string }): Promise<LintResult> {
  let result = await page.evaluate(([via, xml, name]) => window.seamPage.open(via as Via, xml, name), [via, xml, name] as const);
  if (change) result = await page.evaluate(([id, to]) => window.seamPage.renameMessage(id, to), [change.renameMessageOf, change.to] as const);
  const ms = [result.ms];
  for (let i = 0; i < 4; i++) ms.push((await page.evaluate(() => window.seamPage.lint())).ms);
  timings.push({ via, model: name, ms: ms.map((value) => Math.round(value * 10) / 10) });
  await page.screenshot({ path: path.join(output, `${via}-${name}.png`) });
  return result;
}

const seamFindings = (result: LintResult) =>
  result.reports
    .filter((report) => report.rule.startsWith('seam/'))
    .map(({ rule, id }) => `${rule} ${id}`)
    .sort();
const overlays = (page: Page) => page.evaluate(() => window.seamPage.overlaysShown());

describe.each<Via>(['camunda-linting', 'bpmn-js-bpmnlint'])('Seam Modeler plugin linted through %s', (via) => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage();
  });
  afterAll(() => page?.close());

  it('flags a signal used as a case callback on its catch event', async () => {
    const result = await lintModel(page, via, 'signal-callback', await model('test/browser/fixtures/signal-callback.bpmn'));
    expect(seamFindings(result)).toEqual(['seam/signal-misuse WaitPaymentReceived']);
    const finding = result.reports.find((report) => report.rule === 'seam/signal-misuse')!;
    expect(finding.message).toContain('signal "PaymentReceived"');
    expect(finding.url).toBe('https://github.com/seam-dev/seam/blob/main/docs/rules/signal-misuse.md');
    expect(await overlays(page)).toContain('WaitPaymentReceived');
  });

  it('flags a message renamed in the editor against the embedded previous version', async () => {
    const v2 = await model('processes/regulatory-case-lifecycle/v2.bpmn');
    const result = await lintModel(page, via, 'message-rename', v2, { renameMessageOf: 'WaitForEvidence', to: 'MSG_EVIDENCE_UPLOADED' });
    expect(seamFindings(result)).toContain('seam/message-rename WaitForEvidence');
    expect(result.reports.find((report) => report.rule === 'seam/message-rename')!.message).toContain('"MSG_EVIDENCE_SUBMITTED"');
    expect(await overlays(page)).toContain('WaitForEvidence');
  });

  it('shows nothing for the latest version of a process as committed', async () => {
    const result = await lintModel(page, via, 'clean', await model('processes/regulatory-case-lifecycle/v2.bpmn'));
    expect(result.reports).toEqual([]);
    expect(await overlays(page)).toEqual([]);
  });
});

describe('a model without modeler:executionPlatform', () => {
  it('gets no findings at all from @camunda/linting, while bpmn-js-bpmnlint still reports them', async () => {
    const page = await openPage();
    const xml = (await model('test/browser/fixtures/signal-callback.bpmn')).replace(/ modeler:executionPlatform(Version)?="[^"]*"/g, '');
    const open = (via: Via) => page.evaluate(([via, xml]) => window.seamPage.open(via as Via, xml, 'no-platform'), [via, xml] as const);
    expect((await open('camunda-linting')).reports).toEqual([]);
    expect(seamFindings(await open('bpmn-js-bpmnlint'))).toContain('seam/signal-misuse WaitPaymentReceived');
    await page.close();
  });
});

describe('the page', () => {
  it('raised no errors and sent no request beyond 127.0.0.1', () => {
    expect(pageErrors).toEqual([]);
    expect(chromium.outsideRequests).toEqual([]);
  });
});

declare global {
  interface Window {
    seamPage: {
      loadPlugins(plugins: Array<{ name: string; script: string }>): Promise<number>;
      open(via: Via, xml: string, title: string): Promise<LintResult>;
      lint(): Promise<LintResult>;
      renameMessage(elementId: string, name: string): Promise<LintResult>;
      overlaysShown(): string[];
    };
  }
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { runSeam } from '../../support/run-seam.ts';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const fixtures = path.relative(root, path.join(here, 'fixtures'));

interface Finding {
  file: string;
  rule: string;
  elementId: string | null;
  message: string;
  category: string;
  line: number | null;
  suppressedBy?: string;
}

/** Runs `seam lint` as a user would, from the project root. */
const seamLint = (...args: string[]) => runSeam(['lint', ...args], { cwd: root });

async function lintJson(...args: string[]) {
  const result = await seamLint(...args, '--format', 'json');
  return { ...result, findings: JSON.parse(result.stdout) as Finding[] };
}

const claim = `${fixtures}/processes/claimCase`;

describe('seam lint', { timeout: 60_000 }, () => {
  it('passes a model that follows every rule', async () => {
    const { code, findings } = await lintJson(`${claim}/v1.bpmn`);
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('flags the event-design mistakes of a new version, against the previous one, and exits 1', async () => {
    const { code, findings } = await lintJson(claim);
    expect(code).toBe(1);
    const at = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.elementId);
    expect(at('seam/signal-misuse')).toEqual(['ClaimApproved']);
    expect(at('seam/message-name-hygiene')).toEqual(['WaitBank']);
    expect(at('seam/timer-cycle-bounded')).toEqual(['ReviewReminder']);
    expect(at('seam/error-technical-code')).toEqual(['BankTimeout']);
    expect(at('seam/error-catch-all')).toEqual(['AnyBankError']);
    expect(at('seam/message-rename')).toEqual(['WaitPayment']);
    expect(at('seam/removed-catch-event')).toEqual(['claimCase']);
    expect(findings.every((f) => f.file === `${claim}/v2.bpmn`)).toBe(true);
  });

  it('prints JSON entries of { file, rule, elementId, message, category } with a line where known', async () => {
    const { findings } = await lintJson(claim);
    for (const finding of findings) {
      expect(Object.keys(finding).sort()).toEqual(['category', 'elementId', 'file', 'line', 'message', 'rule']);
      expect(['error', 'warn', 'info']).toContain(finding.category);
      expect(finding.message.length).toBeGreaterThan(10);
    }
    const rename = findings.find((f) => f.rule === 'seam/message-rename')!;
    const v2 = readFileSync(path.join(root, claim, 'v2.bpmn'), 'utf8').split('\n');
    expect(v2[rename.line! - 1]).toContain('id="WaitPayment"');
  });

  it('reports a malformed file with the parser reason and line, and still lints the others', async () => {
    const { code, findings } = await lintJson(`${fixtures}/broken/not-well-formed.bpmn`, `${claim}/v2.bpmn`);
    expect(code).toBe(1);
    const broken = findings.filter((f) => f.file.endsWith('not-well-formed.bpmn'));
    expect(broken).toEqual([
      {
        file: `${fixtures}/broken/not-well-formed.bpmn`,
        rule: 'bpmn-parse',
        elementId: null,
        message: expect.stringContaining('closing tag mismatch'),
        category: 'error',
        line: 5,
      },
    ]);
    expect(findings.some((f) => f.file.endsWith('v2.bpmn') && f.rule === 'seam/signal-misuse')).toBe(true);
  });

  it('writes SARIF 2.1.0 with one result per finding', async () => {
    const json = await lintJson(claim);
    const { stdout } = await seamLint(claim, '--format', 'sarif');
    const sarif = JSON.parse(stdout);
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(here, 'sarif-2.1.0-required.schema.json'), 'utf8')));
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(json.findings.length);
    const ruleIds = sarif.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id);
    for (const result of results) expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
    const catchAll = results.find((r: { ruleId: string }) => r.ruleId === 'seam/error-catch-all');
    expect(catchAll.level).toBe('error');
    expect(catchAll.locations[0].logicalLocations[0].name).toBe('AnyBankError');
    expect(catchAll.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
  });

  it('compares with an explicit --baseline file instead of the previous version', async () => {
    const { findings } = await lintJson(`${claim}/v2.bpmn`, '--baseline', `${claim}/v2.bpmn`);
    expect(findings.filter((f) => ['seam/message-rename', 'seam/removed-catch-event'].includes(f.rule))).toEqual([]);
    const missing = await seamLint(`${claim}/v2.bpmn`, '--baseline', `${fixtures}/nope.bpmn`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read baseline');
  });

  it('fails on more warnings than --max-warnings', async () => {
    const file = `${fixtures}/warnings/unused-message.bpmn`;
    const relaxed = await lintJson(file);
    expect(relaxed.code).toBe(0);
    expect(relaxed.findings.map((f) => [f.rule, f.category])).toEqual([['global', 'warn']]);
    const strict = await seamLint(file, '--max-warnings', '0');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('more than --max-warnings 0');
  });

  it('reports every bad field of a contract file with its path', async () => {
    const { code, findings } = await lintJson(`${fixtures}/bad-contract/claim.bpmn`);
    expect(code).toBe(1);
    const messages = findings.filter((f) => f.rule === 'seam/contract-file').map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('events.0.correlation.businessKey'),
        expect.stringContaining('events.0.idempotencyKey'),
        expect.stringContaining('events.1.broadcast'),
        expect.stringContaining('events.2.kind'),
      ]),
    );
  });

  it('prints a table by default and refuses unknown formats', async () => {
    const table = await seamLint(claim);
    expect(table.stdout).toContain(`${claim}/v2.bpmn`);
    expect(table.stdout).toMatch(/✖ \d+ problem\(s\)/);
    const bad = await seamLint(claim, '--format', 'xml');
    expect(bad.code).toBe(2);
  });

  describe('on models nobody here wrote', () => {
    it('lints a process without an id, finds *.bpmn20.xml in folders and never aborts', async () => {
      const { code, findings, stderr } = await lintJson(`${fixtures}/inputs`, '--config', `${fixtures}/seam-only.bpmnlintrc`);
      expect(stderr).toBe('');
      expect(findings.filter((f) => f.file.endsWith('no-id.bpmn'))).toEqual([]);
      const classic = findings.filter((f) => f.file.endsWith('order.bpmn20.xml'));
      expect(classic.map((f) => [f.rule, f.elementId, f.category])).toEqual([['seam/message-ref-required', 'WaitPayment', 'error']]);
      expect(code).toBe(1);
    });

    it('reads a UTF-16 model in the encoding it declares', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'seam-lint-utf16-'));
      const xml = readFileSync(path.join(root, fixtures, 'inputs/classic/order.bpmn20.xml'), 'utf8').replace('encoding="UTF-8"', 'encoding="UTF-16"');
      writeFileSync(path.join(dir, 'order.bpmn'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
      const { findings } = await lintJson(path.join(dir, 'order.bpmn'), '--config', `${fixtures}/seam-only.bpmnlintrc`);
      expect(findings.map((f) => [f.rule, f.elementId, f.line])).toEqual([['seam/message-ref-required', 'WaitPayment', 5]]);
    });

    it('reports a rule that throws as rule-error with its name, exit 3, and as a SARIF tool notification', async () => {
      const args = [`${fixtures}/inputs/classic/order.bpmn20.xml`, '--config', `${fixtures}/crashing.bpmnlintrc`];
      const { code, findings } = await lintJson(...args);
      expect(code).toBe(3);
      const failed = findings.filter((f) => f.category === 'rule-error').map((f) => [f.rule, f.message]);
      expect(failed).toEqual(
        expect.arrayContaining([
          ['seam/error-technical-code', expect.stringContaining('Rule seam/error-technical-code failed on this model')],
          ['seam/message-name-hygiene', expect.stringContaining('Rule seam/message-name-hygiene failed on this model')],
        ]),
      );
      expect(failed).toHaveLength(2);
      // The rule that works still reports.
      expect(findings.filter((f) => f.rule === 'seam/message-ref-required').map((f) => f.elementId)).toEqual(['WaitPayment']);

      const sarif = JSON.parse((await seamLint(...args, '--format', 'sarif')).stdout);
      const invocation = sarif.runs[0].invocations[0];
      expect(invocation.executionSuccessful).toBe(false);
      expect(invocation.toolExecutionNotifications.map((n: { descriptor: { id: string } }) => n.descriptor.id).sort()).toEqual([
        'seam/error-technical-code',
        'seam/message-name-hygiene',
      ]);
      expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['seam/message-ref-required']);
      const table = await seamLint(...args);
      expect(table.stdout).toMatch(/rule-error\s+Rule seam\/error-technical-code failed/);
      expect(table.stdout).toContain('2 rule failure(s)');
    });
  });

  describe('seam.lint.disable', () => {
    const file = `${fixtures}/suppressed/review.bpmn`;
    const args = [file, '--config', `${fixtures}/seam-only.bpmnlintrc`];

    it('lists suppressed findings as suppressed in JSON and does not count them', async () => {
      const { code, findings } = await lintJson(...args, '--max-warnings', '0');
      expect(findings.map((f) => [f.rule, f.elementId, f.suppressedBy])).toEqual([
        ['seam/timer-reminder-cap', 'Remind', 'file'],
        ['seam/message-name-hygiene', 'WaitCallback', 'WaitCallback'],
      ]);
      expect(code).toBe(0);
    });

    it('shows them in the table and as SARIF suppressions', async () => {
      const table = await seamLint(...args);
      expect(table.stdout).toContain('(suppressed by seam.lint.disable on WaitCallback)');
      expect(table.stdout).toContain('(suppressed by seam.lint.disable on the file)');
      expect(table.stdout).toContain('no problems, 2 suppressed');
      const sarif = JSON.parse((await seamLint(...args, '--format', 'sarif')).stdout);
      const ajv = new Ajv({ allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(JSON.parse(readFileSync(path.join(here, 'sarif-2.1.0-required.schema.json'), 'utf8')));
      expect(validate(sarif) ? [] : validate.errors).toEqual([]);
      const suppressions = sarif.runs[0].results.map((r: { suppressions?: Array<{ kind: string }> }) => r.suppressions?.[0]?.kind);
      expect(suppressions).toEqual(['inSource', 'inSource']);
    });
  });
});

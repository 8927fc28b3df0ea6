import { readFileSync } from 'node:fs';
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
});

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintFiles } from '../../modeling/lint/lint-files.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const caseProcess = path.join(root, 'processes/regulatory-case-lifecycle');

const contractFindings = (report: Awaited<ReturnType<typeof lintFiles>>, file: string) =>
  report.findings.filter((f) => f.rule === 'seam/contract-agreement' && f.file.endsWith(file)).map((f) => f.message);

describe('lintFiles: which version the event contract is checked against', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'seam-contract-'));
    for (const name of ['v1.bpmn', 'v2.bpmn', 'contract.yaml']) cpSync(path.join(caseProcess, name), path.join(dir, name));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the latest version to contract.yaml and leaves the frozen older version alone', async () => {
    // The contract lists the appeal message that only v2 has.
    const report = await lintFiles({ cwd: root, paths: [dir] });
    expect(contractFindings(report, 'v2.bpmn')).toEqual([]);
    expect(contractFindings(report, 'v1.bpmn')).toEqual([]);
  });

  it('checks v1 against the contract while v1 is the latest version', async () => {
    rmSync(path.join(dir, 'v2.bpmn'));
    const report = await lintFiles({ cwd: root, paths: [dir] });
    expect(contractFindings(report, 'v1.bpmn')).toEqual([
      'The event contract of process regulatory-case-lifecycle lists message "MSG_APPEAL_FILED", but the model neither catches nor throws it; remove it from the contract or model it',
      'The event contract of process regulatory-case-lifecycle says AppealFiled catches message "MSG_APPEAL_FILED", but in the model it does not',
    ]);
  });
});

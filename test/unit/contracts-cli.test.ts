import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../platform/config.ts';
import type { ContractsReport } from '../../modeling/contracts/report.ts';
import { runSeam } from '../support/run-seam.ts';

const exec = promisify(execFile);

/** Runs `seam contracts` as a user would. */
const contracts = (cwd: string, ...args: string[]) => runSeam(['contracts', ...args], { cwd });

describe('seam contracts on the real processes', () => {
  it('reports v1 → v2 of the case lifecycle: the appeal message added, nothing breaking', async () => {
    const { code, stdout } = await contracts(repoRoot, 'processes/regulatory-case-lifecycle', '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ContractsReport;
    const [lifecycle] = report.processes;
    expect(lifecycle).toMatchObject({ processKey: 'regulatory-case-lifecycle', from: { label: 'v1' }, to: { label: 'v2' }, breakingCount: 0 });
    expect(lifecycle!.changes).toEqual([
      expect.objectContaining({ type: 'added', kind: 'message', name: 'MSG_APPEAL_FILED', elementId: 'AppealFiled', breaking: false }),
    ]);
    expect(lifecycle!.events.find((e) => e.name === 'MSG_APPEAL_FILED')).toMatchObject({
      scopeKind: 'event sub-process',
      interrupting: false,
      contract: { owner: 'appeals-office' },
    });
    expect(report.breakingCount).toBe(0);
  });

  it('prints Markdown tables by default', async () => {
    const { code, stdout } = await contracts(repoRoot);
    expect(code).toBe(0);
    expect(stdout).toContain('No breaking change.');
    expect(stdout).toContain('## late-evidence-review');
    expect(stdout).toMatch(/\| added \| message `MSG_APPEAL_FILED` \| .* \| no \|/);
  });
});

describe('seam contracts between git refs', () => {
  let repo: string;
  const git = (...args: string[]) => exec('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repo }).then((r) => r.stdout.trim());
  const claim = () => path.join(repo, 'processes/claim');

  beforeAll(async () => {
    repo = mkdtempSync(path.join(tmpdir(), 'seam-contracts-git-'));
    mkdirSync(claim(), { recursive: true });
    cpSync(path.join(import.meta.dirname, 'fixtures/contracts/claim-v1.bpmn'), path.join(claim(), 'v1.bpmn'));
    cpSync(path.join(import.meta.dirname, 'fixtures/contracts/claim-contract.yaml'), path.join(claim(), 'contract.yaml'));
    await git('init', '-q');
    await git('add', '.');
    await git('commit', '-q', '-m', 'v1');
    await git('tag', 'first');
    const v1 = readFileSync(path.join(claim(), 'v1.bpmn'), 'utf8');
    writeFileSync(path.join(claim(), 'v2.bpmn'), v1.replace('name="MSG_EVIDENCE_SUBMITTED"', 'name="MSG_EVIDENCE_UPLOADED"'));
    await git('add', '.');
    await git('commit', '-q', '-m', 'v2 renames the evidence message');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('compares the latest version at each ref, read with git show', async () => {
    const { code, stdout } = await contracts(repo, '--from', 'first', '--to', 'HEAD', '--format', 'json');
    expect(code).toBe(0);
    const [claimReport] = (JSON.parse(stdout) as ContractsReport).processes;
    expect(claimReport).toMatchObject({ from: { label: 'v1 @ first' }, to: { label: 'v2 @ HEAD' }, breakingCount: 1 });
    expect(claimReport!.changes!.map((c) => [c.type, c.detail, c.breaking])).toEqual([
      ['renamed', 'message MSG_EVIDENCE_SUBMITTED → MSG_EVIDENCE_UPLOADED at WaitEvidence', true],
    ]);
  });

  it('compares a ref with the working tree when --to is left out', async () => {
    writeFileSync(path.join(claim(), 'v2.bpmn'), readFileSync(path.join(claim(), 'v1.bpmn'), 'utf8').replace('>P10D<', '>P20D<'));
    try {
      const { stdout } = await contracts(repo, '--from', 'first', '--format', 'json');
      const [claimReport] = (JSON.parse(stdout) as ContractsReport).processes;
      expect(claimReport!.to!.label).toBe('v2');
      expect(claimReport!.changes!.map((c) => [c.type, c.elementId, c.breaking])).toEqual([['changed', 'EvidenceDeadline', false]]);
    } finally {
      await git('checkout', '--', 'processes/claim/v2.bpmn');
    }
  });

  it('stops with one line for an unknown ref', async () => {
    const { code, stdout, stderr } = await contracts(repo, '--from', 'no-such-ref');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('seam contracts: unknown git ref: no-such-ref\n');
  });
});

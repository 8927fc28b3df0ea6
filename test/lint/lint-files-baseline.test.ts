import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintFiles } from '../../modeling/lint/lint-files.ts';
import { previousVersionPath } from '../../modeling/lint/baseline.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const claim = path.join(here, 'cli/fixtures/processes/claimCase');
const v1 = readFileSync(path.join(claim, 'v1.bpmn'), 'utf8');
const v2 = readFileSync(path.join(claim, 'v2.bpmn'), 'utf8');

const crossVersionRules = (report: Awaited<ReturnType<typeof lintFiles>>) =>
  report.findings.filter((f) => ['seam/message-rename', 'seam/removed-catch-event'].includes(f.rule)).map((f) => f.rule);

describe('lintFiles with the engine as baseline', () => {
  it('compares with the deployed definition the loader returns, not with the previous file', async () => {
    const asked: string[] = [];
    const deployedV2 = await lintFiles({
      cwd: root,
      paths: [path.join(claim, 'v2.bpmn')],
      baseline: { kind: 'engine' },
      loadDeployedXml: async (key) => (asked.push(key), v2),
    });
    expect(asked).toEqual(['claimCase']);
    expect(crossVersionRules(deployedV2)).toEqual([]);

    const deployedV1 = await lintFiles({ cwd: root, paths: [path.join(claim, 'v2.bpmn')], baseline: { kind: 'engine' }, loadDeployedXml: async () => v1 });
    expect(crossVersionRules(deployedV1)).toEqual(['seam/message-rename', 'seam/removed-catch-event']);
  });

  it('skips cross-version checks for a process that was never deployed', async () => {
    const report = await lintFiles({ cwd: root, paths: [path.join(claim, 'v2.bpmn')], baseline: { kind: 'engine' }, loadDeployedXml: async () => null });
    expect(crossVersionRules(report)).toEqual([]);
    expect(report.errorCount).toBeGreaterThan(0);
  });
});

describe('previousVersionPath', () => {
  it('finds v(N-1) beside vN and nothing for v1 or unversioned names', () => {
    expect(previousVersionPath('processes/claim/v3.bpmn')).toBe(path.join('processes/claim', 'v2.bpmn'));
    expect(previousVersionPath('processes/claim/v1.bpmn')).toBeNull();
    expect(previousVersionPath('processes/claim/claim.bpmn')).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintFiles } from '../../../modeling/lint/lint-files.ts';

/**
 * The precision check: realistic Camunda 7 models written for this folder from the patterns
 * Camunda's documentation shows (receive tasks continued through the API, Java exception class
 * names as error codes, escalations caught on the call activity, durations as timeDate, timer
 * cycles that fire once, non-executable pools, `.bpmn20.xml`), linted with
 * `plugin:seam/recommended`. Nothing may be an error, and every warning must be listed in
 * expectations.json: a new false positive fails here before it reaches a user.
 */

const here = import.meta.dirname;
const root = path.resolve(here, '../../..');
type Expected = Record<string, Array<{ rule: string; elementId: string | null }>>;
const expectations = JSON.parse(readFileSync(path.join(here, 'expectations.json'), 'utf8')) as Expected & { $comment?: string };

test('plugin:seam/recommended raises no error and only the expected warnings on realistic models', async () => {
  const report = await lintFiles({ cwd: root, paths: [path.join(here, 'models')], configPath: path.join(here, '.bpmnlintrc') });
  expect(report.files.length).toBe(7);
  expect(report.files.some((file) => file.endsWith('.bpmn20.xml'))).toBe(true);
  expect(report.findings.filter((finding) => finding.category !== 'warn')).toEqual([]);

  const found: Expected = {};
  for (const finding of report.findings) {
    (found[path.basename(finding.file)] ??= []).push({ rule: finding.rule, elementId: finding.elementId });
  }
  const { $comment: _comment, ...expected } = expectations;
  const listed = Object.fromEntries(Object.entries(expected).map(([file, entries]) => [file, entries.map(({ rule, elementId }) => ({ rule, elementId }))]));
  expect(found).toEqual(listed);
});

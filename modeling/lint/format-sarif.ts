import type { LintFinding, LintReport } from './findings.ts';

/**
 * SARIF 2.1.0, the format code-scanning views read: one run, the rules that reported something,
 * one result per finding located by file, line and (as a logical location) BPMN element id.
 * A suppressed finding is a result with an `inSource` suppression; a rule that threw is not a
 * result but a tool execution notification of a failed invocation, so a viewer shows it as the
 * tool failing rather than as a problem in the model.
 */
export function formatSarif(report: LintReport): string {
  const results = report.findings.filter((finding) => finding.category !== 'rule-error');
  const failures = report.findings.filter((finding) => finding.category === 'rule-error');
  const ruleIds = [...new Set(report.findings.map((finding) => finding.rule))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'seam-lint',
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: describeRule(id) },
              ...(id.startsWith('seam/') && id !== 'seam/contract-file' && id !== 'seam/baseline'
                ? { helpUri: `docs/rules/${id.slice('seam/'.length)}.md` }
                : {}),
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: failures.map((failure) => ({
              level: 'error',
              message: { text: failure.message },
              descriptor: { id: failure.rule, index: ruleIds.indexOf(failure.rule) },
              locations: [location(failure)],
            })),
          },
        ],
        artifacts: report.files.map((file) => ({ location: { uri: file } })),
        results: results.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIds.indexOf(finding.rule),
          level: levelOf(finding),
          message: { text: finding.message },
          locations: [location(finding)],
          ...(finding.suppressedBy === undefined
            ? {}
            : {
                suppressions: [
                  {
                    kind: 'inSource',
                    justification: `seam.lint.disable on ${finding.suppressedBy === 'file' ? 'the file (bpmn:definitions)' : finding.suppressedBy}`,
                  },
                ],
              }),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function location(finding: LintFinding) {
  return {
    physicalLocation: {
      artifactLocation: { uri: finding.file },
      ...(finding.line ? { region: { startLine: finding.line } } : {}),
    },
    ...(finding.elementId ? { logicalLocations: [{ name: finding.elementId, kind: 'element' }] } : {}),
  };
}

function levelOf(finding: LintFinding): 'error' | 'warning' | 'note' {
  if (finding.category === 'error') return 'error';
  return finding.category === 'warn' ? 'warning' : 'note';
}

function describeRule(id: string): string {
  if (id === 'bpmn-parse') return 'The file is not well-formed BPMN';
  if (id === 'bpmn-import') return 'The BPMN model has unresolved references or unknown elements';
  if (id === 'seam/contract-file') return 'An event contract or compatibility file does not match its schema';
  if (id === 'seam/baseline') return 'The previous version could not be read for cross-version checks';
  if (id === 'seam-lint') return 'seam lint itself failed on a file';
  return `bpmnlint rule ${id}`;
}

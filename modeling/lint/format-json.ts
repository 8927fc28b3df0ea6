import type { LintReport } from './findings.ts';

/** `[{ file, rule, elementId, message, category, line }]`, one entry per finding. */
export function formatJson(report: LintReport): string {
  return JSON.stringify(report.findings, null, 2) + '\n';
}

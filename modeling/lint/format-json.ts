import type { LintReport } from './findings.ts';

/**
 * `[{ file, rule, elementId, message, category, line }]`, one entry per finding; `category` is
 * `rule-error` for a rule that threw, and a suppressed finding carries `suppressedBy`.
 */
export function formatJson(report: LintReport): string {
  return JSON.stringify(report.findings, null, 2) + '\n';
}

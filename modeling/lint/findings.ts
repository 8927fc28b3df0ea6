/**
 * `error`/`warn`/`info` are what the model has; `rule-error` means a rule (or the linter) threw
 * on the model, so its findings are unknown: CI must tell that apart from a real error.
 */
export type FindingCategory = 'error' | 'warn' | 'info' | 'rule-error';

/** One problem found while linting, in the shape `seam lint --format json` prints. */
export interface LintFinding {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  /** bpmnlint rule name (`seam/<rule>` for Seam's), or `bpmn-parse` / `bpmn-import` / `seam/contract-file` / `seam/baseline`. */
  rule: string;
  elementId: string | null;
  message: string;
  category: FindingCategory;
  /** 1-based line in `file`, where known. */
  line: number | null;
  /** Present when a `seam.lint.disable` property suppresses it: the element id that lists the rule, or `file`. */
  suppressedBy?: string;
}

export interface LintReport {
  /** Every model that was linted, relative to the working directory. */
  files: string[];
  findings: LintFinding[];
  /** Errors, rule failures included: whoever gates on errors (`seam deploy`) also stops on a rule that threw. */
  errorCount: number;
  warningCount: number;
  /** Rules that threw on a model. */
  ruleErrorCount: number;
  suppressedCount: number;
}

export function summarize(files: string[], findings: LintFinding[]): LintReport {
  const active = findings.filter((finding) => finding.suppressedBy === undefined);
  return {
    files,
    findings,
    errorCount: active.filter((finding) => finding.category === 'error' || finding.category === 'rule-error').length,
    warningCount: active.filter((finding) => finding.category === 'warn').length,
    ruleErrorCount: findings.filter((finding) => finding.category === 'rule-error').length,
    suppressedCount: findings.length - active.length,
  };
}

/** `seam lint`'s exit code: 3 when a rule threw (its findings are unknown), 1 on errors, else 0. */
export function exitCodeOf(report: LintReport): 0 | 1 | 3 {
  if (report.ruleErrorCount > 0) return 3;
  return report.errorCount > 0 ? 1 : 0;
}

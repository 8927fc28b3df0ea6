/** One problem found while linting, in the shape `seam lint --format json` prints. */
export interface LintFinding {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  /** bpmnlint rule name (`seam/<rule>` for Seam's), or `bpmn-parse` / `bpmn-import` / `seam/contract-file` / `seam/baseline`. */
  rule: string;
  elementId: string | null;
  message: string;
  category: 'error' | 'warn' | 'info';
  /** 1-based line in `file`, where known. */
  line: number | null;
}

export interface LintReport {
  /** Every model that was linted, relative to the working directory. */
  files: string[];
  findings: LintFinding[];
  errorCount: number;
  warningCount: number;
}

export function summarize(files: string[], findings: LintFinding[]): LintReport {
  return {
    files,
    findings,
    errorCount: findings.filter((finding) => finding.category === 'error').length,
    warningCount: findings.filter((finding) => finding.category === 'warn').length,
  };
}

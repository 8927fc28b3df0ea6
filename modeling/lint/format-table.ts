import type { LintFinding, LintReport } from './findings.ts';

/**
 * Findings grouped by file, one aligned row each, and a closing count, like other linters print.
 * A rule that threw shows as `rule-error`; a suppressed finding as `off` with what suppressed it.
 */
export function formatTable(report: LintReport): string {
  const out: string[] = [];
  const files = [...new Set(report.findings.map((finding) => finding.file))];
  for (const file of files) {
    const rows = report.findings.filter((finding) => finding.file === file);
    out.push('', file);
    const place = rows.map((row) => (row.line ? `${row.line}` : '') + (row.elementId ? ` ${row.elementId}` : ''));
    const placeWidth = Math.max(...place.map((text) => text.length));
    const labels = rows.map(label);
    const labelWidth = Math.max(5, ...labels.map((text) => text.length));
    rows.forEach((row, index) => {
      const suppressed =
        row.suppressedBy === undefined ? '' : `  (suppressed by seam.lint.disable on ${row.suppressedBy === 'file' ? 'the file' : row.suppressedBy})`;
      out.push(`  ${place[index]!.padEnd(placeWidth)}  ${labels[index]!.padEnd(labelWidth)}  ${row.message}  ${row.rule}${suppressed}`);
    });
  }
  out.push('', summaryLine(report));
  return out.join('\n').replace(/^\n/, '') + '\n';
}

function label(row: LintFinding): string {
  return row.suppressedBy === undefined ? row.category : 'off';
}

function summaryLine(report: LintReport): string {
  const suppressed = report.suppressedCount > 0 ? `, ${report.suppressedCount} suppressed` : '';
  const crashed = report.ruleErrorCount > 0 ? `, ${report.ruleErrorCount} rule failure(s): those rules' findings are unknown` : '';
  const problems = report.errorCount + report.warningCount;
  if (problems === 0 && report.ruleErrorCount === 0) return `✔ ${report.files.length} model(s), no problems${suppressed}`;
  return `✖ ${problems} problem(s) (${report.errorCount} error(s), ${report.warningCount} warning(s)) in ${report.files.length} model(s)${crashed}${suppressed}`;
}

import type { LintReport } from './findings.ts';

/** Findings grouped by file, one aligned row each, and a closing count, like other linters print. */
export function formatTable(report: LintReport): string {
  const out: string[] = [];
  const files = [...new Set(report.findings.map((finding) => finding.file))];
  for (const file of files) {
    const rows = report.findings.filter((finding) => finding.file === file);
    out.push('', file);
    const place = rows.map((row) => (row.line ? `${row.line}` : '') + (row.elementId ? ` ${row.elementId}` : ''));
    const placeWidth = Math.max(...place.map((text) => text.length));
    rows.forEach((row, index) => {
      out.push(`  ${place[index]!.padEnd(placeWidth)}  ${row.category.padEnd(5)}  ${row.message}  ${row.rule}`);
    });
  }
  const problems = report.errorCount + report.warningCount;
  out.push(
    '',
    problems === 0
      ? `✔ ${report.files.length} model(s), no problems`
      : `✖ ${problems} problem(s) (${report.errorCount} error(s), ${report.warningCount} warning(s)) in ${report.files.length} model(s)`,
  );
  return out.join('\n').replace(/^\n/, '') + '\n';
}

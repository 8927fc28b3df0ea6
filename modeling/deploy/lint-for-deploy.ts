import type { DeployedXmlLoader } from '../lint/baseline.ts';
import { summarize, type LintReport } from '../lint/findings.ts';
import { lintFiles } from '../lint/lint-files.ts';
import type { ProcessModels } from './model-files.ts';

/**
 * Lints what deploy is about to send: each process's latest version against the definition the
 * engine runs now (so cross-version rules see what running instances see), older versions against
 * the file before them, as `seam lint` does.
 */
export async function lintForDeploy(processes: ProcessModels[], cwd: string, loadDeployedXml: DeployedXmlLoader): Promise<LintReport> {
  const latest = processes.map((process) => process.versions.at(-1)!.file);
  const older = processes.flatMap((process) => process.versions.slice(0, -1).map((model) => model.file));
  const reports = [await lintFiles({ paths: latest, cwd, baseline: { kind: 'engine' }, loadDeployedXml })];
  // lintFiles lints processes/ when given no paths; older versions are linted only when there are some.
  if (older.length > 0) reports.push(await lintFiles({ paths: older, cwd }));
  return summarize(
    reports.flatMap((report) => report.files).sort(),
    reports.flatMap((report) => report.findings),
  );
}

import path from 'node:path';
import { createLinter, type BpmnlintReport } from './bpmnlint-runtime.ts';
import { isSuperseded, loadBaselines, type BaselineSource, type DeployedXmlLoader } from './baseline.ts';
import { discoverModels } from './discover-models.ts';
import { elementLines } from './element-lines.ts';
import { summarize, type LintFinding, type LintReport } from './findings.ts';
import { loadLintSetup, rulesWithContext, type LintSetup } from './lint-config.ts';
import { loadProjectContext } from './project-context.ts';
import { RunCache } from './run-cache.ts';

const CONTRACT_AGREEMENT = 'seam/contract-agreement';

export interface LintFilesOptions {
  /** Files or directories; default: every model under `processes/`. */
  paths?: string[];
  /** Project root: where `.bpmnlintrc` and `processes/` are. Default: the process's working directory. */
  cwd?: string;
  /** Default: the previous version file beside each `vN.bpmn`. */
  baseline?: BaselineSource;
  /** Needed for `{ kind: 'engine' }` baselines. */
  loadDeployedXml?: DeployedXmlLoader;
  /** Default: `<cwd>/.bpmnlintrc`. */
  configPath?: string;
}

/**
 * Lints BPMN models with the project's `.bpmnlintrc`, giving the Seam rules each process's event
 * contract, compatibility list and previous-version summary. Every file is parsed on its own, so
 * a malformed file is one finding and the others are still linted. `seam lint` prints the result;
 * `seam deploy` gates on it.
 */
export async function lintFiles(options: LintFilesOptions = {}): Promise<LintReport> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const files = await discoverModels(options.paths ?? [], cwd);
  const setup = await loadLintSetup(cwd, options.configPath);
  const findings: LintFinding[] = [];
  const cache = new RunCache();
  for (const file of files) {
    findings.push(...(await lintOneFile(file, setup, cwd, options, cache)));
  }
  return summarize(
    files.map((file) => relative(cwd, file)),
    findings,
  );
}

async function lintOneFile(file: string, setup: LintSetup, cwd: string, options: LintFilesOptions, cache: RunCache): Promise<LintFinding[]> {
  const shown = relative(cwd, file);
  const { xml, parsed } = await cache.model(file, setup.moddle);
  if (!parsed.ok) {
    return [finding(shown, 'bpmn-parse', null, `Not well-formed BPMN: ${parsed.reason}`, 'error', parsed.line)];
  }

  const lines = elementLines(xml);
  const lineOf = (id: string | null | undefined) => (id ? (lines.get(id) ?? null) : null);
  const findings: LintFinding[] = parsed.warnings.map((warning) =>
    finding(shown, 'bpmn-import', warning.element?.id ?? null, warning.message.split('\n')[0]!, 'warn', lineOf(warning.element?.id)),
  );

  const processKeys = processKeysOf(parsed.definitions);
  const context = await loadProjectContext(file, processKeys, cwd, cache);
  for (const problem of context.problems) {
    for (const message of problem.problems) {
      findings.push(finding(relative(cwd, problem.file), 'seam/contract-file', null, message, 'error', null));
    }
  }

  const baselines = await loadBaselines({
    modelFile: file,
    processKeys,
    source: options.baseline ?? { kind: 'previous' },
    moddle: setup.moddle,
    loadDeployedXml: options.loadDeployedXml,
    cache,
  });
  for (const problem of baselines.problems) {
    findings.push(finding(shown, 'seam/baseline', null, problem, 'warn', null));
  }

  const rules = rulesWithContext(setup.rules, {
    contracts: context.contracts,
    retired: context.retired,
    baselines: baselines.summaries,
  });
  // contract.yaml describes the version new instances start on. An older version cannot be
  // changed to match it (it is frozen), and was held to the contract while it was the latest.
  if (rules[CONTRACT_AGREEMENT] !== undefined && (await isSuperseded(file))) rules[CONTRACT_AGREEMENT] = 'off';
  // A fresh linter per file: bpmnlint caches each rule with the options it was first created
  // with, and every file carries its own contracts and baselines.
  const results = await createLinter(setup.resolver).lint(parsed.definitions, { rules });
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      findings.push(finding(shown, rule, report.id ?? null, report.message, categoryOf(report), lineOf(report.id)));
    }
  }
  return findings;
}

function categoryOf(report: BpmnlintReport): LintFinding['category'] {
  if (report.category === 'warn' || report.category === 'info') return report.category;
  return 'error';
}

function processKeysOf(definitions: unknown): string[] {
  const roots = (definitions as { rootElements?: Array<{ $type: string; id: string }> }).rootElements ?? [];
  return roots.filter((root) => root.$type === 'bpmn:Process').map((root) => root.id);
}

function finding(file: string, rule: string, elementId: string | null, message: string, category: LintFinding['category'], line: number | null): LintFinding {
  return { file, rule, elementId, message, category, line };
}

function relative(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

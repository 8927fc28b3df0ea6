import path from 'node:path';
import { createLinter, seamPlugin, type BpmnlintLinter, type BpmnlintReport, type RuleValue } from './bpmnlint-runtime.ts';
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

  const rules = rulesWithContext(
    setup.rules,
    {
      contracts: context.contracts,
      retired: context.retired,
      baselines: baselines.summaries,
    },
    { keepSuppressed: true },
  );
  // contract.yaml describes the version new instances start on. An older version cannot be
  // changed to match it (it is frozen), and was held to the contract while it was the latest.
  if (rules[CONTRACT_AGREEMENT] !== undefined && (await isSuperseded(file))) rules[CONTRACT_AGREEMENT] = 'off';
  // A fresh linter per file: bpmnlint caches each rule with the options it was first created
  // with, and every file carries its own contracts and baselines.
  // Reading contracts and baselines above may fail for reasons outside the model (a file, the
  // engine) and stops the run; from here on only the model is involved, and valid BPMN must not
  // stop it: anything unexpected is this file's tool failure, reported as such.
  try {
    const results = await lintEachRuleOnFailure(createLinter(setup.resolver), parsed.definitions, rules);
    // The Seam rules report suppressed findings here (keepSuppressed), so they are listed as such;
    // every other host of the plugin drops them inside the rules.
    const suppressions = seamPlugin.readSuppressions(parsed.definitions);
    for (const [rule, reports] of Object.entries(results)) {
      for (const report of reports) {
        const category = categoryOf(report);
        const message = category === 'rule-error' ? `Rule ${rule} failed on this model: ${report.message}` : report.message;
        const found = finding(shown, rule, report.id ?? null, message, category, lineOf(report.id));
        const suppressedBy = category === 'rule-error' ? null : suppressions.sourceOf(rule, report.id);
        findings.push(suppressedBy === null ? found : { ...found, suppressedBy });
      }
    }
  } catch (err) {
    findings.push(finding(shown, 'seam-lint', null, `Linting this file failed: ${(err as Error).message}`, 'rule-error', null));
  }
  return findings;
}

/**
 * bpmnlint reports a rule that throws while checking as a `rule-error` report, but one that
 * throws while being created rejects the whole run. Then each rule is run alone, so the others
 * still report and the failing one is named.
 */
async function lintEachRuleOnFailure(
  linter: BpmnlintLinter,
  definitions: unknown,
  rules: Record<string, RuleValue>,
): Promise<Record<string, BpmnlintReport[]>> {
  try {
    return await linter.lint(definitions, { rules });
  } catch {
    const results: Record<string, BpmnlintReport[]> = {};
    for (const [name, value] of Object.entries(rules)) {
      try {
        Object.assign(results, await linter.lint(definitions, { rules: { [name]: value } }));
      } catch (err) {
        results[name] = [{ message: (err as Error).message, category: 'rule-error' }];
      }
    }
    return results;
  }
}

function categoryOf(report: BpmnlintReport): LintFinding['category'] {
  if (report.category === 'warn' || report.category === 'info' || report.category === 'rule-error') return report.category;
  return 'error';
}

/** Keys of the processes in a model; a process may lack an id (the BPMN schema allows it), and then has no contract or baseline. */
function processKeysOf(definitions: unknown): string[] {
  const roots = (definitions as { rootElements?: Array<{ $type: string; id?: string }> }).rootElements ?? [];
  return roots.filter((root) => root.$type === 'bpmn:Process' && typeof root.id === 'string' && root.id !== '').map((root) => root.id!);
}

function finding(file: string, rule: string, elementId: string | null, message: string, category: LintFinding['category'], line: number | null): LintFinding {
  return { file, rule, elementId, message, category, line };
}

function relative(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

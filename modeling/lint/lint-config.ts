import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EventContract, RetiredWait } from '../contracts/contract-schema.ts';
import {
  createLinter,
  createModdle,
  createNodeResolver,
  seamPlugin,
  type BpmnModdleInstance,
  type BpmnlintConfig,
  type BpmnlintResolver,
  type ProcessEventSummary,
  type RuleValue,
} from './bpmnlint-runtime.ts';

/** What the Seam rules know about the project, handed to them as rule configuration. */
export interface LintContext {
  contracts: Record<string, EventContract>;
  baselines: Record<string, ProcessEventSummary>;
  retired: Record<string, RetiredWait[]>;
}

export interface LintSetup {
  /** Every rule of the `.bpmnlintrc`, `extends` resolved, as `[category, options]`. */
  rules: Record<string, [string, Record<string, unknown>]>;
  resolver: BpmnlintResolver;
  moddle: BpmnModdleInstance;
  /** Moddle extension descriptors by prefix, loaded from the `.bpmnlintrc`. */
  moddleExtensions: Record<string, unknown>;
  /** The `.bpmnlintrc` as written, for packing. */
  config: BpmnlintConfig;
}

/**
 * Reads the `.bpmnlintrc` and resolves it the way bpmnlint does (rules and configs through node
 * resolution from `cwd`), so `seam lint`, the plain bpmnlint CLI and the Modeler bundle agree.
 */
export async function loadLintSetup(cwd: string, configPath = path.join(cwd, '.bpmnlintrc')): Promise<LintSetup> {
  const config = JSON.parse(await readFile(configPath, 'utf8')) as BpmnlintConfig;
  const { resolver, require } = createNodeResolver(cwd);
  const linter = createLinter(resolver);
  const resolved = await linter.resolveConfiguredRules(config);
  const rules: LintSetup['rules'] = {};
  for (const [name, value] of Object.entries(resolved)) {
    const { category, config: options } = linter.parseRuleValue(value);
    rules[name] = [category, options ?? {}];
  }
  const moddleExtensions = Object.fromEntries(Object.entries(config.moddleExtensions ?? {}).map(([prefix, module]) => [prefix, require(module)]));
  return { rules, resolver, moddle: createModdle(moddleExtensions), moddleExtensions, config };
}

/**
 * The rules with the project's context merged into the options of the Seam rules that read it
 * (the plugin's `contextRules`); a rule that is off stays off. `seamOptions` go to every Seam
 * rule (e.g. `keepSuppressed` for `seam lint`, which lists suppressed findings itself).
 */
export function rulesWithContext(rules: LintSetup['rules'], context: LintContext, seamOptions: Record<string, unknown> = {}): Record<string, RuleValue> {
  const contextRules = new Set(seamPlugin.contextRules.map((name) => `seam/${name}`));
  const withContext: Record<string, RuleValue> = {};
  for (const [name, [category, options]] of Object.entries(rules)) {
    const extra = name.startsWith('seam/') ? seamOptions : {};
    withContext[name] = (
      contextRules.has(name) && category !== 'off' ? [category, { ...options, ...extra, ...context }] : [category, { ...options, ...extra }]
    ) as RuleValue;
  }
  return withContext;
}

import { createRequire } from 'node:module';

/**
 * bpmnlint, bpmn-moddle and the Seam plugin are CommonJS without usable type declarations for
 * what we call; this module loads them once and gives the few parts Seam uses a type.
 */

const require = createRequire(import.meta.url);

export type RuleCategory = 'off' | 'warn' | 'error' | 'info';
export type RuleValue = RuleCategory | 0 | 1 | 2 | 3 | [RuleCategory | 0 | 1 | 2 | 3, Record<string, unknown>?];

export interface BpmnlintConfig {
  extends?: string | string[];
  rules?: Record<string, RuleValue>;
  moddleExtensions?: Record<string, string>;
}

export interface BpmnlintReport {
  id?: string;
  message: string;
  category: RuleCategory | 'rule-error';
}

export interface BpmnlintLinter {
  lint(definitions: unknown, config: BpmnlintConfig): Promise<Record<string, BpmnlintReport[]>>;
  resolveConfiguredRules(config: BpmnlintConfig): Promise<Record<string, RuleValue>>;
  parseRuleValue(value: RuleValue): { category: RuleCategory; config: Record<string, unknown> };
}

export interface BpmnlintResolver {
  resolveRule(pkg: string, ruleName: string): unknown;
  resolveConfig(pkg: string, configName: string): unknown;
}

export interface ModdleWarning {
  message: string;
  element?: { id?: string };
}

export interface BpmnModdleInstance {
  fromXML(xml: string): Promise<{ rootElement: unknown; warnings: ModdleWarning[] }>;
}

export interface Suppressions {
  isSuppressed(ruleName: string, elementId: string | null | undefined): boolean;
  /** The element id whose `seam.lint.disable` lists the rule, `file`, or null. */
  sourceOf(ruleName: string, elementId: string | null | undefined): string | null;
}

export interface SeamPlugin {
  contextRules: string[];
  readSuppressions(definitions: unknown): Suppressions;
  summarizeEvents(definitions: unknown): ProcessEventSummary[];
  diffEventSummaries(previous: ProcessEventSummary, current: ProcessEventSummary, options?: { retired?: unknown[] }): VersionChange[];
  /** The cross-version rule (without `seam/`) that reports a breaking change; null when it breaks nothing. */
  breakingRuleFor(change: VersionChange): string | null;
}

/** One event of a process, as `lint-rules/lib/event-summary.js` describes it. */
export interface SummaryEvent {
  kind: 'message' | 'signal' | 'timer' | 'error' | 'escalation';
  role: 'catch' | 'throw';
  name: string | null;
  refId: string | null;
  elementId: string;
  elementName: string | null;
  elementType: string;
  scope: string;
  startsProcess: boolean;
  inEventSubProcess: boolean;
  attachedTo: string | null;
  interrupting: boolean | null;
  afterEventGateway: string | null;
  timer: { type: 'timeDate' | 'timeDuration' | 'timeCycle' | null; value: string | null } | null;
}

/** One change between two versions, as `lint-rules/lib/version-diff.js` decides it. */
export interface VersionChange {
  type: 'added' | 'removed' | 'renamed' | 'moved' | 'changed';
  kind: SummaryEvent['kind'];
  role: SummaryEvent['role'];
  name: string | null;
  elementId: string;
  previous: SummaryEvent | null;
  current: SummaryEvent[];
  via?: 'element' | 'message-element';
  aspect?: 'timer' | 'interrupting';
  replacedBy?: SummaryEvent | null;
  detail: string;
  breaking: boolean;
  reason: string;
}

export interface ProcessEventSummary {
  processKey: string;
  processName: string | null;
  events: SummaryEvent[];
}

const bpmnlint = require('bpmnlint') as { Linter: new (options: { resolver: BpmnlintResolver; config?: BpmnlintConfig }) => BpmnlintLinter };
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new (options?: { require?: NodeJS.Require }) => BpmnlintResolver;
const { createScopedRequire } = require('bpmnlint/lib/resolver/helper') as { createScopedRequire(dir: string): NodeJS.Require };
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new (extensions?: Record<string, unknown>) => BpmnModdleInstance };

export const seamPlugin = require('bpmnlint-plugin-seam') as SeamPlugin;

export function createLinter(resolver: BpmnlintResolver): BpmnlintLinter {
  return new bpmnlint.Linter({ resolver });
}

/** Resolves rules, configs and moddle extensions the way the bpmnlint CLI does, from `dir`. */
export function createNodeResolver(dir: string): { resolver: BpmnlintResolver; require: NodeJS.Require } {
  const scopedRequire = createScopedRequire(dir);
  return { resolver: new NodeResolver({ require: scopedRequire }), require: scopedRequire };
}

export function createModdle(extensions: Record<string, unknown>): BpmnModdleInstance {
  return new BpmnModdle(extensions);
}

// The Camunda Modeler client script of Seam's plugin, bundled by `modeler-bundle.ts`. The Modeler
// loads it with a <script> tag and reads the `lintRules.bpmn` registrations from window.plugins,
// as camunda-modeler-plugin-helpers' registerClientPlugin does.
import lintRules from 'seam-lint:packed-config';
import projectContext from 'seam-lint:project-context';
import { contextRules, docsBaseUrl } from 'seam-lint:settings';

// The project context is packed once; every context rule's options point at that one object
// instead of carrying a copy (the copies grew the bundle by the context size per rule).
for (const name of contextRules) {
  const value = lintRules.config.rules[name];
  if (Array.isArray(value)) lintRules.config.rules[name] = [value[0], { ...value[1], ...projectContext }];
}

// Seam's rules name their documentation by repository path (`docs/rules/<rule>.md`); the Modeler
// opens the link as it is, so make it absolute against the configured documentation base.
const resolveRule = lintRules.resolver.resolveRule;
lintRules.resolver.resolveRule = function (pkg, ruleName) {
  const factory = resolveRule.call(this, pkg, ruleName) as RuleFactory;
  return (config: unknown) => withAbsoluteDocumentation(factory(config));
};

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;

function withAbsoluteDocumentation(rule: LintRule): LintRule {
  const url = rule.meta?.documentation?.url;
  if (!url || ABSOLUTE_URL.test(url)) return rule;
  return { ...rule, meta: { ...rule.meta, documentation: { ...rule.meta!.documentation, url: new URL(url, docsBaseUrl).href } } };
}

type RuleFactory = (config: unknown) => LintRule;
interface LintRule {
  meta?: { documentation?: { url?: string } };
}

const registry = window as unknown as { plugins?: Array<{ plugin: unknown; type: string }> };
registry.plugins = registry.plugins || [];
registry.plugins.push({ plugin: lintRules, type: 'lintRules.bpmn' });

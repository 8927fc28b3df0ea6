'use strict';

const { definitionsRule, lintIndex } = require('./rule-support');
const { summarizeIndex } = require('./event-summary');
const { diffEventSummaries, ruleFor } = require('./version-diff');

/**
 * Builds a cross-version rule: for each process with a baseline summary in the configuration,
 * diff the previous version's events with the model's and report the breaking changes that
 * `ruleFor` (lib/version-diff.js) gives to this rule, so every breaking change has one rule.
 * The baseline comes as configuration (never read from disk here), so the rule also runs in the
 * Modeler with summaries packed into the bundle.
 *
 * @param {string} ruleName
 * @param {(change: import('./version-diff').VersionChange, processKey: string, byId: Map<string, any>, report: (id: string, message: string) => void) => void} reportChange
 */
function versionRule(ruleName, reportChange) {
  /** @param {{ baselines?: Record<string, any>, retired?: Record<string, any[]>, keepSuppressed?: boolean }} [config] */
  return function createRule(config = {}) {
    const baselines = config.baselines || {};
    const retired = config.retired || {};

    return definitionsRule(
      ruleName,
      (definitions, report) => {
        const index = lintIndex(definitions);
        const nodes = new Map([...index.byId].map(([id, entry]) => [id, entry.node]));
        for (const current of summarizeIndex(index)) {
          const previous = baselines[current.processKey];
          if (!previous) continue;
          const changes = diffEventSummaries(previous, current, { retired: retired[current.processKey] || [] });
          for (const change of changes) {
            if (ruleFor(change) === ruleName) reportChange(change, current.processKey, nodes, report);
          }
        }
      },
      config,
    );
  };
}

module.exports = { versionRule };

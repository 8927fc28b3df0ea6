'use strict';

const { definitionsRule } = require('./rule-support');
const { lintRun } = require('./lint-run');
const { ruleFor } = require('./version-diff');

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
        const run = lintRun(definitions);
        for (const current of run.summaries()) {
          const previous = baselines[current.processKey];
          if (!previous) continue;
          const changes = run.changes(previous, current, retired[current.processKey]);
          for (const change of changes) {
            if (ruleFor(change) === ruleName) reportChange(change, current.processKey, run.nodesById(), report);
          }
        }
      },
      config,
    );
  };
}

module.exports = { versionRule };

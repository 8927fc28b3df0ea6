'use strict';

const { definitionsRule, lintIndex } = require('./rule-support');
const { summarizeIndex } = require('./event-summary');
const { diffEventSummaries } = require('./version-diff');

/**
 * Builds a cross-version rule: for each process with a baseline summary in the configuration,
 * diff the previous version's events with the model's and report the changes of the given types.
 * The baseline comes as configuration (never read from disk here), so the rule also runs in the
 * Modeler with summaries packed into the bundle.
 *
 * @param {string} ruleName
 * @param {string[]} changeTypes
 * @param {(change: any, processKey: string, byId: Map<string, any>, report: (id: string, message: string) => void) => void} reportChange
 */
function versionRule(ruleName, changeTypes, reportChange) {
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
            if (changeTypes.includes(change.type)) reportChange(change, current.processKey, nodes, report);
          }
        }
      },
      config,
    );
  };
}

module.exports = { versionRule };

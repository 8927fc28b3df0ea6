'use strict';

const { findEventDefinition, describe, capitalize } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');
const { timerValueProblem } = require('../lib/timer-values');

/**
 * A timer value that is neither valid ISO 8601 (or cron, for cycles) nor an expression fails only
 * when the engine evaluates it, often days after deployment. Reports timers with no value and
 * timers whose date, duration or cycle is free text.
 */
module.exports = function timerExpressionValid(config = {}) {
  return definitionsRule(
    'timer-expression-valid',
    (definitions, report) => {
      for (const { node } of lintIndex(definitions).flowNodes) {
        const definition = findEventDefinition(node, 'timer');
        if (!definition) continue;
        const type = ['timeDate', 'timeDuration', 'timeCycle'].find((candidate) => definition[candidate]);
        const value = type ? String(definition[type].body || '').trim() : null;
        const problem = timerValueProblem(/** @type {any} */ (type || null), value);
        if (problem) report(node.id, `${capitalize(describe(node))} ${problem}`);
      }
    },
    config,
  );
};

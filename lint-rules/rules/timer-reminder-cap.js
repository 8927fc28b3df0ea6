'use strict';

const { findEventDefinition, describe, capitalize, is, isEventSubProcess } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');
const { parseCycle } = require('../lib/timer-values');

/**
 * A non-interrupting timer that repeats is a reminder: each firing starts another path while the
 * work goes on. Its number of repetitions must be visible in the model and small. Reports
 * non-interrupting boundary timers and non-interrupting event sub-process timer starts whose
 * cycle count is larger than `maxRepetitions` (default 10) or cannot be read because it is an
 * expression. Cycles with no count at all are the `timer-cycle-bounded` rule's finding.
 *
 * @param {{ maxRepetitions?: number }} [config]
 */
module.exports = function timerReminderCap(config = {}) {
  const maxRepetitions = typeof config.maxRepetitions === 'number' ? config.maxRepetitions : 10;

  return definitionsRule(
    'timer-reminder-cap',
    (definitions, report) => {
      for (const { node, scope } of lintIndex(definitions).flowNodes) {
        const definition = findEventDefinition(node, 'timer');
        if (!definition || !definition.timeCycle || !isNonInterrupting(node, scope)) continue;
        const value = String(definition.timeCycle.body || '').trim();
        const cycle = parseCycle(value);
        const element = capitalize(describe(node));
        if (cycle.form === 'expression') {
          report(
            node.id,
            `${element} is a repeating reminder whose cycle "${value}" is an expression, so its cap cannot be checked; write the count in the model (e.g. R3/\${reminderInterval})`,
          );
        } else if (cycle.repetitions !== null && cycle.repetitions > maxRepetitions) {
          report(
            node.id,
            `${element} is a repeating reminder that fires ${cycle.repetitions} times (cycle "${value}"); cap it at ${maxRepetitions} or fewer and escalate after the last one`,
          );
        }
      }
    },
    config,
  );
};

/** @param {any} node @param {any} scope */
function isNonInterrupting(node, scope) {
  if (is(node, 'bpmn:BoundaryEvent')) return node.cancelActivity === false;
  return is(node, 'bpmn:StartEvent') && isEventSubProcess(scope) && node.isInterrupting === false;
}

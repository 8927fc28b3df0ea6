'use strict';

const { findEventDefinition, describe, capitalize, is } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');
const { parseCycle } = require('../lib/timer-values');

/**
 * A timer cycle without an end (`R/PT1H`, a cron expression without a year) fires for as long as
 * its scope lives: reminder spam and operational noise with no exit. Reports such cycles on
 * intermediate, boundary and event sub-process start events. A process's own timer start event
 * is a schedule and is allowed to repeat forever unless `allowScheduledStart` is false.
 *
 * @param {{ allowScheduledStart?: boolean }} [config]
 */
module.exports = function timerCycleBounded(config = {}) {
  const allowScheduledStart = config.allowScheduledStart !== false;

  return definitionsRule('timer-cycle-bounded', (definitions, report) => {
    for (const { node, process, scope } of lintIndex(definitions).flowNodes) {
      const definition = findEventDefinition(node, 'timer');
      if (!definition || !definition.timeCycle) continue;
      if (allowScheduledStart && is(node, 'bpmn:StartEvent') && scope === process) continue;
      const value = String(definition.timeCycle.body || '').trim();
      const cycle = parseCycle(value);
      if (cycle.bounded !== false) continue;
      const how = cycle.form === 'cron' ? 'a cron expression without an end year' : 'a repeating interval without a count';
      report(
        node.id,
        `${capitalize(describe(node))} repeats forever (${how}: "${value}"); give it a count such as R3/PT24H, or an end, and decide what happens after the last repetition`,
      );
    }
  }, config);
};

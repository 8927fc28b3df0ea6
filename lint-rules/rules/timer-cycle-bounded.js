'use strict';

const { findEventDefinition, describe, capitalize, is, isEventSubProcess } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');
const { parseCycle } = require('../lib/timer-values');

/**
 * A timer cycle without an end (`R/PT1H`, a cron expression without a year) fires for as long as
 * its scope lives: reminder spam and operational noise with no exit. Only timers that stay
 * active after firing can repeat: non-interrupting boundary events and non-interrupting event
 * sub-process starts. An intermediate catch event, an interrupting boundary event and an
 * interrupting event sub-process start are left (or cancel their scope) the first time they
 * fire, so their cycle fires once and is not reported. A process's own timer start event is a
 * schedule and is allowed to repeat forever unless `allowScheduledStart` is false.
 *
 * @param {{ allowScheduledStart?: boolean }} [config]
 */
module.exports = function timerCycleBounded(config = {}) {
  const allowScheduledStart = config.allowScheduledStart !== false;

  return definitionsRule(
    'timer-cycle-bounded',
    (definitions, report) => {
      for (const { node, process, scope } of lintIndex(definitions).flowNodes) {
        const definition = findEventDefinition(node, 'timer');
        if (!definition || !definition.timeCycle) continue;
        const isScheduledStart = is(node, 'bpmn:StartEvent') && scope === process;
        if (isScheduledStart ? allowScheduledStart : !staysActiveAfterFiring(node, scope)) continue;
        const value = String(definition.timeCycle.body || '').trim();
        const cycle = parseCycle(value);
        if (cycle.bounded !== false) continue;
        const how = cycle.form === 'cron' ? 'a cron expression without an end year' : 'a repeating interval without a count';
        report(
          node.id,
          `${capitalize(describe(node))} repeats forever (${how}: "${value}"); give it a count such as R3/PT24H, or an end, and decide what happens after the last repetition`,
        );
      }
    },
    config,
  );
};

/** Timers whose scope survives their firing, so the engine schedules the next repetition. */
/** @param {any} node @param {any} scope */
function staysActiveAfterFiring(node, scope) {
  if (is(node, 'bpmn:BoundaryEvent')) return node.cancelActivity === false;
  return is(node, 'bpmn:StartEvent') && isEventSubProcess(scope) && node.isInterrupting === false;
}

'use strict';

const { is, isAny, findEventDefinition, describe, capitalize, isEventSubProcess } = require('../lib/model');
const { definitionsRule, lintIndex, contractFor, contractEvents } = require('../lib/rule-support');
const { isExpression } = require('../lib/timer-values');

const TARGETED_SUFFIXES = ['Received', 'Completed', 'Approved', 'Submitted', 'Paid', 'Accepted', 'Rejected', 'Confirmed', 'Responded'];
const BUSINESS_DATA = /\d{4,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Signals are broadcast: every waiting instance of every process continues. This rule reports
 * signals used where a targeted message belongs.
 * - a signal caught by an intermediate or boundary event (or an event sub-process start) whose
 *   name reads like a case-specific callback, or that the process's event contract does not
 *   declare with `broadcast: true`;
 * - a signal thrown by a process that the contract does not list among the signal's `emitters`;
 * - a signal name built from business data (an expression, an id or a number in the name).
 * Contract checks apply to processes whose contract is given in `contracts`.
 *
 * @param {{ targetedSuffixes?: string[], contracts?: Record<string, any> }} [config]
 */
module.exports = function signalMisuse(config = {}) {
  const suffixes = config.targetedSuffixes || TARGETED_SUFFIXES;

  return definitionsRule(
    'signal-misuse',
    (definitions, report) => {
      for (const { node, process, scope } of lintIndex(definitions).flowNodes) {
        const definition = findEventDefinition(node, 'signal');
        if (!definition) continue;
        const name = definition.signalRef && definition.signalRef.name ? String(definition.signalRef.name) : null;
        if (!name) continue;
        const contract = contractFor(config, process.id);
        const declared = contractEvents(contract, 'signal', name);
        const element = capitalize(describe(node));

        if (isExpression(name) || BUSINESS_DATA.test(name)) {
          report(
            node.id,
            `${element} uses signal name "${name}" built from business data; a signal reaches every instance, so address one case with a message and correlation keys`,
          );
        }

        if (isCatchingWait(node, scope)) {
          const suffix = suffixes.find((candidate) => name.endsWith(candidate));
          if (suffix) {
            report(
              node.id,
              `${element} waits for signal "${name}", which reads like a callback for one case (…${suffix}); every waiting instance would continue, so use a message`,
            );
          } else if (contract && !declared.some((event) => event.broadcast === true)) {
            report(
              node.id,
              `${element} waits for signal "${name}", which the event contract of process ${process.id} does not declare as a broadcast; declare it with broadcast: true or use a message`,
            );
          }
        } else if (isAny(node, ['bpmn:IntermediateThrowEvent', 'bpmn:EndEvent']) && contract) {
          if (!declared.some((event) => (event.emitters || []).includes(process.id))) {
            report(
              node.id,
              `${element} throws signal "${name}", but process ${process.id} is not a declared emitter in its event contract; list it under emitters or send a message`,
            );
          }
        }
      }
    },
    config,
  );
};

/** Catches that a running instance waits in (a process's own signal start is a deliberate fan-out). */
/** @param {any} node @param {any} scope */
function isCatchingWait(node, scope) {
  if (isAny(node, ['bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent'])) return true;
  return is(node, 'bpmn:StartEvent') && isEventSubProcess(scope);
}

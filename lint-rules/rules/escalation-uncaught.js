'use strict';

const { is, isAny, findEventDefinition, describe, capitalize, isEventSubProcess } = require('../lib/model');
const { definitionsRule, lintIndex, contractFor, contractEvents } = require('../lib/rule-support');

/**
 * An escalation nobody catches is a warning nobody hears. Reports escalation throw and end events
 * whose escalation is not caught in an enclosing scope: by an escalation boundary event on an
 * enclosing sub-process, or by an escalation event sub-process in an enclosing scope. An
 * escalation meant for a calling process counts as caught when the process's event contract lists
 * the catching element of the other process in `caughtBy` as `otherProcessKey:ElementId`.
 *
 * @param {{ contracts?: Record<string, any> }} [config]
 */
module.exports = function escalationUncaught(config = {}) {
  return definitionsRule('escalation-uncaught', (definitions, report) => {
    const index = lintIndex(definitions);
    const eventSubProcessCatches = new Map();
    for (const { node, scope } of index.flowNodes) {
      if (is(node, 'bpmn:StartEvent') && isEventSubProcess(scope) && findEventDefinition(node, 'escalation')) {
        const container = scope.$parent;
        eventSubProcessCatches.set(container, [...(eventSubProcessCatches.get(container) || []), node]);
      }
    }

    for (const { node, process, scope } of index.flowNodes) {
      if (!isAny(node, ['bpmn:IntermediateThrowEvent', 'bpmn:EndEvent'])) continue;
      const definition = findEventDefinition(node, 'escalation');
      if (!definition) continue;
      const code = definition.escalationRef && definition.escalationRef.escalationCode ? String(definition.escalationRef.escalationCode) : null;
      if (isCaughtInScope(code, scope, process, index, eventSubProcessCatches)) continue;
      if (code && isCaughtByCaller(contractFor(config, process.id), code)) continue;
      const what = code ? `escalation "${code}"` : 'an escalation without a code';
      report(
        node.id,
        `${capitalize(describe(node))} throws ${what} that nothing in its scope catches; add an escalation boundary event on the enclosing sub-process or an escalation event sub-process, or record the calling process's catch in the event contract (caughtBy: processKey:ElementId)`,
      );
    }
  }, config);
};

function isCaughtInScope(code, scope, process, index, eventSubProcessCatches) {
  for (let container = scope; container; container = container === process ? null : container.$parent) {
    const boundaries = (index.boundariesByHost.get(container) || []).filter((b) => findEventDefinition(b, 'escalation'));
    const starts = eventSubProcessCatches.get(container) || [];
    if ([...boundaries, ...starts].some((catcher) => catches(catcher, code))) return true;
  }
  return false;
}

/** A catch without an escalation, or with one without a code, catches every escalation. */
function catches(catcher, code) {
  const ref = findEventDefinition(catcher, 'escalation').escalationRef;
  return !ref || !ref.escalationCode || String(ref.escalationCode) === code;
}

function isCaughtByCaller(contract, code) {
  return contractEvents(contract, 'escalation', code).some((event) => (event.caughtBy || []).some((id) => String(id).includes(':')));
}

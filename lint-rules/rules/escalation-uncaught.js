'use strict';

const { is, isAny, findEventDefinition, describe, capitalize, isEventSubProcess } = require('../lib/model');
const { definitionsRule, lintIndex, contractFor, contractEvents } = require('../lib/rule-support');

/**
 * An escalation nobody catches is a warning nobody hears: Camunda 7 lets the throwing path go
 * on (an escalation is not critical) and nothing else happens. Reports escalation throw and end
 * events whose escalation no enclosing scope catches (an escalation boundary event on an
 * enclosing sub-process, or an escalation event sub-process in an enclosing scope) and that
 * cannot go up to a calling process either.
 *
 * Camunda 7 propagates an escalation that leaves the process to the call activity that started
 * it (a boundary event on the call activity or an event sub-process around it catches it). A
 * call activity starts the called process at its none start event, so a process with one can
 * be called:
 * - `callers: 'assume'` (the default): such escalations are taken as meant for the caller and
 *   not reported; a caller in the same file is checked.
 * - `callers: 'contract'` (`plugin:seam/bridge`): they count as caught only when the process's
 *   event contract lists the caller's catching element in `caughtBy` as
 *   `otherProcessKey:ElementId`, or a call activity in the same file catches them.
 * A process without a none start event cannot be called, so its uncaught escalations are always
 * reported.
 *
 * @param {{ contracts?: Record<string, any>, callers?: 'assume'|'contract', keepSuppressed?: boolean }} [config]
 */
module.exports = function escalationUncaught(config = {}) {
  const callers = config.callers === 'contract' ? 'contract' : 'assume';

  return definitionsRule(
    'escalation-uncaught',
    (definitions, report) => {
      const index = lintIndex(definitions);
      const eventSubProcessCatches = new Map();
      const callActivities = [];
      for (const { node, process, scope } of index.flowNodes) {
        if (is(node, 'bpmn:StartEvent') && isEventSubProcess(scope) && findEventDefinition(node, 'escalation')) {
          const container = scope.$parent;
          eventSubProcessCatches.set(container, [...(eventSubProcessCatches.get(container) || []), node]);
        }
        if (is(node, 'bpmn:CallActivity')) callActivities.push({ node, process });
      }
      const callable = new Set(index.processes.filter(hasNoneStart));

      for (const { node, process, scope } of index.flowNodes) {
        if (!isAny(node, ['bpmn:IntermediateThrowEvent', 'bpmn:EndEvent'])) continue;
        const definition = findEventDefinition(node, 'escalation');
        if (!definition) continue;
        const code = definition.escalationRef && definition.escalationRef.escalationCode ? String(definition.escalationRef.escalationCode) : null;
        if (isCaughtInScope(code, scope, process, index, eventSubProcessCatches)) continue;
        if (callable.has(process)) {
          const inFileCaller = callActivities.some(
            (call) => call.node.calledElement === process.id && isCaughtInScope(code, call.node, call.process, index, eventSubProcessCatches),
          );
          if (inFileCaller || callers === 'assume') continue;
          if (code && isCaughtByCaller(contractFor(config, process.id), code)) continue;
        }
        const what = code ? `escalation "${code}"` : 'an escalation without a code';
        report(node.id, `${capitalize(describe(node))} throws ${what} that nothing catches; ${advice(callable.has(process))}`);
      }
    },
    config,
  );
};

/** @param {boolean} callable */
function advice(callable) {
  const inScope = 'add an escalation boundary event on the enclosing sub-process or an escalation event sub-process';
  return callable
    ? `${inScope}, or record the calling process's catch in the event contract (caughtBy: processKey:ElementId)`
    : `${inScope}; no call activity can catch it, since the process has no none start event to be called at`;
}

/** Catchers from `scope` outwards; a call activity as `scope` contributes its own boundary events. */
/**
 * @param {string|null} code @param {any} scope @param {any} process
 * @param {import('../lib/model').ModelIndex} index @param {Map<any, any[]>} eventSubProcessCatches
 */
function isCaughtInScope(code, scope, process, index, eventSubProcessCatches) {
  for (let container = scope; container; container = container === process ? null : container.$parent) {
    const boundaries = (index.boundariesByHost.get(container) || []).filter((/** @type {any} */ b) => findEventDefinition(b, 'escalation'));
    const starts = eventSubProcessCatches.get(container) || [];
    if ([...boundaries, ...starts].some((catcher) => catches(catcher, code))) return true;
  }
  return false;
}

/** A catch without an escalation, or with one without a code, catches every escalation. */
/** @param {any} catcher @param {string|null} code */
function catches(catcher, code) {
  const ref = findEventDefinition(catcher, 'escalation').escalationRef;
  return !ref || !ref.escalationCode || String(ref.escalationCode) === code;
}

/** @param {any} contract @param {string} code */
function isCaughtByCaller(contract, code) {
  return contractEvents(contract, 'escalation', code).some((event) => (event.caughtBy || []).some((/** @type {string} */ id) => String(id).includes(':')));
}

/** @param {any} process */
function hasNoneStart(process) {
  return (process.flowElements || []).some((/** @type {any} */ element) => is(element, 'bpmn:StartEvent') && (element.eventDefinitions || []).length === 0);
}

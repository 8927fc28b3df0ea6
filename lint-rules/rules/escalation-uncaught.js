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
      /** @type {Map<any, Catches>} */
      const catchesOf = new Map();
      /** @type {Map<unknown, Array<{ node: any, process: any }>>} call activities by the process key they call */
      const callsOf = new Map();
      for (const { node, process, scope } of index.flowNodes) {
        const escalation = findEventDefinition(node, 'escalation');
        if (escalation && is(node, 'bpmn:BoundaryEvent') && node.attachedToRef) addCatch(catchesOf, node.attachedToRef, escalation);
        if (escalation && is(node, 'bpmn:StartEvent') && isEventSubProcess(scope)) addCatch(catchesOf, scope.$parent, escalation);
        if (is(node, 'bpmn:CallActivity')) addTo(callsOf, node.calledElement, { node, process });
      }
      const callable = new Set(index.processes.filter(hasNoneStart));

      for (const { node, process, scope } of index.flowNodes) {
        if (!isAny(node, ['bpmn:IntermediateThrowEvent', 'bpmn:EndEvent'])) continue;
        const definition = findEventDefinition(node, 'escalation');
        if (!definition) continue;
        const code = definition.escalationRef && definition.escalationRef.escalationCode ? String(definition.escalationRef.escalationCode) : null;
        if (isCaughtInScope(code, scope, process, catchesOf)) continue;
        if (callable.has(process)) {
          const inFileCaller = (callsOf.get(process.id) || []).some((call) => isCaughtInScope(code, call.node, call.process, catchesOf));
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

/**
 * What the catchers of one scope catch: the escalation boundary events on it (a sub-process or
 * call activity) and the escalation event sub-process starts in it.
 * @typedef {{ all: boolean, codes: Set<string> }} Catches
 */

/**
 * A catch without an escalation, or with one without a code, catches every escalation.
 * @param {Map<any, Catches>} catchesOf @param {any} container @param {any} definition
 */
function addCatch(catchesOf, container, definition) {
  let caught = catchesOf.get(container);
  if (!caught) catchesOf.set(container, (caught = { all: false, codes: new Set() }));
  const ref = definition.escalationRef;
  if (!ref || !ref.escalationCode) caught.all = true;
  else caught.codes.add(String(ref.escalationCode));
}

/**
 * Catchers from `scope` outwards; a call activity as `scope` contributes its own boundary events.
 * @param {string|null} code @param {any} scope @param {any} process @param {Map<any, Catches>} catchesOf
 */
function isCaughtInScope(code, scope, process, catchesOf) {
  for (let container = scope; container; container = container === process ? null : container.$parent) {
    const caught = catchesOf.get(container);
    if (caught && (caught.all || (code !== null && caught.codes.has(code)))) return true;
  }
  return false;
}

/** @param {any} contract @param {string} code */
function isCaughtByCaller(contract, code) {
  return contractEvents(contract, 'escalation', code).some((event) => (event.caughtBy || []).some((/** @type {string} */ id) => String(id).includes(':')));
}

/** @template K, V @param {Map<K, V[]>} map @param {K} key @param {V} value */
function addTo(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** @param {any} process */
function hasNoneStart(process) {
  return (process.flowElements || []).some((/** @type {any} */ element) => is(element, 'bpmn:StartEvent') && (element.eventDefinitions || []).length === 0);
}

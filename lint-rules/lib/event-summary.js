'use strict';

const { is, isAny, eventKindOf, eventDefinitionsOf, indexModel, isEventSubProcess } = require('./model');

/**
 * @typedef {'message'|'signal'|'timer'|'error'|'escalation'} EventKind
 *
 * @typedef {{
 *   kind: EventKind,
 *   role: 'catch'|'throw',
 *   name: string|null,
 *   refId: string|null,
 *   elementId: string,
 *   elementName: string|null,
 *   elementType: string,
 *   scope: string,
 *   startsProcess: boolean,
 *   inEventSubProcess: boolean,
 *   attachedTo: string|null,
 *   interrupting: boolean|null,
 *   afterEventGateway: string|null,
 *   timer: { type: 'timeDate'|'timeDuration'|'timeCycle'|null, value: string|null } | null,
 * }} SummaryEvent
 *
 * `name` is the message or signal name, the error code or the escalation code (null for timers
 * and for references that are missing). `startsProcess` marks a start event of the process
 * itself (not of an event sub-process): nothing waits there.
 *
 * @typedef {{ processKey: string, processName: string|null, events: SummaryEvent[] }} ProcessEventSummary
 */

const CATCHING_EVENTS = ['bpmn:StartEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent'];
const THROWING_EVENTS = ['bpmn:IntermediateThrowEvent', 'bpmn:EndEvent'];
const WAIT_KINDS = new Set(['message', 'signal', 'timer']);
const EVENT_CARRIERS = ['bpmn:Event', 'bpmn:ReceiveTask', 'bpmn:SendTask'];

/**
 * The event contract a model actually implements: for every executable or non-executable
 * process, each message, signal, timer, error and escalation it waits for or throws.
 * Pure and JSON-serialisable, so it travels as rule configuration (into the Modeler too).
 *
 * @param {any} definitions `bpmn:Definitions`
 * @returns {ProcessEventSummary[]}
 */
function summarizeEvents(definitions) {
  return summarizeIndex(indexModel(definitions));
}

/**
 * @param {import('./model').ModelIndex} index
 * @returns {ProcessEventSummary[]}
 */
function summarizeIndex(index) {
  // A process without an id is valid BPMN but has no key to deploy, contract or compare it by.
  const keyed = index.processes.filter((process) => typeof process.id === 'string' && process.id !== '');
  /** @type {Map<any, ProcessEventSummary>} */
  const byProcess = new Map(keyed.map((process) => [process, { processKey: process.id, processName: process.name || null, events: [] }]));

  for (const { node, process, scope } of index.flowNodes) {
    const summary = byProcess.get(process);
    if (!summary) continue;
    const events = summary.events;
    if (!isAny(node, EVENT_CARRIERS)) continue;
    // Most carriers (none start and end events) describe nothing: their common part is made on demand.
    /** @type {ReturnType<typeof baseEvent>|null} */
    let base = null;
    const add = (/** @type {Described} */ described, /** @type {SummaryEvent['role']} */ role) =>
      events.push(summaryEvent((base = base || baseEvent(node, process, scope, index)), described, role));

    if (CATCHING_EVENTS.some((type) => is(node, type))) {
      for (const definition of eventDefinitionsOf(node)) {
        const kind = eventKindOf(definition);
        if (kind) add(describeDefinition(kind, definition), 'catch');
      }
    } else if (THROWING_EVENTS.some((type) => is(node, type))) {
      for (const definition of eventDefinitionsOf(node)) {
        const kind = eventKindOf(definition);
        if (kind && kind !== 'timer') add(describeDefinition(kind, definition), 'throw');
      }
    } else if (is(node, 'bpmn:ReceiveTask')) {
      add(describeMessage(node.messageRef), 'catch');
    } else if (is(node, 'bpmn:SendTask') && node.messageRef) {
      add(describeMessage(node.messageRef), 'throw');
    }
  }
  return [...byProcess.values()];
}

/**
 * @param {any} node @param {any} process @param {any} scope @param {import('./model').ModelIndex} index
 * @returns {Omit<SummaryEvent, 'kind'|'role'|'name'|'refId'|'timer'>}
 */
function baseEvent(node, process, scope, index) {
  const isBoundary = is(node, 'bpmn:BoundaryEvent');
  const isStart = is(node, 'bpmn:StartEvent');
  let interrupting = null;
  if (isBoundary) interrupting = node.cancelActivity !== false;
  else if (isStart && isEventSubProcess(scope)) interrupting = node.isInterrupting !== false;

  const predecessors = index.incoming.get(node) || [];
  const gateway = predecessors.find((/** @type {any} */ source) => is(source, 'bpmn:EventBasedGateway'));

  return {
    elementId: node.id,
    elementName: node.name || null,
    elementType: node.$type.replace(/^bpmn:/, ''),
    scope: scope.id,
    startsProcess: isStart && scope === process,
    inEventSubProcess: isEventSubProcess(scope),
    attachedTo: isBoundary && node.attachedToRef ? node.attachedToRef.id : null,
    interrupting,
    afterEventGateway: gateway ? gateway.id : null,
  };
}

/** @typedef {Pick<SummaryEvent, 'kind'|'name'|'refId'|'timer'>} Described */

/**
 * One event, its fields in the order summaries have always been written in (they are stored as
 * baselines and compared as JSON); spelled out rather than spread, which cost most of the summary.
 * @param {ReturnType<typeof baseEvent>} base @param {Described} described @param {SummaryEvent['role']} role
 * @returns {SummaryEvent}
 */
function summaryEvent(base, described, role) {
  return {
    elementId: base.elementId,
    elementName: base.elementName,
    elementType: base.elementType,
    scope: base.scope,
    startsProcess: base.startsProcess,
    inEventSubProcess: base.inEventSubProcess,
    attachedTo: base.attachedTo,
    interrupting: base.interrupting,
    afterEventGateway: base.afterEventGateway,
    kind: described.kind,
    name: described.name,
    refId: described.refId,
    timer: described.timer,
    role,
  };
}

/** @param {EventKind} kind @param {any} definition @returns {Described} */
function describeDefinition(kind, definition) {
  switch (kind) {
    case 'message':
      return describeMessage(definition.messageRef);
    case 'signal':
      return describeRef('signal', definition.signalRef, (ref) => ref.name);
    case 'error':
      return describeRef('error', definition.errorRef, (ref) => ref.errorCode);
    case 'escalation':
      return describeRef('escalation', definition.escalationRef, (ref) => ref.escalationCode);
    default:
      return { kind: 'timer', name: null, refId: null, timer: describeTimer(definition) };
  }
}

/** @param {any} message */
function describeMessage(message) {
  return describeRef('message', message, (ref) => ref.name);
}

/** @param {EventKind} kind @param {any} ref @param {(ref: any) => any} nameOf @returns {Described} */
function describeRef(kind, ref, nameOf) {
  const name = ref ? nameOf(ref) : null;
  return {
    kind,
    name: name === undefined || name === null || name === '' ? null : String(name),
    refId: ref ? ref.id : null,
    timer: null,
  };
}

/** @param {any} definition `bpmn:TimerEventDefinition` @returns {SummaryEvent['timer']} */
function describeTimer(definition) {
  for (const type of /** @type {const} */ (['timeDate', 'timeDuration', 'timeCycle'])) {
    const expression = definition[type];
    if (expression) {
      const body = expression.body === undefined ? null : String(expression.body).trim();
      return { type, value: body };
    }
  }
  return { type: null, value: null };
}

/**
 * Waits that a running instance can sit in: message, signal and timer catches, receive tasks.
 * A process's own start events are included (a message start is still a name producers rely on);
 * filter on `startsProcess` where only real wait states matter.
 * @param {ProcessEventSummary} summary
 * @returns {SummaryEvent[]}
 */
function waitsOf(summary) {
  return summary.events.filter((event) => event.role === 'catch' && WAIT_KINDS.has(event.kind));
}

module.exports = {
  summarizeEvents,
  summarizeIndex,
  waitsOf,
};

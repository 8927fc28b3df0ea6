'use strict';

/**
 * Small read-only helpers over a bpmn-moddle tree. Every Seam rule indexes the model once from
 * `bpmn:Definitions` and then looks things up, so a rule stays linear in model size and never
 * walks the diagram interchange (shapes, edges) that bpmnlint's generic traversal visits.
 */

/**
 * Type answers per moddle type descriptor. `$instanceOf` walks the type hierarchy on every call
 * and dominated the rules' cost on large models; the answer depends only on the schema type, so
 * it is remembered per descriptor (schema data, never anything from a linted model).
 * @type {WeakMap<object, Map<string, boolean>>}
 */
const typeAnswers = new WeakMap();

/** @param {any} element @param {string} type */
function is(element, type) {
  if (!element || typeof element.$instanceOf !== 'function') return false;
  if (element.$type === type) return true;
  const descriptor = element.$descriptor;
  if (!descriptor) return element.$instanceOf(type);
  let answers = typeAnswers.get(descriptor);
  if (!answers) {
    answers = new Map();
    typeAnswers.set(descriptor, answers);
  }
  let answer = answers.get(type);
  if (answer === undefined) {
    answer = Boolean(element.$instanceOf(type));
    answers.set(type, answer);
  }
  return answer;
}

/** @param {any} element @param {string[]} types */
function isAny(element, types) {
  return types.some((type) => is(element, type));
}

/** @type {Map<string, 'message'|'signal'|'timer'|'error'|'escalation'>} */
const KIND_BY_DEFINITION = new Map([
  ['bpmn:MessageEventDefinition', 'message'],
  ['bpmn:SignalEventDefinition', 'signal'],
  ['bpmn:TimerEventDefinition', 'timer'],
  ['bpmn:ErrorEventDefinition', 'error'],
  ['bpmn:EscalationEventDefinition', 'escalation'],
]);

/**
 * @param {any} definition an event definition
 * @returns {'message'|'signal'|'timer'|'error'|'escalation'|null}
 */
function eventKindOf(definition) {
  // The five types are siblings, so a definition of one of them exactly is of no other; only a
  // subtype (from a moddle extension) needs the hierarchy.
  const exact = definition && typeof definition.$instanceOf === 'function' ? KIND_BY_DEFINITION.get(definition.$type) : undefined;
  if (exact) return exact;
  for (const [type, kind] of KIND_BY_DEFINITION) {
    if (is(definition, type)) return kind;
  }
  return null;
}

/** @param {any} node */
function eventDefinitionsOf(node) {
  return (node && node.eventDefinitions) || [];
}

/** @param {any} node @param {string} kind */
function findEventDefinition(node, kind) {
  return eventDefinitionsOf(node).find((/** @type {any} */ definition) => eventKindOf(definition) === kind);
}

const TYPE_LABELS = [
  ['bpmn:BoundaryEvent', 'boundary event'],
  ['bpmn:IntermediateCatchEvent', 'intermediate catch event'],
  ['bpmn:IntermediateThrowEvent', 'intermediate throw event'],
  ['bpmn:StartEvent', 'start event'],
  ['bpmn:EndEvent', 'end event'],
  ['bpmn:ReceiveTask', 'receive task'],
  ['bpmn:SendTask', 'send task'],
  ['bpmn:UserTask', 'user task'],
  ['bpmn:ServiceTask', 'service task'],
  ['bpmn:CallActivity', 'call activity'],
  ['bpmn:SubProcess', 'sub-process'],
  ['bpmn:Task', 'task'],
  ['bpmn:Gateway', 'gateway'],
  ['bpmn:Process', 'process'],
  ['bpmn:Message', 'message'],
  ['bpmn:Signal', 'signal'],
  ['bpmn:Error', 'error'],
  ['bpmn:Escalation', 'escalation'],
];

/**
 * How a modeler recognises the element: its type and its label, or its id when it has none.
 * @param {any} element
 */
function describe(element) {
  const entry = TYPE_LABELS.find(([type]) => is(element, type));
  const type = entry ? entry[1] : 'element';
  const name = element.name && String(element.name).trim();
  return name ? `${type} "${name}"` : `${type} ${element.id}`;
}

/** @param {string} sentence */
function capitalize(sentence) {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * A `camunda:*` attribute, whether or not the Camunda moddle extension is registered
 * (without it the attribute stays in `$attrs`).
 * @param {any} element
 * @param {string} name local name, e.g. `topic`
 */
function camundaAttribute(element, name) {
  const qualified = `camunda:${name}`;
  const value = typeof element.get === 'function' ? element.get(qualified) : undefined;
  if (value !== undefined && value !== null) return value;
  return element.$attrs ? element.$attrs[qualified] : undefined;
}

/**
 * `camunda:properties` of an element as a Map, read from typed or generic extension elements.
 * @param {any} element
 * @returns {Map<string, string>}
 */
function camundaProperties(element) {
  const properties = new Map();
  const extensions = (element.extensionElements && element.extensionElements.values) || [];
  for (const extension of extensions) {
    if (String(extension.$type).toLowerCase() !== 'camunda:properties') continue;
    for (const property of extension.values || extension.$children || []) {
      if (property.name !== undefined) properties.set(property.name, property.value);
    }
  }
  return properties;
}

/**
 * @typedef {{ node: any, process: any, scope: any }} IndexedNode
 * @typedef {{
 *   processes: any[],
 *   flowNodes: IndexedNode[],
 *   byId: Map<string, IndexedNode>,
 *   incoming: Map<any, any[]>,
 *   outgoing: Map<any, any[]>,
 *   boundariesByHost: Map<any, any[]>,
 *   rootElements: { messages: any[], signals: any[], errors: any[], escalations: any[] },
 * }} ModelIndex
 */

/**
 * Whether Camunda 7 deploys the process. Its BpmnParse (`parseProcessDefinitions`) deploys a
 * process of a new deployment only when `isExecutable="true"` is written: `false` is ignored
 * ("Ignoring non-executable process") and so is a missing attribute (`!deployment.isNew()`).
 * @param {any} process `bpmn:Process`
 */
function isExecutableProcess(process) {
  return process.isExecutable === true;
}

/**
 * One pass over the semantic model: flow nodes with their process and enclosing scope, sequence
 * flow neighbours (from the flows themselves, since `incoming`/`outgoing` are optional in XML),
 * boundary events by host, and the global message/signal/error/escalation elements.
 * With `executableOnly`, processes Camunda 7 would not deploy are left out: the rules lint what
 * the engine runs, while the event summary (contracts, baselines) describes every process.
 * @param {any} definitions `bpmn:Definitions`
 * @param {{ executableOnly?: boolean }} [options]
 * @returns {ModelIndex}
 */
function indexModel(definitions, options = {}) {
  /** @type {ModelIndex} */
  const index = {
    processes: [],
    flowNodes: [],
    byId: new Map(),
    incoming: new Map(),
    outgoing: new Map(),
    boundariesByHost: new Map(),
    rootElements: { messages: [], signals: [], errors: [], escalations: [] },
  };

  /** @param {any} container @param {any} process */
  const collect = (container, process) => {
    for (const element of container.flowElements || []) {
      if (is(element, 'bpmn:SequenceFlow')) {
        addTo(index.outgoing, element.sourceRef, element.targetRef);
        addTo(index.incoming, element.targetRef, element.sourceRef);
        continue;
      }
      if (!is(element, 'bpmn:FlowNode')) continue;
      const entry = { node: element, process, scope: container };
      index.flowNodes.push(entry);
      index.byId.set(element.id, entry);
      if (is(element, 'bpmn:BoundaryEvent') && element.attachedToRef) {
        addTo(index.boundariesByHost, element.attachedToRef, element);
      }
      if (is(element, 'bpmn:SubProcess')) collect(element, process);
    }
  };

  for (const root of definitions.rootElements || []) {
    if (is(root, 'bpmn:Process')) {
      if (options.executableOnly && !isExecutableProcess(root)) continue;
      index.processes.push(root);
      collect(root, root);
    } else if (is(root, 'bpmn:Message')) index.rootElements.messages.push(root);
    else if (is(root, 'bpmn:Signal')) index.rootElements.signals.push(root);
    else if (is(root, 'bpmn:Error')) index.rootElements.errors.push(root);
    else if (is(root, 'bpmn:Escalation')) index.rootElements.escalations.push(root);
  }
  return index;
}

/** @param {Map<any, any[]>} map @param {any} key @param {any} value */
function addTo(map, key, value) {
  if (!key || !value) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** @param {any} scope */
function isEventSubProcess(scope) {
  return is(scope, 'bpmn:SubProcess') && scope.triggeredByEvent === true;
}

/**
 * Walks from `start` along `next` through nodes for which `isPassable` holds. Every path must
 * reach a node for which `isTarget` holds; the first other node met is returned as the blocker.
 * Callers pass a narrow `isPassable` (gateways, hook tasks), so a walk stays within the few nodes
 * around one element instead of scanning the graph.
 * @param {any} start
 * @param {(node: any) => any[]} next
 * @param {(node: any) => boolean} isTarget
 * @param {(node: any) => boolean} isPassable
 * @returns {{ ok: true } | { ok: false, blocker: any|null }}
 */
function everyPathReaches(start, next, isTarget, isPassable) {
  const stack = [...next(start)];
  if (stack.length === 0) return { ok: false, blocker: null };
  const visited = new Set();
  while (stack.length > 0) {
    const node = stack.pop();
    if (visited.has(node)) continue;
    visited.add(node);
    if (isTarget(node)) continue;
    if (!isPassable(node)) return { ok: false, blocker: node };
    const following = next(node);
    if (following.length === 0) return { ok: false, blocker: node };
    stack.push(...following);
  }
  return { ok: true };
}

module.exports = {
  everyPathReaches,
  is,
  isAny,
  eventKindOf,
  eventDefinitionsOf,
  findEventDefinition,
  describe,
  capitalize,
  camundaAttribute,
  camundaProperties,
  indexModel,
  isExecutableProcess,
  isEventSubProcess,
};

'use strict';

/**
 * Small read-only helpers over a bpmn-moddle tree. The Seam rules of one lint share one index of
 * the model from `bpmn:Definitions` (`lint-run.js`) and then look things up, so a rule stays
 * linear in model size and never walks the diagram interchange (shapes, edges) that bpmnlint's
 * generic traversal visits.
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

/** @param {any} element @returns {any[]} the `camunda:properties` extension elements, typed or generic */
function camundaPropertyLists(element) {
  const extensions = (element.extensionElements && element.extensionElements.values) || [];
  return extensions.filter((/** @type {any} */ extension) => String(extension.$type).toLowerCase() === 'camunda:properties');
}

/**
 * `camunda:properties` of an element as a Map, read from typed or generic extension elements.
 * @param {any} element
 * @returns {Map<string, string>}
 */
function camundaProperties(element) {
  const properties = new Map();
  for (const extension of camundaPropertyLists(element)) {
    for (const property of extension.values || extension.$children || []) {
      if (property.name !== undefined) properties.set(property.name, property.value);
    }
  }
  return properties;
}

/**
 * One `camunda:property` of an element (the last one of that name, as in `camundaProperties`),
 * without building the map: rules ask this of every element they visit, and most have none.
 * @param {any} element
 * @param {string} name
 * @returns {string|undefined}
 */
function camundaProperty(element, name) {
  if (!element.extensionElements) return undefined;
  let value;
  for (const extension of camundaPropertyLists(element)) {
    for (const property of extension.values || extension.$children || []) {
      if (property.name === name) value = property.value;
    }
  }
  return value;
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
 * flows, and the global message/signal/error/escalation elements. The maps over them (flow nodes
 * by id, sequence flow neighbours taken from the flows themselves, since `incoming`/`outgoing`
 * are optional in XML, boundary events by host) are built on first use: many rules need none,
 * and on a large model the maps cost more than the pass.
 * With `executableOnly`, processes Camunda 7 would not deploy are left out: the rules lint what
 * the engine runs, while the event summary (contracts, baselines) describes every process.
 * @param {any} definitions `bpmn:Definitions`
 * @param {{ executableOnly?: boolean }} [options]
 * @returns {ModelIndex}
 */
function indexModel(definitions, options = {}) {
  /** @type {any[]} */
  const processes = [];
  /** @type {IndexedNode[]} */
  const flowNodes = [];
  /** @type {any[]} */
  const sequenceFlows = [];
  /** @type {ModelIndex['rootElements']} */
  const rootElements = { messages: [], signals: [], errors: [], escalations: [] };

  /** @param {any} container @param {any} process */
  const collect = (container, process) => {
    for (const element of container.flowElements || []) {
      if (is(element, 'bpmn:SequenceFlow')) {
        sequenceFlows.push(element);
        continue;
      }
      if (!is(element, 'bpmn:FlowNode')) continue;
      flowNodes.push({ node: element, process, scope: container });
      if (is(element, 'bpmn:SubProcess')) collect(element, process);
    }
  };

  for (const root of definitions.rootElements || []) {
    if (is(root, 'bpmn:Process')) {
      if (options.executableOnly && !isExecutableProcess(root)) continue;
      processes.push(root);
      collect(root, root);
    } else if (is(root, 'bpmn:Message')) rootElements.messages.push(root);
    else if (is(root, 'bpmn:Signal')) rootElements.signals.push(root);
    else if (is(root, 'bpmn:Error')) rootElements.errors.push(root);
    else if (is(root, 'bpmn:Escalation')) rootElements.escalations.push(root);
  }

  const byId = once(() => {
    /** @type {Map<string, IndexedNode>} */
    const map = new Map();
    for (const entry of flowNodes) map.set(entry.node.id, entry);
    return map;
  });
  const neighbours = once(() => {
    const incoming = new Map();
    const outgoing = new Map();
    for (const flow of sequenceFlows) {
      addTo(outgoing, flow.sourceRef, flow.targetRef);
      addTo(incoming, flow.targetRef, flow.sourceRef);
    }
    return { incoming, outgoing };
  });
  const boundariesByHost = once(() => {
    const byHost = new Map();
    for (const { node } of flowNodes) {
      if (is(node, 'bpmn:BoundaryEvent') && node.attachedToRef) addTo(byHost, node.attachedToRef, node);
    }
    return byHost;
  });
  return {
    processes,
    flowNodes,
    rootElements,
    get byId() {
      return byId();
    },
    get incoming() {
      return neighbours().incoming;
    },
    get outgoing() {
      return neighbours().outgoing;
    },
    get boundariesByHost() {
      return boundariesByHost();
    },
  };
}

/** @template T @param {() => T} build @returns {() => T} the value `build` gives, built on the first call */
function once(build) {
  /** @type {{ value: T } | null} */
  let built = null;
  return () => {
    if (!built) built = { value: build() };
    return built.value;
  };
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
  camundaProperty,
  indexModel,
  once,
  isExecutableProcess,
  isEventSubProcess,
};

'use strict';

/**
 * The shadow-hook convention of docs/shadow-hooks.md, as model queries shared by the
 * `shadow-hooks` and `shadow-close` rules: which message waits the bridge targets, which tasks
 * are hooks, and whether every path into, out of, or cancelling a wait meets the right hook.
 */

const { is, isAny, findEventDefinition, camundaAttribute, camundaProperty, everyPathReaches } = require('./model');

const DEFAULT_TOPICS = { open: 'seam-shadow-open', close: 'seam-shadow-close', expire: 'seam-shadow-expire' };
const DEFAULT_MESSAGE_PROPERTY = 'seam.message';

/**
 * @typedef {{ targetedMessages?: string[], topics?: Partial<typeof DEFAULT_TOPICS>, messageProperty?: string }} ShadowHookOptions
 * @typedef {{ key: any, members: any[] }} CancelGroup
 *   `members` are the elements whose paths cancel the group's waits (all but their own).
 * @typedef {{ node: any, message: string, anchor: any, group: CancelGroup|null }} MessageWait
 *   `anchor` is the node whose incoming path must open the shadow; the members of `group` other
 *   than the wait itself cancel it and so must expire it first.
 * @typedef {{ role: 'open'|'close'|'expire', message: string|undefined }} Hook
 */

/** @param {ShadowHookOptions} [options] */
function normalizeOptions(options = {}) {
  return {
    targeted: Array.isArray(options.targetedMessages) ? new Set(options.targetedMessages) : null,
    topics: { ...DEFAULT_TOPICS, ...(options.topics || {}) },
    messageProperty: options.messageProperty || DEFAULT_MESSAGE_PROPERTY,
  };
}

/**
 * @param {any} node
 * @param {ReturnType<typeof normalizeOptions>} options
 * @returns {Hook|null}
 */
function hookOf(node, options) {
  if (!is(node, 'bpmn:Task') || camundaAttribute(node, 'type') !== 'external') return null;
  const topic = camundaAttribute(node, 'topic');
  const role = /** @type {Hook['role']|undefined} */ (
    Object.keys(options.topics).find((key) => options.topics[/** @type {keyof typeof DEFAULT_TOPICS} */ (key)] === topic)
  );
  if (!role) return null;
  return { role, message: camundaProperty(node, options.messageProperty) };
}

/**
 * Message waits the bridge targets: intermediate catch events, receive tasks and message
 * boundary events. Start events are guarded by the instance registry instead.
 * Waits that cancel each other share one `group`: the branches of an event-based gateway, or a
 * receive task or host with its interrupting boundary events. Each member cancels every wait of
 * the group but its own, which callers handle per group to stay linear in fan-out.
 * @param {import('./model').ModelIndex} index
 * @param {ReturnType<typeof normalizeOptions>} options
 * @returns {MessageWait[]}
 */
function targetedWaits(index, options) {
  /** @type {Map<any, CancelGroup>} */
  const groups = new Map();
  /** @param {any} key @param {() => any[]} membersOf */
  const groupOf = (key, membersOf) => {
    let group = groups.get(key);
    if (!group) {
      group = { key, members: membersOf() };
      groups.set(key, group);
    }
    return group;
  };
  const interruptingBoundaries = (/** @type {any} */ host) => (index.boundariesByHost.get(host) || []).filter((b) => b.cancelActivity !== false);

  /** @type {MessageWait[]} */
  const waits = [];
  for (const { node } of index.flowNodes) {
    const message = waitedMessage(node);
    if (!message || (options.targeted && !options.targeted.has(message))) continue;

    if (is(node, 'bpmn:BoundaryEvent')) {
      const host = node.attachedToRef;
      waits.push({ node, message, anchor: host || node, group: host ? groupOf(host, () => interruptingBoundaries(host)) : null });
    } else if (is(node, 'bpmn:ReceiveTask')) {
      waits.push({ node, message, anchor: node, group: groupOf(node, () => interruptingBoundaries(node)) });
    } else {
      const gateway = (index.incoming.get(node) || []).find((source) => is(source, 'bpmn:EventBasedGateway'));
      waits.push({ node, message, anchor: gateway || node, group: gateway ? groupOf(gateway, () => index.outgoing.get(gateway) || []) : null });
    }
  }
  return waits;
}

/** @param {any} node @returns {string|null} */
function waitedMessage(node) {
  let messageRef;
  if (is(node, 'bpmn:ReceiveTask')) messageRef = node.messageRef;
  else if (isAny(node, ['bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent'])) {
    const definition = findEventDefinition(node, 'message');
    if (!definition) return null;
    messageRef = definition.messageRef;
  } else return null;
  return messageRef && messageRef.name ? String(messageRef.name) : null;
}

/**
 * Every path from `start` over gateways and hook tasks reaches `isTarget`.
 * @param {any} start
 * @param {(node: any) => any[]} next
 * @param {(node: any) => boolean} isTarget
 * @param {ReturnType<typeof normalizeOptions>} options
 */
function everyHookPathReaches(start, next, isTarget, options) {
  return everyPathReaches(start, next, isTarget, (node) => is(node, 'bpmn:Gateway') || Boolean(hookOf(node, options)));
}

/**
 * @param {ReturnType<typeof normalizeOptions>} options
 * @param {'open'|'close'|'expire'} role
 * @param {string} message
 */
function hookFor(options, role, message) {
  return (/** @type {any} */ node) => {
    const hook = hookOf(node, options);
    return Boolean(hook && hook.role === role && hook.message === message);
  };
}

/** @param {import('./model').ModelIndex} index */
function navigators(index) {
  return {
    backward: (/** @type {any} */ node) => index.incoming.get(node) || [],
    forward: (/** @type {any} */ node) => index.outgoing.get(node) || [],
  };
}

module.exports = {
  DEFAULT_TOPICS,
  normalizeOptions,
  hookOf,
  targetedWaits,
  everyHookPathReaches,
  hookFor,
  navigators,
};

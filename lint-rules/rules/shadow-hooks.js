'use strict';

const { is, describe, capitalize } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');
const { normalizeOptions, targetedWaits, everyHookPathReaches, hookFor, hookOf, navigators } = require('../lib/shadow-hooks');

/**
 * The bridge only correlates a message when the subscription shadow says an instance waits for
 * it (docs/shadow-hooks.md). Reports, for every message wait the bridge targets:
 * - open: a path into the wait (into the host activity for a boundary event, into the
 *   event-based gateway for a catch behind one) that does not pass a `seam-shadow-open` task
 *   for the same message, walking back over gateways and other hook tasks only;
 * - expire: an interrupting boundary event on a waiting receive task, another interrupting
 *   boundary beside a message boundary, or another branch of the event-based gateway, whose path
 *   does not start (over gateways and hook tasks) with a `seam-shadow-expire` task for the message.
 *
 * @param {import('../lib/shadow-hooks').ShadowHookOptions} [config]
 *   `targetedMessages` (default: every message wait), `topics` ({ open, close, expire }),
 *   `messageProperty` (default `seam.message`).
 */
module.exports = function shadowHooks(config = {}) {
  const options = normalizeOptions(config);

  return definitionsRule(
    'shadow-hooks',
    (definitions, report) => {
      const index = lintIndex(definitions);
      const { backward, forward } = navigators(index);

      // A canceller (e.g. one branch of an event-based gateway) cancels every other wait of its
      // group: each group is handled once, so work and findings stay linear in fan-out.
      /** @type {Map<any, { group: any, waits: any[] }>} */
      const groups = new Map();

      for (const wait of targetedWaits(index, options)) {
        const element = capitalize(describe(wait.node));
        const open = everyHookPathReaches(wait.anchor, backward, hookFor(options, 'open', wait.message), options);
        if (!open.ok) {
          const via = wait.anchor === wait.node ? '' : ` (the path into ${describe(wait.anchor)})`;
          const found = open.blocker ? `; ${describe(open.blocker)} comes first` : '';
          report(
            wait.node.id,
            `${element} waits for message "${wait.message}" but a path into it${via} does not pass a ${options.topics.open} task for "${wait.message}" right before it${found}`,
          );
        }
        if (!wait.group) continue;
        const entry = groups.get(wait.group) || { group: wait.group, waits: [] };
        entry.waits.push(wait);
        groups.set(wait.group, entry);
      }

      for (const { group, waits } of groups.values()) {
        /** @type {Map<string, any[]>} waiting elements per message, in model order */
        const byMessage = new Map();
        const messageOf = new Map(waits.map((wait) => [wait.node, wait.message]));
        for (const wait of waits) {
          const nodes = byMessage.get(wait.message);
          if (nodes) nodes.push(wait.node);
          else byMessage.set(wait.message, [wait.node]);
        }

        for (const canceller of group.members) {
          const cancels = (/** @type {string} */ message) => (byMessage.get(message) || []).some((node) => node !== canceller);
          const ahead = hooksAhead(canceller, forward, options);
          let blocker = ahead.blocker;
          const expired = new Set();
          for (const message of ahead.expired) {
            if (!byMessage.has(message) || !cancels(message)) continue;
            const expire = everyHookPathReaches(canceller, forward, hookFor(options, 'expire', message), options);
            if (expire.ok) expired.add(message);
            else blocker = blocker || expire.blocker;
          }
          const ownMessage = messageOf.get(canceller);
          const cancelledCount = byMessage.size - (ownMessage !== undefined && !cancels(ownMessage) ? 1 : 0);
          const missingCount = cancelledCount - expired.size;
          if (missingCount === 0) continue;
          const shown = firstMissing(byMessage, (message) => cancels(message) && !expired.has(message), 5);
          const found = blocker ? `; ${describe(blocker)} comes first` : '';
          const what =
            missingCount === 1
              ? `the wait for message "${shown[0]}" at ${describe((byMessage.get(shown[0]) || []).find((node) => node !== canceller))}, but its path does not start with a ${options.topics.expire} task for "${shown[0]}"`
              : `the waits for ${shown.map((message) => `"${message}"`).join(', ')}${missingCount > shown.length ? ` and ${missingCount - shown.length} more` : ''}, but its path does not start with a ${options.topics.expire} task for each of them`;
          report(canceller.id, `${capitalize(describe(canceller))} cancels ${what}${found}`);
        }
      }
    },
    config,
  );
};

/**
 * The first `limit` messages (in model order) that `isMissing` accepts: a finding names a few
 * and counts the rest, so it stays one readable line at any fan-out.
 * @param {Map<string, any[]>} byMessage @param {(message: string) => boolean} isMissing @param {number} limit
 */
function firstMissing(byMessage, isMissing, limit) {
  const shown = [];
  for (const message of byMessage.keys()) {
    if (shown.length === limit) break;
    if (isMissing(message)) shown.push(message);
  }
  return shown;
}

/**
 * The messages of the expire hooks on the path ahead of `start` (over gateways and hook tasks),
 * and the first other element met there.
 * @param {any} start @param {(node: any) => any[]} next @param {ReturnType<typeof normalizeOptions>} options
 */
function hooksAhead(start, next, options) {
  const expired = new Set();
  let blocker = null;
  const visited = new Set();
  const stack = [...next(start)];
  while (stack.length > 0) {
    const node = stack.pop();
    if (visited.has(node)) continue;
    visited.add(node);
    const hook = hookOf(node, options);
    if (hook && hook.role === 'expire' && hook.message !== undefined) expired.add(hook.message);
    if (!hook && !isGateway(node)) {
      blocker = blocker || node;
      continue;
    }
    stack.push(...next(node));
  }
  return { expired, blocker };
}

/** @param {any} node */
function isGateway(node) {
  return is(node, 'bpmn:Gateway');
}

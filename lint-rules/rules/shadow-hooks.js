'use strict';

const { describe, capitalize } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');
const { normalizeOptions, targetedWaits, everyHookPathReaches, hookFor, navigators } = require('../lib/shadow-hooks');

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

  return definitionsRule('shadow-hooks', (definitions, report) => {
    const index = lintIndex(definitions);
    const { backward, forward } = navigators(index);

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

      for (const canceller of wait.cancelledBy) {
        const expire = everyHookPathReaches(canceller, forward, hookFor(options, 'expire', wait.message), options);
        if (expire.ok) continue;
        const found = expire.blocker ? `; ${describe(expire.blocker)} comes first` : '';
        report(
          canceller.id,
          `${capitalize(describe(canceller))} cancels the wait for message "${wait.message}" at ${describe(wait.node)}, but its path does not start with a ${options.topics.expire} task for "${wait.message}"${found}`,
        );
      }
    }
  }, config);
};

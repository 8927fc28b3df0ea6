'use strict';

const { describe, capitalize } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');
const { normalizeOptions, targetedWaits, everyHookPathReaches, hookFor, navigators } = require('../lib/shadow-hooks');

/**
 * After the message arrived, the model closes the subscription shadow with a
 * `seam-shadow-close` task (docs/shadow-hooks.md). The bridge closes it too when it correlates,
 * so a missing close is a warning: reports message waits whose outgoing path does not pass (over
 * gateways and other hook tasks) a close task for the same message.
 *
 * @param {import('../lib/shadow-hooks').ShadowHookOptions} [config] same options as `shadow-hooks`
 */
module.exports = function shadowClose(config = {}) {
  const options = normalizeOptions(config);

  return definitionsRule(
    'shadow-close',
    (definitions, report) => {
      const index = lintIndex(definitions);
      const { forward } = navigators(index);
      for (const wait of targetedWaits(index, options)) {
        const close = everyHookPathReaches(wait.node, forward, hookFor(options, 'close', wait.message), options);
        if (close.ok) continue;
        const found = close.blocker ? `; ${describe(close.blocker)} comes first` : '';
        report(
          wait.node.id,
          `${capitalize(describe(wait.node))} receives message "${wait.message}" but its path out does not pass a ${options.topics.close} task for "${wait.message}"${found}`,
        );
      }
    },
    config,
  );
};

'use strict';

const { is, eventKindOf, eventDefinitionsOf, describe, capitalize } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');
const { nameProblems } = require('../lib/names');

/**
 * Message names are the contract producers address: they must name one business event, stably.
 * Reports generic names (`Callback`, `Done`, `ResponseReceived`), names the editor generated
 * (`Message_0abc123`), environment/version/transport noise (`dev_`, `_v2`, `_new`, `_final`,
 * `kafka`), and names built from process data. Each problem is reported on every element that
 * sends or waits for the message, so the modeler sees it where it is drawn; a message nothing
 * uses is reported on itself.
 *
 * @param {{ genericNames?: string[], noiseWords?: string[], transportWords?: string[] }} [config]
 */
module.exports = function messageNameHygiene(config = {}) {
  return definitionsRule(
    'message-name-hygiene',
    (definitions, report) => {
      const index = lintIndex(definitions);
      const users = new Map();
      for (const { node } of index.flowNodes) {
        for (const message of referencedMessages(node)) {
          const list = users.get(message) || [];
          list.push(node);
          users.set(message, list);
        }
      }

      for (const message of index.rootElements.messages) {
        if (!message.name) continue;
        const problems = nameProblems(String(message.name), config);
        if (problems.length === 0) continue;
        const because = problems.join('; and ');
        const elements = users.get(message);
        if (!elements) {
          if (index.processes.length === 0) continue;
          report(message.id, `Message "${message.name}", which no element uses yet, ${because}`);
          continue;
        }
        for (const element of elements) {
          report(element.id, `${capitalize(describe(element))} uses message name "${message.name}", which ${because}`);
        }
      }
    },
    config,
  );
};

/** @param {any} node */
function referencedMessages(node) {
  if (is(node, 'bpmn:ReceiveTask') || is(node, 'bpmn:SendTask')) {
    return node.messageRef ? [node.messageRef] : [];
  }
  return eventDefinitionsOf(node)
    .filter((/** @type {any} */ definition) => eventKindOf(definition) === 'message' && definition.messageRef)
    .map((/** @type {any} */ definition) => definition.messageRef);
}

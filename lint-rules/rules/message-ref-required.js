'use strict';

const { is, isAny, findEventDefinition, describe, capitalize } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');

/**
 * A message event without a named message can never be correlated by a producer, and Camunda 7
 * refuses to deploy a message event definition without `messageRef`. Reports message start,
 * intermediate catch and boundary events whose message reference is missing or unnamed, and
 * receive tasks that reference a message without a name. A receive task without any message is
 * a plain wait state that Camunda 7 deploys and continues through `runtimeService.signal`
 * (REST: `POST /execution/{id}/signal`), so it is not reported.
 */
module.exports = function messageRefRequired(config = {}) {
  return definitionsRule(
    'message-ref-required',
    (definitions, report) => {
      for (const { node } of lintIndex(definitions).flowNodes) {
        let messageRef;
        if (is(node, 'bpmn:ReceiveTask')) {
          if (!node.messageRef) continue;
          messageRef = node.messageRef;
        } else if (isAny(node, ['bpmn:StartEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent'])) {
          const definition = findEventDefinition(node, 'message');
          if (!definition) continue;
          messageRef = definition.messageRef;
        } else continue;

        if (!messageRef) {
          report(node.id, `${capitalize(describe(node))} waits for a message but does not say which; select or create a message with a business event name`);
        } else if (!messageRef.name) {
          report(node.id, `${capitalize(describe(node))} waits for message ${messageRef.id}, which has no name; producers correlate by name, so give it one`);
        }
      }
    },
    config,
  );
};

'use strict';

const { is, findEventDefinition, describe, capitalize } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');

/**
 * An error boundary or error start event without an error reference, or referencing an error
 * without a code, catches every BPMN error in its scope: unexpected outcomes then continue down a
 * path designed for one known outcome and hide defects.
 */
module.exports = function errorCatchAll(config = {}) {
  return definitionsRule(
    'error-catch-all',
    (definitions, report) => {
      for (const { node } of lintIndex(definitions).flowNodes) {
        if (!is(node, 'bpmn:BoundaryEvent') && !is(node, 'bpmn:StartEvent')) continue;
        const definition = findEventDefinition(node, 'error');
        if (!definition) continue;
        const element = capitalize(describe(node));
        if (!definition.errorRef) {
          report(node.id, `${element} catches every BPMN error because it references none; reference the one business error it handles`);
        } else if (!definition.errorRef.errorCode) {
          report(
            node.id,
            `${element} references error ${definition.errorRef.name ? `"${definition.errorRef.name}"` : definition.errorRef.id} without an error code, so it catches every BPMN error; give the error its code`,
          );
        }
      }
    },
    config,
  );
};

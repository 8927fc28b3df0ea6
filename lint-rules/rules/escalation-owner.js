'use strict';

const { is, findEventDefinition, describe, capitalize, isEventSubProcess, camundaAttribute, camundaProperty, everyPathReaches } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');

/**
 * An escalation path needs an owner: a role, group or person who acts on it. Reports escalation
 * boundary events and escalation event sub-process starts after which (over gateways) not every
 * path reaches an owner task: a user task with an assignee or candidate users/groups, or any
 * activity carrying the extension property `seam.owner` (e.g. a notification task).
 *
 * @param {{ ownerProperty?: string }} [config]
 */
module.exports = function escalationOwner(config = {}) {
  const ownerProperty = config.ownerProperty || 'seam.owner';

  return definitionsRule(
    'escalation-owner',
    (definitions, report) => {
      const index = lintIndex(definitions);
      const next = (/** @type {any} */ node) => index.outgoing.get(node) || [];
      for (const { node, scope } of index.flowNodes) {
        if (!findEventDefinition(node, 'escalation')) continue;
        const isCatch = is(node, 'bpmn:BoundaryEvent') || (is(node, 'bpmn:StartEvent') && isEventSubProcess(scope));
        if (!isCatch) continue;
        const result = everyPathReaches(
          node,
          next,
          (candidate) => isOwnerTask(candidate, ownerProperty),
          (candidate) => is(candidate, 'bpmn:Gateway'),
        );
        if (result.ok) continue;
        const found = result.blocker ? ` (the path reaches ${describe(result.blocker)} first)` : '';
        report(
          node.id,
          `${capitalize(describe(node))} catches an escalation but no owner acts on it${found}; follow it with a user task assigned to a person or group, or a task with property ${ownerProperty}`,
        );
      }
    },
    config,
  );
};

/** @param {any} node @param {string} ownerProperty */
function isOwnerTask(node, ownerProperty) {
  if (!is(node, 'bpmn:Activity')) return false;
  if (camundaProperty(node, ownerProperty)) return true;
  return is(node, 'bpmn:UserTask') && ['assignee', 'candidateUsers', 'candidateGroups'].some((name) => camundaAttribute(node, name));
}

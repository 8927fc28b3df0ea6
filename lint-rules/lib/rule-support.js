'use strict';

const { is } = require('./model');

/**
 * A rule that looks at the whole model once, from `bpmn:Definitions`.
 * Returning `false` stops bpmnlint from descending into the tree for this rule: the rule already
 * indexed what it needs, and skipping the descent keeps the plugin's cost per model small.
 * Nothing is kept between calls, so the same rule instance can lint a model again after it
 * changed (as the Modeler does).
 *
 * @param {string} ruleName
 * @param {(definitions: any, report: (elementId: string, message: string) => void) => void} lintDefinitions
 */
function definitionsRule(ruleName, lintDefinitions) {
  function check(node, reporter) {
    if (!is(node, 'bpmn:Definitions')) return;
    lintDefinitions(node, (elementId, message) => reporter.report(elementId, message));
    return false;
  }
  return {
    check,
    meta: { documentation: { url: `docs/rules/${ruleName}.md` } },
  };
}

/**
 * The event contract of a process, as handed in by rule configuration (`contracts` keyed by
 * process key); undefined when the caller gave none for that process.
 * @param {any} config
 * @param {string} processKey
 */
function contractFor(config, processKey) {
  const contracts = (config && config.contracts) || {};
  return Object.prototype.hasOwnProperty.call(contracts, processKey) ? contracts[processKey] : undefined;
}

/** Contract events of one kind and name. @param {any} contract @param {string} kind @param {string|null} name */
function contractEvents(contract, kind, name) {
  return ((contract && contract.events) || []).filter((event) => event.kind === kind && event.name === name);
}

module.exports = { definitionsRule, contractFor, contractEvents };

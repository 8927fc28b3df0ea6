'use strict';

const { is } = require('./model');
const { lintRun } = require('./lint-run');

/**
 * @typedef {{ keepSuppressed?: boolean }} SuppressionOptions
 * `keepSuppressed`: report findings that a `seam.lint.disable` property suppresses anyway, for a
 * caller (`seam lint`) that marks them as suppressed itself with `readSuppressions`.
 */

/**
 * A rule that looks at the whole model once, from `bpmn:Definitions`.
 * Returning `false` stops bpmnlint from descending into the tree for this rule: the rule already
 * indexed what it needs, and skipping the descent keeps the plugin's cost per model small.
 * Nothing is kept between lints (see `lint-run.js`), so the same rule instance can lint a model
 * again after it changed (as the Modeler does). Reports on elements that `seam.lint.disable`
 * lists this rule for are dropped here, so every host of the plugin (CLI, bpmnlint, the Modeler)
 * honours them; the lists are read on the first report, since most lints report little.
 * The same finding on the same element is reported once.
 *
 * @param {string} ruleName
 * @param {(definitions: any, report: (elementId: string|undefined, message: string) => void) => void} lintDefinitions
 * @param {SuppressionOptions & Record<string, any>} [config] the rule's configuration
 */
function definitionsRule(ruleName, lintDefinitions, config = {}) {
  /** @param {any} node @param {{ report: (id: string|undefined, message: string) => void }} reporter */
  function check(node, reporter) {
    if (!is(node, 'bpmn:Definitions')) return;
    const run = lintRun(node);
    const seen = new Set();
    lintDefinitions(node, (elementId, message) => {
      const key = `${elementId}\u0000${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (!config.keepSuppressed && run.suppressions().isSuppressed(`seam/${ruleName}`, elementId)) return;
      reporter.report(elementId, message);
    });
    return false;
  }
  return {
    check,
    meta: { documentation: { url: `docs/rules/${ruleName}.md` } },
  };
}

/**
 * The index the rules lint: executable processes only, since Camunda 7 never deploys the others
 * (see `isExecutableProcess`); built once per lint for all rules.
 * @param {any} definitions
 */
function lintIndex(definitions) {
  return lintRun(definitions).index();
}

/**
 * The event contract of a process, as handed in by rule configuration (`contracts` keyed by
 * process key); undefined when the caller gave none for that process.
 * @param {any} config
 * @param {string|undefined} processKey
 */
function contractFor(config, processKey) {
  const contracts = (config && config.contracts) || {};
  return processKey !== undefined && Object.prototype.hasOwnProperty.call(contracts, processKey) ? contracts[processKey] : undefined;
}

/** Contract events of one kind and name. @param {any} contract @param {string} kind @param {string|null} name @returns {any[]} */
function contractEvents(contract, kind, name) {
  return ((contract && contract.events) || []).filter((/** @type {any} */ event) => event.kind === kind && event.name === name);
}

module.exports = { definitionsRule, lintIndex, contractFor, contractEvents };

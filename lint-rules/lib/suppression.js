'use strict';

const { is, camundaProperty } = require('./model');

/** The extension property that lists the rules not to report on an element and what it contains. */
const DISABLE_PROPERTY = 'seam.lint.disable';

/**
 * @typedef {{
 *   isSuppressed: (ruleName: string, elementId: string|null|undefined) => boolean,
 *   sourceOf: (ruleName: string, elementId: string|null|undefined) => string|null,
 * }} Suppressions
 */

/**
 * Reads every `seam.lint.disable` camunda:property of a model: on `bpmn:Definitions` it is the
 * file-level list, on a process, participant or sub-process it covers everything inside, on any
 * other element just that element. Values are comma-separated rule names, with or without the
 * `seam/` prefix (`shadow-hooks, seam/shadow-close, label-required`), or `all`.
 * The plugin's rules drop suppressed reports (so the Modeler shows nothing), and `seam lint`
 * uses the same answer to list them as suppressed.
 * @param {any} definitions `bpmn:Definitions`
 * @param {string} [property]
 * @returns {Suppressions}
 */
function readSuppressions(definitions, property = DISABLE_PROPERTY) {
  /** @type {Map<any, Set<string>>} */
  const lists = new Map();
  /** @type {Map<any, any>} the pool each process is drawn in */
  const participants = new Map();

  /** @param {any} element @param {(element: any) => void} action */
  const visit = (element, action) => {
    if (!element || typeof element !== 'object') return;
    action(element);
    for (const child of element.flowElements || []) visit(child, action);
    for (const child of element.participants || []) visit(child, action);
  };
  const roots = (definitions && definitions.rootElements) || [];
  for (const root of roots) {
    visit(root, (element) => {
      const value = camundaProperty(element, property);
      if (value) lists.set(element, parseList(String(value)));
    });
    for (const participant of root.participants || []) if (participant.processRef) participants.set(participant.processRef, participant);
  }
  const fileList = definitions ? parseList(String(camundaProperty(definitions, property) || '')) : new Set();

  // Elements by id, to find what a finding is inside of: only needed when something is suppressed at all.
  /** @type {Map<string, any>} */
  const byId = new Map();
  if (lists.size > 0) for (const root of roots) visit(root, (element) => element.id && byId.set(String(element.id), element));

  /** @param {string} ruleName @param {string|null|undefined} elementId @returns {string|null} */
  function sourceOf(ruleName, elementId) {
    const names = ruleNames(ruleName);
    const covers = (/** @type {Set<string>} */ list) => list.has('all') || names.some((name) => list.has(name));
    const start = elementId ? byId.get(String(elementId)) : undefined;
    for (let element = start; element && !is(element, 'bpmn:Definitions'); element = element.$parent) {
      const list = lists.get(element);
      if (list && covers(list)) return element.id ? String(element.id) : 'element';
      if (is(element, 'bpmn:Process')) {
        // A process drawn in a pool is suppressed through its participant too.
        const participant = participants.get(element);
        const poolList = participant && lists.get(participant);
        if (poolList && covers(poolList)) return String(participant.id);
      }
    }
    return covers(fileList) ? 'file' : null;
  }

  return { isSuppressed: (ruleName, elementId) => sourceOf(ruleName, elementId) !== null, sourceOf };
}

/** `seam/shadow-hooks` answers to `seam/shadow-hooks` and `shadow-hooks`. @param {string} ruleName */
function ruleNames(ruleName) {
  const short = ruleName.replace(/^seam\//, '');
  return [...new Set([ruleName, short, `seam/${short}`])];
}

/** @param {string} value */
function parseList(value) {
  return new Set(
    value
      .split(/[,\s]+/)
      .map((name) => name.trim())
      .filter(Boolean),
  );
}

module.exports = { DISABLE_PROPERTY, readSuppressions };

'use strict';

const { definitionsRule, lintIndex } = require('../lib/rule-support');

const MODELER_NAMESPACE = 'http://camunda.org/schema/modeler/1.0';
const CAMUNDA_7 = 'Camunda Platform';

/**
 * The Camunda Desktop Modeler decides which engine a diagram is for, and so which of its own
 * lint rules (@camunda/linting) to run, from two attributes on `bpmn:Definitions`:
 * `modeler:executionPlatform="Camunda Platform"` and `modeler:executionPlatformVersion="7.x"`.
 * Without them the Modeler lints nothing and offers the wrong properties. Reports a model with
 * an executable process whose definitions lack them, name another platform (Camunda 8 is
 * "Camunda Cloud"), or a version that is not 7.x. A model without executable processes is not
 * deployed, so it is not reported.
 *
 * @param {{ version?: string, keepSuppressed?: boolean }} [config] `version`: the version to suggest (default 7.24.0)
 */
module.exports = function executionPlatform(config = {}) {
  const suggested = config.version || '7.24.0';

  return definitionsRule(
    'execution-platform',
    (definitions, report) => {
      if (lintIndex(definitions).processes.length === 0) return;
      const platform = modelerAttribute(definitions, 'executionPlatform');
      const version = modelerAttribute(definitions, 'executionPlatformVersion');
      const add = `add xmlns:modeler="${MODELER_NAMESPACE}" modeler:executionPlatform="${CAMUNDA_7}" modeler:executionPlatformVersion="${suggested}" to bpmn:definitions`;

      if (platform === undefined || version === undefined) {
        report(
          definitions.id,
          `The model does not say it is for Camunda 7 (modeler:executionPlatform and modeler:executionPlatformVersion are missing), so the Camunda Modeler lints nothing in it; ${add}`,
        );
      } else if (platform !== CAMUNDA_7) {
        report(
          definitions.id,
          `The model says it is for "${platform}", not "${CAMUNDA_7}" (Camunda 7); the Camunda Modeler checks it against the wrong engine`,
        );
      } else if (!/^7\.\d+(\.\d+)?$/.test(String(version))) {
        report(definitions.id, `The model is for Camunda Platform ${version}, not a 7.x version; set modeler:executionPlatformVersion="${suggested}"`);
      }
    },
    config,
  );
};

/**
 * Reads a modeler attribute whether the moddle knows the modeler package (the Desktop Modeler and
 * bpmn-js with modeler-moddle make it a typed property) or not (plain bpmnlint keeps it in `$attrs`,
 * under whatever prefix the file binds to the modeler namespace).
 *
 * @param {any} definitions
 * @param {string} name
 * @returns {unknown}
 */
function modelerAttribute(definitions, name) {
  if (definitions[name] !== undefined) return definitions[name];
  const attrs = definitions.$attrs || {};
  const prefixes = Object.keys(attrs)
    .filter((key) => key.startsWith('xmlns:') && attrs[key] === MODELER_NAMESPACE)
    .map((key) => key.slice('xmlns:'.length));
  for (const prefix of prefixes.length ? prefixes : ['modeler']) {
    if (attrs[`${prefix}:${name}`] !== undefined) return attrs[`${prefix}:${name}`];
  }
  return undefined;
}

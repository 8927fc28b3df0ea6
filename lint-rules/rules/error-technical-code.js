'use strict';

const { eventKindOf, eventDefinitionsOf, describe, capitalize } = require('../lib/model');
const { definitionsRule, lintIndex } = require('../lib/rule-support');

const TECHNICAL_PATTERNS = [
  'TIME_?OUT',
  'TIMED_?OUT',
  '^HTTP_?[45]\\d\\d',
  '^DB_',
  'DATABASE',
  'UNAVAILABLE',
  '^CONNECTION',
  'NETWORK',
  'SQL',
  'IO_?EXCEPTION',
  'NULL_?POINTER',
  'INTERNAL_?(SERVER_)?ERROR',
  'SERVER_ERROR',
  'TECHNICAL',
  'RETRY',
  'DEADLOCK',
];

/**
 * A BPMN error is a business outcome the process handles; a technical failure belongs to retries
 * and incidents. An error whose code reads like an outage (`API_TIMEOUT`, `HTTP_503`,
 * `DB_DOWN`, `SERVICE_UNAVAILABLE`, `CONNECTION_REFUSED`) sends cases down a business path when
 * a system is down. Reported on every event that throws or catches the error, or on the error
 * itself when nothing in an executable process references it.
 * Camunda 7 also accepts a Java exception's class name as error code (`CreditRejectedException`,
 * `com.acme.CreditRejectedException`): the word "Exception" says nothing about the failure being
 * technical, so only the patterns decide (`java.net.SocketTimeoutException` still matches).
 * A heuristic: a warning in `plugin:seam/recommended`, with the patterns configurable.
 *
 * @param {{ technicalPatterns?: string[] }} [config] regular expressions, matched case-insensitively
 */
module.exports = function errorTechnicalCode(config = {}) {
  const patterns = (config.technicalPatterns || TECHNICAL_PATTERNS).map((source) => new RegExp(source, 'i'));

  return definitionsRule(
    'error-technical-code',
    (definitions, report) => {
      const index = lintIndex(definitions);
      const users = new Map();
      for (const { node } of index.flowNodes) {
        for (const definition of eventDefinitionsOf(node)) {
          if (eventKindOf(definition) !== 'error' || !definition.errorRef) continue;
          const list = users.get(definition.errorRef);
          if (list) list.push(node);
          else users.set(definition.errorRef, [node]);
        }
      }
      for (const error of index.rootElements.errors) {
        const code = error.errorCode ? String(error.errorCode) : '';
        const label = code || (error.name ? String(error.name) : '');
        if (!label || !patterns.some((pattern) => pattern.test(label))) continue;
        const elements = users.get(error) || (index.processes.length > 0 ? [error] : []);
        for (const element of elements) {
          report(
            element.id,
            `${capitalize(describe(element))} uses BPMN error "${label}", which reads like a technical failure; let the job fail and retry into an incident, and keep BPMN errors for business outcomes`,
          );
        }
      }
    },
    config,
  );
};

'use strict';

/**
 * Rules right for any Camunda 7 model, whoever wrote it. Errors are what the engine refuses or
 * fails on (a message event without a message, a timer value it cannot read) and what breaks
 * waiting instances or producers between versions (only reported when the caller hands in the
 * previous version's summary). Heuristics about names and habits are warnings, each with a
 * configurable list. Seam's own conventions (shadow hooks, event contracts, escalation owners)
 * are in `plugin:seam/bridge`.
 */
module.exports = {
  rules: {
    'seam/execution-platform': 'warn',
    'seam/message-ref-required': 'error',
    'seam/timer-expression-valid': 'error',
    'seam/timer-cycle-bounded': 'warn',
    'seam/timer-reminder-cap': 'warn',
    'seam/message-name-hygiene': 'warn',
    'seam/signal-misuse': 'warn',
    'seam/error-technical-code': 'warn',
    'seam/error-catch-all': 'warn',
    'seam/escalation-uncaught': 'warn',
    'seam/message-rename': 'error',
    'seam/removed-catch-event': 'error',
    'seam/renamed-wait-id': 'error',
    'seam/interrupting-changed': 'error',
  },
};

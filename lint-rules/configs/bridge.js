'use strict';

/**
 * For projects that run Seam's Kafka bridge and workers (this repository's `.bpmnlintrc` extends
 * it after `plugin:seam/recommended`): every message wait keeps its subscription shadow with
 * `seam-shadow-*` hook tasks, every process has an event contract the model agrees with,
 * escalations reach an owner, signals and escalations to callers are declared in the contract,
 * and the name and timer habits of the recommended config are errors.
 */
module.exports = {
  rules: {
    'seam/shadow-hooks': 'error',
    'seam/shadow-close': 'warn',
    'seam/contract-agreement': 'error',
    'seam/escalation-owner': 'warn',
    'seam/escalation-uncaught': ['error', { callers: 'contract' }],
    'seam/signal-misuse': 'error',
    'seam/message-name-hygiene': 'error',
    'seam/timer-cycle-bounded': 'error',
    'seam/error-technical-code': 'error',
    'seam/error-catch-all': 'error',
  },
};

'use strict';

/**
 * Seam's default: every event-contract rule, with warnings for the findings that need judgement
 * (reminder caps, escalation owners, closing shadows, which the bridge also does).
 */
module.exports = {
  rules: {
    'seam/signal-misuse': 'error',
    'seam/message-name-hygiene': 'error',
    'seam/message-ref-required': 'error',
    'seam/timer-cycle-bounded': 'error',
    'seam/timer-reminder-cap': 'warn',
    'seam/timer-expression-valid': 'error',
    'seam/error-technical-code': 'error',
    'seam/error-catch-all': 'error',
    'seam/escalation-uncaught': 'error',
    'seam/escalation-owner': 'warn',
    'seam/shadow-hooks': 'error',
    'seam/shadow-close': 'warn',
    'seam/contract-agreement': 'error',
    'seam/message-rename': 'error',
    'seam/removed-catch-event': 'error',
    'seam/renamed-wait-id': 'error',
  },
};

'use strict';

const recommended = require('./recommended');
const bridge = require('./bridge');

/**
 * Everything of `recommended` and `bridge` is an error, every process needs an event contract,
 * and scheduled process starts must have bounded cycles too.
 */
module.exports = {
  rules: {
    ...Object.fromEntries([...Object.keys(recommended.rules), ...Object.keys(bridge.rules)].map((name) => [name, 'error'])),
    'seam/escalation-uncaught': ['error', { callers: 'contract' }],
    'seam/contract-agreement': ['error', { requireContract: true }],
    'seam/timer-cycle-bounded': ['error', { allowScheduledStart: false }],
  },
};

'use strict';

const recommended = require('./recommended');

/**
 * Everything is an error, every process needs an event contract, and scheduled process starts
 * must have bounded cycles too.
 */
module.exports = {
  rules: {
    ...Object.fromEntries(Object.keys(recommended.rules).map((name) => [name, 'error'])),
    'seam/contract-agreement': ['error', { requireContract: true }],
    'seam/timer-cycle-bounded': ['error', { allowScheduledStart: false }],
  },
};

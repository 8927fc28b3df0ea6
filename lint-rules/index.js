'use strict';

const { summarizeEvents, waitsOf } = require('./lib/event-summary');
const { diffEventSummaries, ruleFor } = require('./lib/version-diff');
const { readSuppressions, DISABLE_PROPERTY } = require('./lib/suppression');

/**
 * bpmnlint-plugin-seam. bpmnlint finds the rules as `rules/<name>.js` and the configs here:
 * `recommended` for any Camunda 7 project, `bridge` for projects that run Seam's bridge (its
 * conventions), `strict` for both as errors. The event summary, the version diff and the
 * suppression reader are the same code the rules use, exported for Seam's own tooling (lint CLI,
 * contracts report, deploy gate).
 */
module.exports = {
  configs: {
    recommended: require('./configs/recommended'),
    bridge: require('./configs/bridge'),
    strict: require('./configs/strict'),
  },

  /**
   * Rules that read the project's context from their configuration: `contracts` (event contracts
   * by process key), `baselines` (previous-version event summaries by process key) and `retired`
   * (compatibility entries by process key). Callers merge that context into these rules' options.
   */
  contextRules: [
    'signal-misuse',
    'escalation-uncaught',
    'contract-agreement',
    'message-rename',
    'removed-catch-event',
    'renamed-wait-id',
    'interrupting-changed',
  ],

  summarizeEvents,
  waitsOf,
  diffEventSummaries,
  breakingRuleFor: ruleFor,
  readSuppressions,
  DISABLE_PROPERTY,
};

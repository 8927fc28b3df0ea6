'use strict';

const { indexModel, once } = require('./model');
const { summarizeIndex } = require('./event-summary');
const { readSuppressions } = require('./suppression');
const { diffEventSummaries } = require('./version-diff');

/**
 * What the Seam rules of one lint share about the model: the index of its executable processes,
 * their event summaries, flow nodes by id, the `seam.lint.disable` lists and the changes against
 * a previous version, each built once, on first use, instead of once per rule.
 *
 * The Modeler (bpmn-js-bpmnlint, @camunda/linting) lints the live `bpmn:Definitions` object it
 * edits, so the same object comes back changed: a cache keyed by that object alone would hand out
 * a stale index. bpmnlint applies every rule of one lint in one synchronous pass (`Linter#lint`:
 * one `forEach` over the rules, each walk its own, each Seam `check` called at the root), and
 * nothing can change the model in the middle of that pass. So what is built here lives for the
 * current job only: it is dropped by a microtask queued when it is built, which runs after the
 * pass and before the lint's caller resumes, and the next lint builds afresh. A host that applied
 * rules across jobs would only share less, never read stale data.
 * One case shares across lints: two lints of the same object whose passes run in the same
 * microtask checkpoint, the second queued before the first pass ran. A change made between them
 * would have to come from a microtask queued in between; the Modeler changes the model from user
 * events (tasks, not microtasks) and starts each lint from its `elements.changed`.
 *
 * Callers read, never change, what they get: every rule of the lint sees the same objects.
 */

/** @typedef {import('./model').ModelIndex} ModelIndex */
/** @typedef {import('./event-summary').ProcessEventSummary} ProcessEventSummary */
/** @typedef {import('./suppression').Suppressions} Suppressions */

/**
 * @typedef {{
 *   index: () => ModelIndex,
 *   summaries: () => ProcessEventSummary[],
 *   nodesById: () => Map<string, any>,
 *   suppressions: () => Suppressions,
 *   changes: (previous: ProcessEventSummary, current: ProcessEventSummary, retired?: RetiredWait[]) => VersionChange[],
 * }} LintRun
 */
/** @typedef {import('./version-diff').VersionChange} VersionChange */
/** @typedef {import('./version-diff').RetiredWait} RetiredWait */

/** @type {WeakMap<object, LintRun>} */
const runs = new WeakMap();

const nextMicrotask = typeof queueMicrotask === 'function' ? queueMicrotask : (/** @type {() => void} */ task) => Promise.resolve().then(task);

/**
 * The shared view of `definitions` for the lint in progress.
 * @param {any} definitions `bpmn:Definitions`
 * @returns {LintRun}
 */
function lintRun(definitions) {
  let run = runs.get(definitions);
  if (!run) {
    run = createRun(definitions);
    runs.set(definitions, run);
    nextMicrotask(() => runs.delete(definitions));
  }
  return run;
}

/** @param {any} definitions @returns {LintRun} */
function createRun(definitions) {
  // The rules lint executable processes only: Camunda 7 never deploys the others (see `isExecutableProcess`).
  const index = once(() => indexModel(definitions, { executableOnly: true }));
  const summaries = once(() => summarizeIndex(index()));
  const nodesById = once(() => {
    /** @type {Map<string, any>} */
    const nodes = new Map();
    for (const [id, entry] of index().byId) nodes.set(id, entry.node);
    return nodes;
  });
  const suppressions = once(() => readSuppressions(definitions));

  // The four cross-version rules diff the same summaries with the same baseline: once per
  // (baseline, retired list) they were handed, by identity.
  /** @type {Map<ProcessEventSummary, Map<ProcessEventSummary, Map<RetiredWait[]|undefined, VersionChange[]>>>} */
  const diffs = new Map();
  /** @type {LintRun['changes']} */
  const changes = (previous, current, retired) => {
    let byPrevious = diffs.get(current);
    if (!byPrevious) diffs.set(current, (byPrevious = new Map()));
    let byRetired = byPrevious.get(previous);
    if (!byRetired) byPrevious.set(previous, (byRetired = new Map()));
    let found = byRetired.get(retired);
    if (!found) byRetired.set(retired, (found = diffEventSummaries(previous, current, { retired: retired || [] })));
    return found;
  };
  return { index, summaries, nodesById, suppressions, changes };
}

module.exports = { lintRun };

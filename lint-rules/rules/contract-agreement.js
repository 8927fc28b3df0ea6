'use strict';

const { describe, capitalize } = require('../lib/model');
const { definitionsRule, contractFor } = require('../lib/rule-support');
const { lintRun } = require('../lib/lint-run');

const NAMED_KINDS = ['message', 'signal', 'error', 'escalation'];

/**
 * The event contract (processes/<key>/contract.yaml, handed in as `contracts`) and the model must
 * describe the same events. Reports a message, signal, error or escalation the model uses that the
 * contract does not list, one the contract lists that the model does not use, and a `caughtBy` or
 * `thrownBy` element id (timers included) where the model does not catch or throw that event.
 * Ids written `otherProcessKey:ElementId` point into another process and are not checked here.
 * With `requireContract`, a process without a contract is reported too.
 *
 * @param {{ contracts?: Record<string, any>, requireContract?: boolean }} [config]
 */
module.exports = function contractAgreement(config = {}) {
  return definitionsRule(
    'contract-agreement',
    (definitions, report) => {
      const run = lintRun(definitions);
      const index = run.index();
      for (const summary of run.summaries()) {
        const key = summary.processKey;
        const contract = contractFor(config, key);
        if (!contract) {
          if (config.requireContract) {
            report(key, `Process ${key} has no event contract; write processes/${key}/contract.yaml listing the events it waits for and throws`);
          }
          continue;
        }
        const contractEvents = contract.events || [];
        const declared = new Set(contractEvents.map((/** @type {any} */ event) => `${event.kind}:${event.name}`));
        const used = new Set();

        for (const event of summary.events) {
          if (!NAMED_KINDS.includes(event.kind) || event.name === null) continue;
          const id = `${event.kind}:${event.name}`;
          if (used.has(id)) continue;
          used.add(id);
          if (!declared.has(id)) {
            const node = /** @type {import('../lib/model').IndexedNode} */ (index.byId.get(event.elementId)).node;
            const verb = event.role === 'catch' ? 'catches' : 'throws';
            report(
              event.elementId,
              `${capitalize(describe(node))} ${verb} ${event.kind} "${event.name}", which the event contract of process ${key} does not list; add it to contract.yaml with its correlation, owner and late policy`,
            );
          }
        }

        const eventsAt = eventsByPlace(summary);
        for (const entry of contractEvents) {
          if (NAMED_KINDS.includes(entry.kind) && !used.has(`${entry.kind}:${entry.name}`)) {
            report(
              key,
              `The event contract of process ${key} lists ${entry.kind} "${entry.name}", but the model neither catches nor throws it; remove it from the contract or model it`,
            );
          }
          checkElementIds(entry, 'caughtBy', 'catch', eventsAt, key, report);
          checkElementIds(entry, 'thrownBy', 'throw', eventsAt, key, report);
        }
      }
    },
    config,
  );
};

/** @param {string} elementId @param {'catch'|'throw'} role @param {string} kind */
const placeKey = (elementId, role, kind) => `${elementId}\u0000${role}\u0000${kind}`;

/**
 * The summary's events by element, role and kind, so each `caughtBy`/`thrownBy` id is one lookup.
 * @param {import('../lib/event-summary').ProcessEventSummary} summary
 * @returns {Map<string, import('../lib/event-summary').SummaryEvent[]>}
 */
function eventsByPlace(summary) {
  const byPlace = new Map();
  for (const event of summary.events) {
    if (typeof event.elementId !== 'string') continue;
    const key = placeKey(event.elementId, event.role, event.kind);
    const list = byPlace.get(key);
    if (list) list.push(event);
    else byPlace.set(key, [event]);
  }
  return byPlace;
}

/**
 * @param {any} entry a contract event
 * @param {'caughtBy'|'thrownBy'} field
 * @param {'catch'|'throw'} role
 * @param {Map<string, import('../lib/event-summary').SummaryEvent[]>} eventsAt
 * @param {string} key
 * @param {(elementId: string|undefined, message: string) => void} report
 */
function checkElementIds(entry, field, role, eventsAt, key, report) {
  for (const elementId of entry[field] || []) {
    if (String(elementId).includes(':')) continue;
    // Element ids are strings; an id written as a number in YAML matches none.
    const candidates = typeof elementId === 'string' ? eventsAt.get(placeKey(elementId, role, entry.kind)) || [] : [];
    const matches = candidates.some((event) => entry.kind === 'timer' || event.name === entry.name);
    if (!matches) {
      const what = entry.kind === 'timer' ? `timer "${entry.name}"` : `${entry.kind} "${entry.name}"`;
      report(key, `The event contract of process ${key} says ${elementId} ${role === 'catch' ? 'catches' : 'throws'} ${what}, but in the model it does not`);
    }
  }
}

'use strict';

const { describe, capitalize } = require('../lib/model');
const { definitionsRule, lintIndex, contractFor } = require('../lib/rule-support');
const { summarizeIndex } = require('../lib/event-summary');

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
      const index = lintIndex(definitions);
      for (const summary of summarizeIndex(index)) {
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

        for (const entry of contractEvents) {
          if (NAMED_KINDS.includes(entry.kind) && !used.has(`${entry.kind}:${entry.name}`)) {
            report(
              key,
              `The event contract of process ${key} lists ${entry.kind} "${entry.name}", but the model neither catches nor throws it; remove it from the contract or model it`,
            );
          }
          checkElementIds(entry, 'caughtBy', 'catch', summary, key, report);
          checkElementIds(entry, 'thrownBy', 'throw', summary, key, report);
        }
      }
    },
    config,
  );
};

/**
 * @param {any} entry a contract event
 * @param {'caughtBy'|'thrownBy'} field
 * @param {'catch'|'throw'} role
 * @param {import('../lib/event-summary').ProcessEventSummary} summary
 * @param {string} key
 * @param {(elementId: string|undefined, message: string) => void} report
 */
function checkElementIds(entry, field, role, summary, key, report) {
  for (const elementId of entry[field] || []) {
    if (String(elementId).includes(':')) continue;
    const matches = summary.events.some(
      (event) => event.elementId === elementId && event.role === role && event.kind === entry.kind && (entry.kind === 'timer' || event.name === entry.name),
    );
    if (!matches) {
      const what = entry.kind === 'timer' ? `timer "${entry.name}"` : `${entry.kind} "${entry.name}"`;
      report(key, `The event contract of process ${key} says ${elementId} ${role === 'catch' ? 'catches' : 'throws'} ${what}, but in the model it does not`);
    }
  }
}

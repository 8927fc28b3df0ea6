'use strict';

const { waitsOf } = require('./event-summary');

/**
 * @typedef {import('./event-summary').SummaryEvent} SummaryEvent
 * @typedef {import('./event-summary').ProcessEventSummary} ProcessEventSummary
 *
 * @typedef {{ elementId?: string, message?: string, drainedAt: string, reason?: string }} RetiredWait
 *
 * @typedef {
 *   | { type: 'renamed', via: 'element'|'message-element', previous: SummaryEvent, current: SummaryEvent[] }
 *   | { type: 'removed', previous: SummaryEvent, replacedBy: SummaryEvent|null }
 *   | { type: 'wait-id-renamed', previous: SummaryEvent, current: SummaryEvent[] }
 * } VersionChange
 */

/**
 * What a new version of a process breaks for producers and for instances still waiting in the
 * previous version. Element ids are how Camunda maps waiting instances between versions, and
 * names are how producers address them, so both are compared:
 * - `renamed`: a message or signal the previous version waited for is no longer waited for under
 *   that name, because the element kept its id and now waits for another name (`via: element`),
 *   or the message/signal element itself was renamed (`via: message-element`).
 * - `removed`: a wait of the previous version (not the process's own start) is gone, or its
 *   element now is something else.
 * - `wait-id-renamed`: the same wait exists under a new element id, which the engine reads as a
 *   removal plus an addition.
 * Waits listed as retired (by element id or by message/signal name) are not reported.
 *
 * @param {ProcessEventSummary} previous
 * @param {ProcessEventSummary} current
 * @param {{ retired?: RetiredWait[] }} [options]
 * @returns {VersionChange[]}
 */
function diffEventSummaries(previous, current, options = {}) {
  const retired = options.retired || [];
  const previousWaits = waitsOf(previous);
  const currentWaits = waitsOf(current);
  const previousIds = new Set(previousWaits.map((wait) => wait.elementId));
  const currentById = groupBy(currentWaits, (wait) => wait.elementId);
  const currentIds = new Set(current.events.map((event) => event.elementId));
  const currentHosts = new Set(current.events.map((event) => event.attachedTo).filter(Boolean));
  const currentByName = groupBy(
    currentWaits.filter((wait) => wait.name !== null),
    (wait) => `${wait.kind}:${wait.name}`,
  );
  const currentByRef = groupBy(
    currentWaits.filter((wait) => wait.refId !== null),
    (wait) => `${wait.kind}:${wait.refId}`,
  );

  /** @type {VersionChange[]} */
  const changes = [];
  for (const wait of previousWaits) {
    if (isRetired(wait, retired)) continue;
    const sameElement = (currentById.get(wait.elementId) || []).filter((c) => c.kind === wait.kind);
    const isNamed = wait.kind === 'message' || wait.kind === 'signal';
    const stillWaitedByName = isNamed && wait.name !== null && currentByName.has(`${wait.kind}:${wait.name}`);

    if (sameElement.length > 0) {
      if (isNamed && !sameElement.some((c) => c.name === wait.name)) {
        changes.push({ type: 'renamed', via: 'element', previous: wait, current: sameElement });
      }
      continue;
    }

    if (isNamed && !stillWaitedByName && wait.refId !== null) {
      const viaRef = currentByRef.get(`${wait.kind}:${wait.refId}`) || [];
      if (viaRef.length > 0) {
        changes.push({ type: 'renamed', via: 'message-element', previous: wait, current: viaRef });
        continue;
      }
    }

    if (wait.startsProcess) continue;

    if (!currentIds.has(wait.elementId)) {
      const moved = currentWaits.filter((c) => !previousIds.has(c.elementId) && !c.startsProcess && isSameWait(wait, c, currentHosts));
      if (moved.length > 0) {
        changes.push({ type: 'wait-id-renamed', previous: wait, current: moved });
        continue;
      }
    }

    const replacedBy = current.events.find((event) => event.elementId === wait.elementId) || null;
    changes.push({ type: 'removed', previous: wait, replacedBy });
  }
  return changes;
}

/**
 * The same wait in another place: same name, or for a timer the same timer value on the same host
 * (or on any host when the previous host carries no boundary event any more, e.g. it was renamed
 * as well).
 */
function isSameWait(previous, candidate, currentHosts) {
  if (previous.kind !== candidate.kind) return false;
  if (previous.kind === 'timer') {
    const sameHost =
      previous.attachedTo === candidate.attachedTo || (previous.attachedTo !== null && candidate.attachedTo !== null && !currentHosts.has(previous.attachedTo));
    return (
      sameHost && Boolean(previous.timer && candidate.timer) && previous.timer.type === candidate.timer.type && previous.timer.value === candidate.timer.value
    );
  }
  return previous.name !== null && previous.name === candidate.name;
}

/** @param {SummaryEvent} wait @param {RetiredWait[]} retired */
function isRetired(wait, retired) {
  return retired.some(
    (entry) =>
      (entry.elementId !== undefined && entry.elementId === wait.elementId) ||
      (entry.message !== undefined && wait.name !== null && entry.message === wait.name),
  );
}

/** @template T @param {T[]} items @param {(item: T) => string} keyOf @returns {Map<string, T[]>} */
function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

module.exports = { diffEventSummaries, isRetired };

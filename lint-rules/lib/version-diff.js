'use strict';

/**
 * What a new version of a process breaks, decided once: the cross-version lint rules report the
 * breaking changes, `seam contracts` lists every change with its reason, and `seam deploy` gates
 * on the lint. Element ids are how Camunda maps waiting instances between versions (process
 * instance migration maps activities by id), names are how producers and workers address events.
 *
 * @typedef {import('./event-summary').SummaryEvent} SummaryEvent
 * @typedef {import('./event-summary').ProcessEventSummary} ProcessEventSummary
 *
 * @typedef {{ elementId?: string, message?: string, drainedAt: string, reason?: string }} RetiredWait
 *
 * @typedef {{
 *   type: 'added'|'removed'|'renamed'|'moved'|'changed',
 *   kind: SummaryEvent['kind'],
 *   role: SummaryEvent['role'],
 *   name: string|null,
 *   elementId: string,
 *   previous: SummaryEvent|null,
 *   current: SummaryEvent[],
 *   via?: 'element'|'message-element',
 *   aspect?: 'timer'|'interrupting',
 *   replacedBy?: SummaryEvent|null,
 *   detail: string,
 *   breaking: boolean,
 *   reason: string,
 * }} VersionChange
 * `previous` is the event of the old version (null for `added`), `current` the events of the
 * new one it became (empty for `removed`); `name` and `elementId` are the new version's, the
 * old one's for `removed`.
 * - `renamed`: the same element, or the same message/signal element, under another name;
 * - `moved`: the same wait (same name; for a timer the same value on the same host) under a new
 *   element id, which the engine reads as a removal plus an addition;
 * - `removed`: gone, or the element now is another kind of event (`replacedBy`);
 * - `changed`: a timer value (`aspect: 'timer'`) or the interrupting flag (`aspect: 'interrupting'`);
 * - `added`: new in this version.
 * Changes to waits listed as retired (by element id or message/signal name, after draining)
 * never break anything.
 */

const WAIT_KINDS = new Set(['message', 'signal', 'timer']);
const NAMED_KINDS = new Set(['message', 'signal', 'error', 'escalation']);

/**
 * @param {ProcessEventSummary} previous
 * @param {ProcessEventSummary} current
 * @param {{ retired?: RetiredWait[] }} [options]
 * @returns {VersionChange[]}
 */
function diffEventSummaries(previous, current, options = {}) {
  const retired = options.retired || [];
  const keyOf = (/** @type {SummaryEvent} */ event) => `${event.role}|${event.kind}|${event.elementId}`;
  const currentByKey = groupBy(current.events, keyOf);
  const previousIds = new Set(previous.events.map((event) => event.elementId));
  const currentHosts = new Set(current.events.map((event) => event.attachedTo).filter(Boolean));
  /** @type {Set<SummaryEvent>} */
  const matched = new Set();
  /** @type {VersionChange[]} */
  const changes = [];
  /** @type {SummaryEvent[]} */
  const gone = [];

  for (const before of previous.events) {
    const after = (currentByKey.get(keyOf(before)) || []).find((candidate) => !matched.has(candidate));
    if (!after) {
      gone.push(before);
      continue;
    }
    matched.add(after);
    changes.push(...compare(before, after, current, isRetired(before, retired)));
  }

  const fresh = current.events.filter((event) => !matched.has(event));
  const take = (/** @type {SummaryEvent} */ event) => fresh.splice(fresh.indexOf(event), 1);
  for (const before of gone) {
    const retiredWait = isRetired(before, retired);
    const isNamedWait = before.role === 'catch' && (before.kind === 'message' || before.kind === 'signal');
    const stillWaitedByName = before.name !== null && current.events.some((e) => e.role === 'catch' && e.kind === before.kind && e.name === before.name);

    // The message or signal element itself was renamed, and the wait moved along with it.
    const viaRef =
      isNamedWait && !stillWaitedByName && before.refId !== null
        ? current.events.filter((e) => e.role === 'catch' && e.kind === before.kind && e.refId === before.refId && !previousIds.has(e.elementId))
        : [];
    if (viaRef.length > 0) {
      viaRef.forEach((event) => fresh.includes(event) && take(event));
      changes.push(renamed(before, viaRef, 'message-element', retiredWait));
      continue;
    }

    // When the old id is still there as another event, the element changed rather than moved.
    const idStillUsed = current.events.some((e) => e.elementId === before.elementId);
    const movedTo = idStillUsed ? undefined : fresh.find((e) => isSameEvent(before, e, currentHosts) && !previousIds.has(e.elementId));
    if (movedTo) {
      take(movedTo);
      changes.push(moved(before, movedTo, retiredWait));
      continue;
    }
    changes.push(removed(before, current, retiredWait));
  }

  for (const after of fresh) {
    changes.push(change('added', after, null, [after], `${label(after)} added at ${place(after)}`, false, 'nothing waited for it before'));
  }
  return changes;
}

/**
 * The same element in both versions: its name, timer and interrupting flag.
 * @param {SummaryEvent} before @param {SummaryEvent} after @param {ProcessEventSummary} current @param {boolean} retiredWait
 */
function compare(before, after, current, retiredWait) {
  /** @type {VersionChange[]} */
  const changes = [];
  if (NAMED_KINDS.has(after.kind) && before.name !== after.name) {
    changes.push(renamed(before, [after], 'element', retiredWait));
  }
  if (after.kind === 'timer' && (timerType(before) !== timerType(after) || timerValue(before) !== timerValue(after))) {
    changes.push({
      ...change(
        'changed',
        after,
        before,
        [after],
        `timer ${timerText(before)} → ${timerText(after)}`,
        false,
        'applies to new instances; running ones keep the timers they have',
      ),
      aspect: 'timer',
    });
  }
  if (before.interrupting !== null && after.interrupting !== null && before.interrupting !== after.interrupting) {
    changes.push({
      ...change(
        'changed',
        after,
        before,
        [after],
        `${interruptingText(before.interrupting)} → ${interruptingText(after.interrupting)}`,
        !retiredWait,
        retiredWait
          ? 'retired in compatibility.yaml'
          : `the event now ${after.interrupting ? 'cancels the work it is attached to' : 'leaves the work running'}; producers and operators rely on which`,
      ),
      aspect: 'interrupting',
    });
  }
  return changes;
}

/** @param {SummaryEvent} before @param {SummaryEvent[]} now @param {'element'|'message-element'} via @param {boolean} retiredWait */
function renamed(before, now, via, retiredWait) {
  const after = now[0];
  const catches = after.role === 'catch';
  const why =
    after.kind === 'message' || after.kind === 'signal'
      ? `producers send ${before.name}; instances of the old version keep waiting for it`
      : `whoever throws ${before.name} is no longer caught here`;
  const breaking = catches && !retiredWait;
  const reason = retiredWait
    ? 'retired in compatibility.yaml after the instances waiting in it were drained'
    : catches
      ? why
      : 'a thrown name only matters to its catcher, check it';
  return { ...change('renamed', after, before, now, `${after.kind} ${before.name} → ${after.name} at ${place(after)}`, breaking, reason), via };
}

/** @param {SummaryEvent} before @param {SummaryEvent} after @param {boolean} retiredWait */
function moved(before, after, retiredWait) {
  const isWait = after.role === 'catch' && WAIT_KINDS.has(after.kind) && !before.startsProcess;
  const breaking = isWait && !retiredWait;
  const reason = !isWait
    ? 'the same name is still caught or thrown'
    : retiredWait
      ? 'retired in compatibility.yaml after the instances waiting in it were drained'
      : `instances waiting at ${before.elementId} cannot be mapped to the new version by element id`;
  return change('moved', after, before, [after], `${label(after)} moved from ${before.elementId} to ${place(after)}`, breaking, reason);
}

/** @param {SummaryEvent} before @param {ProcessEventSummary} current @param {boolean} retiredWait */
function removed(before, current, retiredWait) {
  const replacedBy = current.events.find((event) => event.elementId === before.elementId) || null;
  const make = (/** @type {boolean} */ breaking, /** @type {string} */ reason) => ({
    ...change('removed', before, before, [], `${label(before)} at ${place(before)} removed`, breaking, reason),
    replacedBy,
  });
  if (before.role === 'throw') return make(false, 'nothing waits for a throw');
  if (retiredWait) return make(false, 'retired in compatibility.yaml after the instances waiting in it were drained');
  if (before.startsProcess) {
    if (before.kind !== 'message' && before.kind !== 'signal') return make(false, 'nothing waits at a start event');
    const stillStarts = before.name !== null && current.events.some((e) => e.role === 'catch' && e.kind === before.kind && e.name === before.name);
    return stillStarts ? make(false, `${before.name} still starts the process elsewhere`) : make(true, `producers start the process with ${before.name}`);
  }
  if (WAIT_KINDS.has(before.kind)) return make(true, 'instances of the old version may wait there; retire it in compatibility.yaml once drained');
  return make(true, `a thrown ${before.kind}${before.name === null ? '' : ` ${before.name}`} is no longer caught here`);
}

/**
 * The same event in another place: same role, kind and name; for a timer the same value on the
 * same host (or on any host when the previous host carries no boundary event any more, e.g. it
 * was renamed as well).
 * @param {SummaryEvent} previous @param {SummaryEvent} candidate @param {Set<string|null>} currentHosts
 */
function isSameEvent(previous, candidate, currentHosts) {
  if (previous.kind !== candidate.kind || previous.role !== candidate.role) return false;
  if (previous.kind === 'timer') {
    const sameHost =
      previous.attachedTo === candidate.attachedTo || (previous.attachedTo !== null && candidate.attachedTo !== null && !currentHosts.has(previous.attachedTo));
    return (
      sameHost &&
      previous.timer !== null &&
      candidate.timer !== null &&
      timerType(previous) === timerType(candidate) &&
      timerValue(previous) === timerValue(candidate)
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

/**
 * @param {VersionChange['type']} type @param {SummaryEvent} event @param {SummaryEvent|null} previous
 * @param {SummaryEvent[]} current @param {string} detail @param {boolean} breaking @param {string} reason
 * @returns {VersionChange}
 */
function change(type, event, previous, current, detail, breaking, reason) {
  return { type, kind: event.kind, role: event.role, name: event.name, elementId: event.elementId, previous, current, detail, breaking, reason };
}

/** @param {SummaryEvent} event */
function label(event) {
  return event.kind === 'timer'
    ? `timer ${event.elementName || event.elementId}`
    : `${event.kind} ${event.role} ${event.name === null ? '(unnamed)' : event.name}`;
}

/** @param {SummaryEvent} event */
function place(event) {
  return event.attachedTo ? `${event.elementId} (on ${event.attachedTo})` : event.elementId;
}

const timerType = (/** @type {SummaryEvent} */ event) => (event.timer ? event.timer.type : null);
const timerValue = (/** @type {SummaryEvent} */ event) => (event.timer ? event.timer.value : null);
const timerText = (/** @type {SummaryEvent} */ event) => (timerValue(event) ? `${timerType(event)} ${timerValue(event)}` : 'without a value');
const interruptingText = (/** @type {boolean} */ value) => (value ? 'interrupting' : 'non-interrupting');

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

/**
 * Which lint rule reports a breaking change: the cross-version rules each own one kind of break,
 * so `seam lint` and `seam contracts` agree change by change.
 * @param {VersionChange} change
 * @returns {'message-rename'|'renamed-wait-id'|'removed-catch-event'|'interrupting-changed'|null}
 */
function ruleFor(change) {
  if (!change.breaking) return null;
  if (change.type === 'renamed') return change.kind === 'message' || change.kind === 'signal' ? 'message-rename' : 'removed-catch-event';
  if (change.type === 'moved') return 'renamed-wait-id';
  if (change.type === 'removed') return 'removed-catch-event';
  if (change.type === 'changed' && change.aspect === 'interrupting') return 'interrupting-changed';
  return null;
}

module.exports = { diffEventSummaries, isRetired, ruleFor };

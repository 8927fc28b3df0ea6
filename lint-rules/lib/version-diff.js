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
 * Linear in the events of both versions: every question about the new version ("is this name
 * still waited for?", "which fresh event is the same wait?") is a map lookup prepared once.
 * @param {ProcessEventSummary} previous
 * @param {ProcessEventSummary} current
 * @param {{ retired?: RetiredWait[] }} [options]
 * @returns {VersionChange[]}
 */
function diffEventSummaries(previous, current, options = {}) {
  const retired = retiredLookup(options.retired || []);
  const keyOf = (/** @type {SummaryEvent} */ event) => `${event.role}|${event.kind}|${event.elementId}`;
  const currentByKey = groupBy(current.events, keyOf);
  /** @type {Map<string, number>} how many of each group are matched: always the first ones */
  const matchedOf = new Map();
  const previousIds = new Set(previous.events.map((event) => event.elementId));
  const lookups = currentLookups(current);
  /** @type {Set<SummaryEvent>} */
  const matched = new Set();
  /** @type {VersionChange[]} */
  const changes = [];
  /** @type {SummaryEvent[]} */
  const gone = [];

  for (const before of previous.events) {
    const key = keyOf(before);
    const taken = matchedOf.get(key) || 0;
    const after = (currentByKey.get(key) || [])[taken];
    if (!after) {
      gone.push(before);
      continue;
    }
    matchedOf.set(key, taken + 1);
    matched.add(after);
    changes.push(...compare(before, after, current, retired(before)));
  }

  // The new version's events nothing matched yet, in model order; the moves and renames below take from them.
  const fresh = new Set(current.events.filter((event) => !matched.has(event)));
  const moveTargets = moveCandidates(fresh, previousIds);
  for (const before of gone) {
    const retiredWait = retired(before);
    const isNamedWait = before.role === 'catch' && (before.kind === 'message' || before.kind === 'signal');
    const stillWaitedByName = before.name !== null && lookups.isCaughtByName(before.kind, before.name);

    // The message or signal element itself was renamed, and the wait moved along with it.
    const viaRef =
      isNamedWait && !stillWaitedByName && before.refId !== null
        ? lookups.catchesOfRef(before.kind, before.refId).filter((e) => !previousIds.has(e.elementId))
        : [];
    if (viaRef.length > 0) {
      viaRef.forEach((event) => fresh.delete(event));
      changes.push(renamed(before, viaRef, 'message-element', retiredWait));
      continue;
    }

    // When the old id is still there as another event, the element changed rather than moved.
    const idStillUsed = lookups.firstWithId(before.elementId) !== undefined;
    const movedTo = idStillUsed ? undefined : moveTargets.firstFor(before, fresh, lookups.hosts);
    if (movedTo) {
      fresh.delete(movedTo);
      changes.push(moved(before, movedTo, retiredWait));
      continue;
    }
    changes.push(removed(before, lookups, retiredWait));
  }

  for (const after of fresh) {
    changes.push(change('added', after, null, [after], `${label(after)} added at ${place(after)}`, false, 'nothing waited for it before'));
  }
  return changes;
}

/**
 * Questions about the new version's events, each answered from a map built once.
 * @param {ProcessEventSummary} current
 */
function currentLookups(current) {
  /** @type {Map<unknown, Set<unknown>>} caught names by kind */
  const caughtNames = new Map();
  /** @type {Map<unknown, Map<unknown, SummaryEvent[]>>} catches by kind and message/signal element id, in model order */
  const catchesByRef = new Map();
  /** @type {Map<unknown, SummaryEvent>} the first event of each element */
  const firstById = new Map();
  for (const event of current.events) {
    if (!firstById.has(event.elementId)) firstById.set(event.elementId, event);
    if (event.role !== 'catch') continue;
    mapOf(caughtNames, event.kind, () => new Set()).add(event.name);
    listOf(
      mapOf(catchesByRef, event.kind, () => new Map()),
      event.refId,
    ).push(event);
  }
  return {
    /** Hosts that carry an event in the new version. */
    hosts: new Set(current.events.map((event) => event.attachedTo).filter(Boolean)),
    /** @param {unknown} kind @param {string} name */
    isCaughtByName: (kind, name) => Boolean(caughtNames.get(kind)?.has(name)),
    /** @param {unknown} kind @param {string} refId @returns {SummaryEvent[]} */
    catchesOfRef: (kind, refId) => catchesByRef.get(kind)?.get(refId) || [],
    /** @param {unknown} elementId */
    firstWithId: (elementId) => firstById.get(elementId),
  };
}

/**
 * Fresh events that a gone event may have moved to: the same event in another place, with the
 * same role, kind and name; for a timer the same value on the same host (or on any host when the
 * previous host carries no event any more, e.g. it was renamed as well). An element id the old
 * version had is no move target. Bucketed by what must be equal, in model order; each bucket
 * keeps a cursor past the events already taken, so finding the first one still fresh stays
 * linear overall.
 * @param {Set<SummaryEvent>} fresh @param {Set<unknown>} previousIds
 */
function moveCandidates(fresh, previousIds) {
  /** @type {Map<unknown, Map<unknown, Map<unknown, Bucket>>>} named events by role, kind, name */
  const named = new Map();
  /** @type {Map<unknown, Map<unknown, Map<unknown, { byHost: Map<unknown, Bucket>, onAnyHost: Bucket }>>>} timers by role, type, value */
  const timers = new Map();
  for (const event of fresh) {
    if (previousIds.has(event.elementId)) continue;
    if (event.kind === 'timer') {
      if (event.timer === null) continue;
      const byValue = mapOf(
        mapOf(timers, event.role, () => new Map()),
        timerType(event),
        () => new Map(),
      );
      const slot = mapOf(byValue, timerValue(event), () => ({ byHost: new Map(), onAnyHost: bucket() }));
      mapOf(slot.byHost, event.attachedTo, bucket).events.push(event);
      if (event.attachedTo !== null) slot.onAnyHost.events.push(event);
    } else {
      mapOf(
        mapOf(
          mapOf(named, event.role, () => new Map()),
          event.kind,
          () => new Map(),
        ),
        event.name,
        bucket,
      ).events.push(event);
    }
  }

  return {
    /**
     * The first fresh event in model order that is the same event as `previous` in another place.
     * @param {SummaryEvent} previous @param {Set<SummaryEvent>} stillFresh @param {Set<unknown>} hosts
     */
    firstFor(previous, stillFresh, hosts) {
      if (previous.kind !== 'timer') {
        if (previous.name === null) return undefined;
        return firstFresh(named.get(previous.role)?.get(previous.kind)?.get(previous.name), stillFresh);
      }
      if (previous.timer === null) return undefined;
      const slot = timers.get(previous.role)?.get(timerType(previous))?.get(timerValue(previous));
      if (!slot) return undefined;
      // The previous host still carries events: only that host. Gone (e.g. renamed too): any host.
      const anyHost = previous.attachedTo !== null && !hosts.has(previous.attachedTo);
      return firstFresh(anyHost ? slot.onAnyHost : slot.byHost.get(previous.attachedTo), stillFresh);
    },
  };
}

/** @typedef {{ events: SummaryEvent[], next: number }} Bucket */
/** @returns {Bucket} */
const bucket = () => ({ events: [], next: 0 });

/** @param {Bucket|undefined} candidates @param {Set<SummaryEvent>} stillFresh */
function firstFresh(candidates, stillFresh) {
  if (!candidates) return undefined;
  while (candidates.next < candidates.events.length && !stillFresh.has(candidates.events[candidates.next])) candidates.next += 1;
  return candidates.events[candidates.next];
}

/** @template K, V @param {Map<K, V>} map @param {K} key @param {() => V} create @returns {V} */
function mapOf(map, key, create) {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

/** @template K, V @param {Map<K, V[]>} map @param {K} key @returns {V[]} */
function listOf(map, key) {
  return mapOf(map, key, () => []);
}

/**
 * `isRetired` for one diff, by element id and name sets built on first use.
 * @param {RetiredWait[]} retired
 * @returns {(wait: SummaryEvent) => boolean}
 */
function retiredLookup(retired) {
  /** @type {{ ids: Set<unknown>, names: Set<unknown> } | null} */
  let sets = null;
  return (wait) => {
    if (!sets) {
      sets = { ids: new Set(), names: new Set() };
      for (const entry of retired) {
        if (entry.elementId !== undefined) sets.ids.add(entry.elementId);
        if (entry.message !== undefined) sets.names.add(entry.message);
      }
    }
    return sets.ids.has(wait.elementId) || (wait.name !== null && sets.names.has(wait.name));
  };
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

/** @param {SummaryEvent} before @param {ReturnType<typeof currentLookups>} current @param {boolean} retiredWait */
function removed(before, current, retiredWait) {
  const replacedBy = current.firstWithId(before.elementId) || null;
  const make = (/** @type {boolean} */ breaking, /** @type {string} */ reason) => ({
    ...change('removed', before, before, [], `${label(before)} at ${place(before)} removed`, breaking, reason),
    replacedBy,
  });
  if (before.role === 'throw') return make(false, 'nothing waits for a throw');
  if (retiredWait) return make(false, 'retired in compatibility.yaml after the instances waiting in it were drained');
  if (before.startsProcess) {
    if (before.kind !== 'message' && before.kind !== 'signal') return make(false, 'nothing waits at a start event');
    const stillStarts = before.name !== null && current.isCaughtByName(before.kind, before.name);
    return stillStarts ? make(false, `${before.name} still starts the process elsewhere`) : make(true, `producers start the process with ${before.name}`);
  }
  if (WAIT_KINDS.has(before.kind)) return make(true, 'instances of the old version may wait there; retire it in compatibility.yaml once drained');
  return make(true, `a thrown ${before.kind}${before.name === null ? '' : ` ${before.name}`} is no longer caught here`);
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

import type { RetiredWait } from './contract-schema.ts';
import type { EventRow } from './report-events.ts';

export type ChangeType = 'added' | 'removed' | 'renamed' | 'moved' | 'changed';

/** One difference between two versions of a process's events, and whether it breaks someone. */
export interface EventChange {
  type: ChangeType;
  kind: EventRow['kind'];
  role: EventRow['role'];
  /** The event as in the new version (the old one for `removed`). */
  name: string | null;
  elementId: string;
  /** What changed, in a sentence. */
  detail: string;
  breaking: boolean;
  /** Why it breaks, or why not. */
  reason: string;
}

const WAIT_KINDS = new Set(['message', 'signal', 'timer']);
const NAMED = new Set(['message', 'signal', 'error', 'escalation']);

/**
 * Compares the events of two versions. Events are matched by role, kind and element id (how the
 * engine maps waiting instances between versions), then leftovers by name (the same event under a
 * new element id). Breaking means: running instances or producers of the old version are hurt -
 * a wait, message start or error/escalation catch gone or renamed, a wait under a new id, an
 * interrupting flag flipped, or correlation or idempotency keys changed. Waits retired in
 * compatibility.yaml (drained) are removed without breaking anything.
 */
export function diffEventRows(previous: EventRow[], current: EventRow[], retired: RetiredWait[] = []): EventChange[] {
  const changes: EventChange[] = [];
  const key = (row: EventRow) => `${row.role}|${row.kind}|${row.elementId}`;
  const currentByKey = new Map(current.map((row) => [key(row), row]));
  const matched = new Set<EventRow>();
  const gone: EventRow[] = [];

  for (const before of previous) {
    const after = currentByKey.get(key(before));
    if (!after) {
      gone.push(before);
      continue;
    }
    matched.add(after);
    changes.push(...compare(before, after));
  }

  const fresh = current.filter((row) => !matched.has(row));
  for (const before of gone) {
    const movedTo = before.name === null ? undefined : fresh.find((row) => row.role === before.role && row.kind === before.kind && row.name === before.name);
    if (movedTo) {
      fresh.splice(fresh.indexOf(movedTo), 1);
      changes.push(moved(before, movedTo));
    } else {
      changes.push(removed(before, current, retired));
    }
  }
  for (const row of fresh) {
    changes.push(change('added', row, `${describe(row)} added at ${place(row)}`, false, 'nothing waited for it before'));
  }
  return changes;
}

function compare(before: EventRow, after: EventRow): EventChange[] {
  const changes: EventChange[] = [];
  if (NAMED.has(after.kind) && before.name !== after.name) {
    const why =
      after.kind === 'message' || after.kind === 'signal'
        ? `producers send ${before.name}; instances of the old version keep waiting for it`
        : `whoever throws ${before.name} is no longer caught here`;
    changes.push(
      change(
        'renamed',
        after,
        `${after.kind} ${before.name} → ${after.name} at ${place(after)}`,
        after.role === 'catch',
        after.role === 'catch' ? why : 'a thrown name only matters to its catcher, check it',
      ),
    );
  }
  if (after.kind === 'timer' && (before.timer?.type !== after.timer?.type || before.timer?.value !== after.timer?.value)) {
    changes.push(
      change('changed', after, `timer ${timerText(before)} → ${timerText(after)}`, false, 'applies to new instances; running ones keep the timers they have'),
    );
  }
  if (before.interrupting !== after.interrupting && before.interrupting !== null && after.interrupting !== null) {
    changes.push(
      change(
        'changed',
        after,
        `${interruptingText(before.interrupting)} → ${interruptingText(after.interrupting)}`,
        true,
        'the event now ' + (after.interrupting ? 'cancels the work it is attached to' : 'leaves the work running') + '; producers and operators rely on which',
      ),
    );
  }
  const correlation = (row: EventRow) =>
    row.contract?.correlation ? `business key ${row.contract.correlation.businessKey}, keys [${row.contract.correlation.keys.join(', ')}]` : null;
  if (before.contract && after.contract) {
    if (correlation(before) !== correlation(after)) {
      changes.push(change('changed', after, `correlation ${correlation(before)} → ${correlation(after)}`, true, 'producers must send the new keys'));
    }
    if (before.contract.idempotencyKey !== after.contract.idempotencyKey) {
      changes.push(
        change(
          'changed',
          after,
          `idempotency key ${before.contract.idempotencyKey} → ${after.contract.idempotencyKey}`,
          true,
          'duplicates are detected by another field',
        ),
      );
    }
    if (before.contract.latePolicy !== after.contract.latePolicy) {
      changes.push(
        change(
          'changed',
          after,
          `late policy "${before.contract.latePolicy ?? '-'}" → "${after.contract.latePolicy ?? '-'}"`,
          false,
          'only what happens to late events changes',
        ),
      );
    }
    if (before.contract.owner !== after.contract.owner) {
      changes.push(change('changed', after, `owner ${before.contract.owner ?? '-'} → ${after.contract.owner ?? '-'}`, false, 'tell both teams'));
    }
  }
  return changes;
}

function moved(before: EventRow, after: EventRow): EventChange {
  const isWait = after.role === 'catch' && WAIT_KINDS.has(after.kind) && !before.startsProcess;
  return change(
    'moved',
    after,
    `${describe(after)} moved from ${before.elementId} to ${place(after)}`,
    isWait,
    isWait ? `instances waiting at ${before.elementId} cannot be mapped to the new version by element id` : 'the same name is still caught or thrown',
  );
}

function removed(before: EventRow, current: EventRow[], retired: RetiredWait[]): EventChange {
  const detail = `${describe(before)} at ${place(before)} removed`;
  if (before.role === 'throw') return change('removed', before, detail, false, 'nothing waits for a throw');
  if (isRetired(before, retired))
    return change('removed', before, detail, false, 'retired in compatibility.yaml after the instances waiting in it were drained');
  const stillCaught = before.name !== null && current.some((row) => row.role === 'catch' && row.kind === before.kind && row.name === before.name);
  if (before.startsProcess) {
    return stillCaught
      ? change('removed', before, detail, false, `${before.name} still starts the process elsewhere`)
      : change('removed', before, detail, true, `producers start the process with ${before.name}`);
  }
  if (WAIT_KINDS.has(before.kind))
    return change('removed', before, detail, true, 'instances of the old version may wait there; retire it in compatibility.yaml once drained');
  return change('removed', before, detail, true, `a thrown ${before.kind} ${before.name ?? ''} is no longer caught here`);
}

function isRetired(row: EventRow, retired: RetiredWait[]): boolean {
  return retired.some((entry) => entry.elementId === row.elementId || (entry.message !== undefined && entry.message === row.name));
}

function change(type: ChangeType, row: EventRow, detail: string, breaking: boolean, reason: string): EventChange {
  return { type, kind: row.kind, role: row.role, name: row.name, elementId: row.elementId, detail, breaking, reason };
}

function describe(row: EventRow): string {
  const role = row.role === 'catch' ? 'catch' : 'throw';
  return row.kind === 'timer' ? `timer ${row.name ?? row.elementId}` : `${row.kind} ${role} ${row.name ?? '(unnamed)'}`;
}

function place(row: EventRow): string {
  return row.attachedTo ? `${row.elementId} (on ${row.attachedTo})` : row.elementId;
}

const timerText = (row: EventRow) => (row.timer?.value ? `${row.timer.type} ${row.timer.value}` : 'without a value');
const interruptingText = (value: boolean) => (value ? 'interrupting' : 'non-interrupting');

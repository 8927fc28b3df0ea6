import type { RetiredWait } from './contract-schema.ts';
import type { EventRow } from './report-events.ts';
import { seamPlugin, type ProcessEventSummary, type VersionChange } from '../lint/bpmnlint-runtime.ts';

export type ChangeType = VersionChange['type'];

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
  /** The `seam lint` rule that reports this change as an error (`seam/<rule>`), null when not breaking or a contract term. */
  lintRule: string | null;
}

export interface VersionSide {
  summary: ProcessEventSummary;
  rows: EventRow[];
}

/**
 * What the new version changes. The model's changes come from the lint plugin's version diff
 * (`bpmnlint-plugin-seam`, lib/version-diff.js), the one place that decides what a new model
 * version breaks, so `seam lint` and this report agree change by change. On top, this report
 * compares the contract terms of events present in both versions (correlation and idempotency
 * keys, late policy, owner): lint sees only the latest contract, so these are the report's own.
 */
export function diffVersions(previous: VersionSide, current: VersionSide, retired: RetiredWait[] = []): EventChange[] {
  const rowOf = (rows: EventRow[], role: string, kind: string, elementId: string) =>
    rows.find((row) => row.role === role && row.kind === kind && row.elementId === elementId);
  const modelChanges = seamPlugin.diffEventSummaries(previous.summary, current.summary, { retired }).map((change): EventChange => {
    const rule = seamPlugin.breakingRuleFor(change);
    // Timers have no name in BPMN: show the contract's (or element's) name, as the events table does.
    const row = rowOf(change.type === 'removed' ? previous.rows : current.rows, change.role, change.kind, change.elementId);
    return {
      type: change.type,
      kind: change.kind,
      role: change.role,
      name: change.kind === 'timer' ? (row?.name ?? null) : change.name,
      elementId: change.elementId,
      detail: change.detail,
      breaking: change.breaking,
      reason: change.reason,
      lintRule: rule ? `seam/${rule}` : null,
    };
  });

  const termChanges: EventChange[] = [];
  for (const before of previous.rows) {
    const after = rowOf(current.rows, before.role, before.kind, before.elementId);
    if (after) termChanges.push(...compareTerms(before, after));
  }
  return [...modelChanges, ...termChanges];
}

function compareTerms(before: EventRow, after: EventRow): EventChange[] {
  if (!before.contract || !after.contract) return [];
  const changes: EventChange[] = [];
  const correlation = (row: EventRow) =>
    row.contract?.correlation ? `business key ${row.contract.correlation.businessKey}, keys [${row.contract.correlation.keys.join(', ')}]` : null;
  if (correlation(before) !== correlation(after)) {
    changes.push(term(after, `correlation ${correlation(before)} → ${correlation(after)}`, true, 'producers must send the new keys'));
  }
  if (before.contract.idempotencyKey !== after.contract.idempotencyKey) {
    changes.push(
      term(after, `idempotency key ${before.contract.idempotencyKey} → ${after.contract.idempotencyKey}`, true, 'duplicates are detected by another field'),
    );
  }
  if (before.contract.latePolicy !== after.contract.latePolicy) {
    changes.push(
      term(
        after,
        `late policy "${before.contract.latePolicy ?? '-'}" → "${after.contract.latePolicy ?? '-'}"`,
        false,
        'only what happens to late events changes',
      ),
    );
  }
  if (before.contract.owner !== after.contract.owner) {
    changes.push(term(after, `owner ${before.contract.owner ?? '-'} → ${after.contract.owner ?? '-'}`, false, 'tell both teams'));
  }
  return changes;
}

function term(row: EventRow, detail: string, breaking: boolean, reason: string): EventChange {
  return { type: 'changed', kind: row.kind, role: row.role, name: row.name, elementId: row.elementId, detail, breaking, reason, lintRule: null };
}

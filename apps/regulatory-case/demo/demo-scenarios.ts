import { randomUUID } from 'node:crypto';
import type { Pool } from '../../../platform/db/pool.ts';
import type { EngineClient } from '../../../platform/engine/client.ts';
import { waitUntil } from '../../../platform/wait.ts';
import { commandOutcomeOfEvent, inboxOutcomeByRecordKey, instancesWithWait } from '../../../ledger/read-models/event-outcome.ts';

export type Send = (values: (string | object)[], key: string) => Promise<void>;

export interface DemoContext {
  db: Pool;
  engine: EngineClient;
  send: Send;
  /** How long to wait for each expected state. */
  timeoutMs: number;
}

export interface DemoOutcome {
  scenario: string;
  caseId: string;
  expected: string;
  observed: string;
  ok: boolean;
}

const event = (eventType: string, payload: Record<string, unknown>, eventId = `demo-${randomUUID()}`) => ({
  eventId,
  eventType,
  occurredAt: new Date().toISOString(),
  correlationId: `demo-${randomUUID()}`,
  payload,
});
const accepted = (caseId: string, eventId?: string) =>
  event('regulatory.case.accepted.v1', { caseId, acceptedAt: new Date().toISOString(), jurisdiction: 'EU' }, eventId);
const evidence = (caseId: string, eventId?: string) =>
  event('regulatory.evidence.submitted.v1', { caseId, evidenceId: `ev-${caseId}`, submittedAt: new Date().toISOString(), documentType: 'pdf' }, eventId);
const assessment = (caseId: string) => event('regulatory.assessment.completed.v1', { caseId, assessmentId: `as-${caseId}`, outcome: 'APPROVED' });

const commandOf = (db: Pool, eventId: string) => commandOutcomeOfEvent(db, eventId);
const describe = (c: { status: string; resolution: string | null; reason_code: string | null; first_buffered_at?: Date | null } | undefined) =>
  c ? `${c.first_buffered_at ? 'BUFFERED, then ' : ''}${[c.status, c.resolution, c.reason_code].filter(Boolean).join(' ')}` : 'no command';

async function until(ctx: DemoContext, probe: () => Promise<boolean>): Promise<boolean> {
  return waitUntil(probe, ctx.timeoutMs, 200);
}

async function waitOpen(ctx: DemoContext, caseId: string, message: string): Promise<string | undefined> {
  let instance: string | undefined;
  await until(ctx, async () => {
    instance = (await instancesWithWait(ctx.db, caseId, message, 'OPEN'))[0];
    return instance !== undefined;
  });
  return instance;
}

async function expectCommand(
  ctx: DemoContext,
  scenario: string,
  caseId: string,
  eventId: string,
  expected: (c: NonNullable<Awaited<ReturnType<typeof commandOf>>>) => boolean,
  expectedText: string,
): Promise<DemoOutcome> {
  let c: Awaited<ReturnType<typeof commandOf>>;
  const ok = await until(ctx, async () => (c = await commandOf(ctx.db, eventId)) !== undefined && expected(c));
  return { scenario, caseId, expected: expectedText, observed: describe(c!), ok };
}

const caseKey = (name: string) => `demo-${name}-${randomUUID().slice(0, 8)}`;

/** Every scenario the demo plays, each ending as the mapping's policy says. */
export const scenarios: Record<string, (ctx: DemoContext) => Promise<DemoOutcome[]>> = {
  async normal(ctx) {
    const caseId = caseKey('normal');
    const start = accepted(caseId);
    await ctx.send([start], caseId);
    const started = await expectCommand(ctx, 'normal: start', caseId, start.eventId, (c) => c.status === 'COMPLETED', 'COMPLETED STARTED');
    await waitOpen(ctx, caseId, 'MSG_EVIDENCE_SUBMITTED');
    const ev = evidence(caseId);
    await ctx.send([ev], caseId);
    const correlated = await expectCommand(ctx, 'normal: evidence', caseId, ev.eventId, (c) => c.resolution === 'CORRELATED', 'COMPLETED CORRELATED');
    await waitOpen(ctx, caseId, 'MSG_ASSESSMENT_COMPLETED');
    const as = assessment(caseId);
    await ctx.send([as], caseId);
    const assessed = await expectCommand(ctx, 'normal: assessment', caseId, as.eventId, (c) => c.resolution === 'CORRELATED', 'COMPLETED CORRELATED');
    return [started, correlated, assessed];
  },
  async duplicate(ctx) {
    const caseId = caseKey('duplicate');
    const start = accepted(caseId);
    const second = accepted(caseId);
    await ctx.send([start, start, second], caseId);
    // Two start events for one case race through the workers; whichever claims the case's start guard first starts it.
    const both = await Promise.all(
      [start, second].map((e) => until(ctx, async () => ['COMPLETED', 'IGNORED'].includes((await commandOf(ctx.db, e.eventId))?.status ?? ''))),
    );
    const outcomes = await Promise.all([start, second].map((e) => commandOf(ctx.db, e.eventId)));
    const observed = outcomes.map(describe).sort().join(' + ');
    const expected = 'COMPLETED STARTED + IGNORED DUPLICATE_START';
    const starts = { scenario: 'duplicate: two start events', caseId, expected, observed, ok: both.every(Boolean) && observed === expected };
    const instances = await ctx.engine.processInstances({ businessKey: caseId });
    return [
      starts,
      { scenario: 'duplicate: instances', caseId, expected: '1 instance', observed: `${instances.length} instance(s)`, ok: instances.length === 1 },
    ];
  },
  async early(ctx) {
    const caseId = caseKey('early');
    const start = accepted(caseId);
    const ev = evidence(caseId);
    // Evidence right behind the start: it reaches the bridge before the case waits for it.
    await ctx.send([start, ev], caseId);
    return [
      await expectCommand(
        ctx,
        'early: evidence before the wait',
        caseId,
        ev.eventId,
        (c) => c.resolution === 'CORRELATED' && c.first_buffered_at !== null,
        'BUFFERED, then COMPLETED CORRELATED',
      ),
    ];
  },
  async late(ctx) {
    const caseId = caseKey('late');
    const start = accepted(caseId);
    await ctx.send([start], caseId);
    const instance = await waitOpen(ctx, caseId, 'MSG_EVIDENCE_SUBMITTED');
    if (instance) {
      // The deadline passes: fire its timer now, as an operator could, instead of waiting ten days.
      const [timer] = await ctx.engine.jobs({ processInstanceId: instance, activityId: 'EvidenceDeadline', timers: true });
      if (timer?.id) await ctx.engine.executeJob(timer.id);
      await until(ctx, async () => (await instancesWithWait(ctx.db, caseId, 'MSG_EVIDENCE_SUBMITTED', 'EXPIRED')).length === 1);
    }
    const ev = evidence(caseId);
    await ctx.send([ev], caseId);
    return [
      await expectCommand(
        ctx,
        'late: evidence after the deadline',
        caseId,
        ev.eventId,
        (c) => c.resolution === 'LATE_REVIEW_STARTED',
        'COMPLETED LATE_REVIEW_STARTED (late policy)',
      ),
    ];
  },
  async ambiguous(ctx) {
    const caseId = caseKey('ambiguous');
    // Two instances under one business key, started past the bridge (as a manual start in Cockpit would).
    for (let i = 0; i < 2; i++)
      await ctx.engine.correlate({ messageName: 'MSG_CASE_ACCEPTED', businessKey: caseId, processVariables: { caseId: { value: caseId, type: 'String' } } });
    const bothWaiting = await until(ctx, async () => (await instancesWithWait(ctx.db, caseId, 'MSG_EVIDENCE_SUBMITTED', 'OPEN')).length === 2);
    if (!bothWaiting)
      return [
        {
          scenario: 'ambiguous: two waiting instances',
          caseId,
          expected: 'two open waits before the event',
          observed: 'the waits did not both open in time',
          ok: false,
        },
      ];
    const ev = evidence(caseId);
    await ctx.send([ev], caseId);
    return [
      await expectCommand(ctx, 'ambiguous: two waiting instances', caseId, ev.eventId, (c) => c.reason_code === 'AMBIGUOUS_WAIT', 'QUARANTINED AMBIGUOUS_WAIT'),
    ];
  },
  async poison(ctx) {
    const caseId = caseKey('poison');
    // Unique bytes per run: a rejected record is deduplicated by its Kafka coordinates and content, and a
    // fresh broker (a new checkout, a recreated topic) reuses offsets a ledger kept from an earlier run.
    await ctx.send([`{"this is": not json, "case": "${caseId}"`], caseId);
    let row: { status: string; reason_code: string | null } | undefined;
    const ok = await until(ctx, async () => {
      row = await inboxOutcomeByRecordKey(ctx.db, caseId);
      return row?.status === 'REJECTED';
    });
    return [
      {
        scenario: 'poison: not JSON',
        caseId,
        expected: 'inbox REJECTED NOT_JSON',
        observed: row ? `inbox ${row.status} ${row.reason_code}` : 'not stored',
        ok: ok && row?.reason_code === 'NOT_JSON',
      },
    ];
  },
};

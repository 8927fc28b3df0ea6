import { createRequire } from 'node:module';
import { fixture } from './rules/rule-test-support.ts';

const require = createRequire(import.meta.url);
const { summarizeEvents, waitsOf, diffEventSummaries } = require('bpmnlint-plugin-seam');

async function summaryOf(folder: string, name: string) {
  const { root } = (await fixture(folder, name)) as { root: unknown };
  return summarizeEvents(root);
}

describe('summarizeEvents', () => {
  it('lists every event a process waits for or throws, with kinds, scopes and timer values', async () => {
    const [summary] = await summaryOf('contract-agreement', 'model');
    expect(summary.processKey).toBe('evidenceCase');
    const compact = summary.events.map((e: any) => [e.elementId, e.kind, e.role, e.name, e.interrupting, e.attachedTo]);
    expect(compact).toEqual([
      ['WaitEvidence', 'message', 'catch', 'MSG_EVIDENCE_SUBMITTED', null, null],
      ['EvidenceDeadline', 'timer', 'catch', null, true, 'WaitEvidence'],
      ['PolicyChanged', 'signal', 'catch', 'RegulatoryPolicyChanged', false, 'WaitEvidence'],
      ['InvalidDocument', 'error', 'catch', 'INVALID_DOCUMENT', true, 'Validate'],
      ['RaiseDelay', 'escalation', 'throw', 'REVIEW_DELAY_RISK', null, null],
    ]);
    expect(summary.events[1].timer).toEqual({ type: 'timeDuration', value: 'P10D' });
    expect(summary.events[0].elementType).toBe('ReceiveTask');
  });

  it('marks catches behind an event-based gateway and event sub-process starts', async () => {
    const [hooks] = await summaryOf('shadow-hooks', 'valid');
    const risk = hooks.events.find((e: any) => e.elementId === 'RiskAssessed');
    expect(risk.afterEventGateway).toBe('WaitRiskOrWithdrawal');
    const [reminders] = await summaryOf('timer-reminder-cap', 'invalid');
    const start = reminders.events.find((e: any) => e.elementId === 'ConfiguredReminder');
    expect(start).toMatchObject({ inEventSubProcess: true, startsProcess: false, interrupting: false, scope: 'Reminders' });
  });

  it('is plain JSON, so it can travel as rule configuration', async () => {
    const summaries = await summaryOf('versions', 'v1');
    expect(JSON.parse(JSON.stringify(summaries))).toEqual(summaries);
    expect(waitsOf(summaries[0]).map((e: any) => e.elementId)).toEqual(['ClaimFiled', 'WaitEvidence', 'EvidenceDeadline', 'WaitPayment']);
  });
});

describe('diffEventSummaries', () => {
  const breaking = (previous: unknown, current: unknown, options?: unknown) => diffEventSummaries(previous, current, options).filter((c: any) => c.breaking);

  it('reports nothing for an unchanged model and one change per kind of break', async () => {
    const [v1] = await summaryOf('versions', 'v1');
    expect(diffEventSummaries(v1, v1)).toEqual([]);

    const [changed] = await summaryOf('versions', 'v2-message-changed');
    expect(breaking(v1, changed).map((c: any) => [c.type, c.previous.elementId])).toEqual([['renamed', 'WaitPayment']]);

    const [removed] = await summaryOf('versions', 'v2-catches-removed');
    expect(breaking(v1, removed).map((c: any) => [c.type, c.previous.elementId])).toEqual([
      ['removed', 'EvidenceDeadline'],
      ['removed', 'WaitPayment'],
    ]);
    expect(breaking(v1, removed, { retired: [{ elementId: 'WaitPayment', drainedAt: '2026-01-15' }] })).toHaveLength(1);

    const [moved] = await summaryOf('versions', 'v2-wait-ids-renamed');
    expect(breaking(v1, moved).map((c: any) => [c.type, c.previous.elementId, c.current[0].elementId])).toEqual([
      ['moved', 'WaitEvidence', 'AwaitEvidence'],
      ['moved', 'EvidenceDeadline', 'EvidenceDue'],
    ]);
  });
});

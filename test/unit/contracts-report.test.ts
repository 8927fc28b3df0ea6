import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { contractSchema, type EventContract, type RetiredWait } from '../../modeling/contracts/contract-schema.ts';
import { buildContractsReport, type ProcessReport } from '../../modeling/contracts/report.ts';
import { formatMarkdown } from '../../modeling/contracts/report-markdown.ts';
import type { ProcessVersion } from '../../modeling/contracts/report-sources.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures/contracts');
const v1 = readFileSync(path.join(fixtures, 'claim-v1.bpmn'), 'utf8');
const baseContract = contractSchema.parse(parse(readFileSync(path.join(fixtures, 'claim-contract.yaml'), 'utf8')));

function version(label: string, xml: string, contract: EventContract | null = baseContract, retired: RetiredWait[] = []): ProcessVersion {
  return { processKey: 'claim', label, file: `processes/claim/${label}.bpmn`, xml, contract, retired };
}

async function compare(xml: string, contract: EventContract | null = baseContract, retired: RetiredWait[] = []): Promise<ProcessReport> {
  const report = await buildContractsReport([{ processKey: 'claim', previous: version('v1', v1), current: version('v2', xml, contract, retired) }]);
  return report.processes[0]!;
}

const compact = (report: ProcessReport) => report.changes!.map((c) => [c.type, c.elementId, c.breaking]);

describe('contracts report: events of one version', () => {
  it('joins each model event with its contract entry: messages by name, timers by element', async () => {
    const { processes } = await buildContractsReport([{ processKey: 'claim', previous: null, current: version('v1', v1) }]);
    const [claim] = processes;
    expect(claim!.changes).toBeNull();
    const byId = new Map(claim!.events.map((e) => [e.elementId, e]));
    expect(byId.get('WaitEvidence')).toMatchObject({
      kind: 'message',
      name: 'MSG_EVIDENCE_SUBMITTED',
      scopeKind: 'process',
      contract: {
        correlation: { businessKey: 'claimId', keys: ['evidenceRequestId'] },
        idempotencyKey: 'eventId',
        latePolicy: 'quarantine',
        owner: 'claims-officers',
      },
    });
    expect(byId.get('EvidenceDeadline')).toMatchObject({
      kind: 'timer',
      name: 'EvidenceSubmissionDeadline',
      interrupting: true,
      attachedTo: 'WaitEvidence',
      timer: { type: 'timeDuration', value: 'P10D' },
      contract: { owner: 'claims-officers' },
    });
    // In the model, not in the contract: the report says so instead of inventing terms.
    expect(byId.get('Reminder')).toMatchObject({ name: 'Reminder', interrupting: false, contract: null });
    expect(byId.get('InvalidDocument')).toMatchObject({ kind: 'error', name: 'INVALID_DOCUMENT', contract: null });
  });
});

describe('contracts report: changes between versions', () => {
  it('finds nothing between identical versions', async () => {
    expect((await compare(v1)).changes).toEqual([]);
  });

  it('marks a renamed message wait breaking', async () => {
    const report = await compare(v1.replace('name="MSG_EVIDENCE_SUBMITTED"', 'name="MSG_EVIDENCE_UPLOADED"'));
    expect(compact(report)).toEqual([['renamed', 'WaitEvidence', true]]);
    expect(report.changes![0]!.detail).toBe('message MSG_EVIDENCE_SUBMITTED → MSG_EVIDENCE_UPLOADED at WaitEvidence');
  });

  it('marks a timer value change not breaking and a flipped interrupting flag breaking', async () => {
    const report = await compare(v1.replace('>P10D<', '>P14D<').replace('cancelActivity="false"', 'cancelActivity="true"'));
    expect(compact(report)).toEqual([
      ['changed', 'EvidenceDeadline', false],
      ['changed', 'Reminder', true],
    ]);
    expect(report.changes!.map((c) => c.detail)).toEqual(['timer timeDuration P10D → timeDuration P14D', 'non-interrupting → interrupting']);
  });

  it('marks a wait under a new element id as moved and breaking, a message start moved as not', async () => {
    const report = await compare(v1.replaceAll('"WaitEvidence"', '"AwaitEvidence"').replaceAll('"ClaimFiled"', '"ClaimReceived"'));
    expect(compact(report)).toEqual([
      ['moved', 'ClaimReceived', false],
      ['moved', 'AwaitEvidence', true],
    ]);
  });

  it('marks a removed wait breaking unless compatibility.yaml retires it; an added event is not breaking', async () => {
    // The reminder becomes a message catch: the timer wait is gone, a message wait is new.
    const swapped = v1
      .replace(
        '<bpmn:timerEventDefinition id="Def_Reminder">\n        <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3/P1D</bpmn:timeCycle>\n      </bpmn:timerEventDefinition>',
        '<bpmn:messageEventDefinition id="Def_Withdrawn" messageRef="Message_Withdrawn" />',
      )
      .replace('<bpmn:process ', '<bpmn:message id="Message_Withdrawn" name="MSG_CLAIM_WITHDRAWN" />\n  <bpmn:process ');
    expect(compact(await compare(swapped))).toEqual([
      ['removed', 'Reminder', true],
      ['added', 'Reminder', false],
    ]);
    const retired = await compare(swapped, baseContract, [{ elementId: 'Reminder', drainedAt: '2026-01-15' }]);
    expect(compact(retired)).toEqual([
      ['removed', 'Reminder', false],
      ['added', 'Reminder', false],
    ]);
  });

  it('marks changed correlation keys breaking and a changed late policy not', async () => {
    const contract = structuredClone(baseContract);
    const evidence = contract.events.find((e) => e.name === 'MSG_EVIDENCE_SUBMITTED')!;
    if (evidence.kind !== 'message') throw new Error('fixture changed');
    evidence.correlation.keys = ['submissionId'];
    evidence.latePolicy = 'start a late review';
    const report = await compare(v1, contract);
    expect(compact(report)).toEqual([
      ['changed', 'WaitEvidence', true],
      ['changed', 'WaitEvidence', false],
    ]);
    expect(report.breakingCount).toBe(1);
  });
});

describe('contracts report as Markdown', () => {
  it('has an events table and a changes table with the breaking ones marked', async () => {
    const report = await buildContractsReport([
      { processKey: 'claim', previous: version('v1', v1), current: version('v2', v1.replace('name="MSG_EVIDENCE_SUBMITTED"', 'name="MSG_EVIDENCE_UPLOADED"')) },
    ]);
    const markdown = formatMarkdown(report);
    expect(markdown).toContain('**1 breaking change(s).**');
    expect(markdown).toContain('| kind | event | element | scope | interrupting | correlation | late policy | owner |');
    expect(markdown).toContain(
      '| timer catch | EvidenceSubmissionDeadline timeDuration: `P10D` | `EvidenceDeadline` "Evidence deadline" (BoundaryEvent on `WaitEvidence`) | process | yes |  |  | claims-officers |',
    );
    expect(markdown).toContain(
      '| renamed | message `MSG_EVIDENCE_UPLOADED` | message MSG_EVIDENCE_SUBMITTED → MSG_EVIDENCE_UPLOADED at WaitEvidence | **yes** |',
    );
    // The contract still names the old message, so the renamed wait has no terms: the report shows the gap.
    const renamedRow = markdown.split('\n').find((line) => line.startsWith('| message catch | `MSG_EVIDENCE_UPLOADED`'));
    expect(renamedRow).toContain('*not in contract.yaml*');
  });
});

import { buildCommands } from '../../bridge/projector/build-commands.ts';
import { parseMapping } from '../../bridge/mapping/load-mapping.ts';
import type { Envelope } from '../../bridge/intake/envelope.ts';

const receivedAt = new Date('2026-03-01T10:00:00.000Z');

const mapping = parseMapping({
  consumerName: 'bridge',
  topics: ['events'],
  limits: { maxVariablesBytes: 200 },
  mappings: [
    {
      name: 'case-accepted',
      eventType: 'case.accepted.v1',
      commandType: 'START_PROCESS',
      processKey: 'case',
      messageName: 'MSG_ACCEPTED',
      businessKey: '$.payload.caseId',
      payloadVariables: {
        caseId: '$.payload.caseId',
        priority: '$.payload.priority',
        score: '$.payload.score',
        urgent: '$.payload.urgent',
        note: '$.payload.note',
      },
    },
    {
      name: 'evidence-submitted',
      eventType: 'evidence.submitted.v1',
      commandType: 'CORRELATE_MESSAGE',
      processKey: 'case',
      messageName: 'MSG_EVIDENCE',
      businessKey: '$.payload.caseId',
      correlationKey: { name: 'evidenceFor', value: '$.payload.requestId' },
      payloadVariables: { evidenceId: '$.payload.evidenceId', details: '$.payload.details' },
      bufferFor: 'PT15M',
      latePolicy: { action: 'startProcess', processKey: 'late-review', messageName: 'MSG_LATE' },
    },
    {
      name: 'evidence-audit',
      eventType: 'evidence.submitted.v1',
      commandType: 'CORRELATE_MESSAGE',
      processKey: 'audit',
      messageName: 'MSG_AUDIT',
      businessKey: '$.eventId',
      tenant: 'eu',
      bufferFor: 'P1D',
      latePolicy: { action: 'ignore' },
    },
  ],
});

const envelope = (eventType: string, payload: Record<string, unknown>, extra: Partial<Envelope> = {}): Envelope => ({
  eventId: 'ev-1',
  eventType,
  occurredAt: '2026-03-01T09:59:00Z',
  payload,
  ...extra,
});

/** The drafts of a projection that must have produced commands. */
function commandsOf(e: Envelope) {
  const projection = buildCommands(e, mapping, receivedAt);
  if (projection.kind !== 'commands') throw new Error(`expected commands, got ${JSON.stringify(projection)}`);
  return projection.commands;
}

describe('buildCommands', () => {
  it('builds a start command with the business key and typed variables', () => {
    const [start, ...rest] = commandsOf(envelope('case.accepted.v1', { caseId: 'C-1', priority: 3, score: 0.5, urgent: false, note: null }));
    expect(rest).toEqual([]);
    expect(start).toEqual({
      commandType: 'START_PROCESS',
      processKey: 'case',
      messageName: 'MSG_ACCEPTED',
      businessKey: 'C-1',
      correlationKeyName: null,
      correlationKeyValue: null,
      tenantId: null,
      variables: {
        caseId: { value: 'C-1', type: 'String' },
        priority: { value: 3, type: 'Long' },
        score: { value: 0.5, type: 'Double' },
        urgent: { value: false, type: 'Boolean' },
        note: { value: null, type: 'Null' },
      },
      latePolicy: null,
      bufferUntil: null,
    });
  });

  it('leaves a variable whose path is missing unset, and takes a number as a business key', () => {
    const [start] = commandsOf(envelope('case.accepted.v1', { caseId: 42 }));
    expect(start!.businessKey).toBe('42');
    expect(start!.variables).toEqual({ caseId: { value: 42, type: 'Long' } });
  });

  it('builds one command per mapping of the event type, each with its correlation key, buffer window and late policy', () => {
    const commands = commandsOf(envelope('evidence.submitted.v1', { caseId: 'C-2', requestId: 'R-9', evidenceId: 'E-1' }, { tenantId: 'eu' }));
    expect(commands.map((c) => [c.processKey, c.messageName, c.businessKey])).toEqual([
      ['case', 'MSG_EVIDENCE', 'C-2'],
      ['audit', 'MSG_AUDIT', 'ev-1'],
    ]);
    const [evidence, audit] = commands;
    expect(evidence).toMatchObject({
      commandType: 'CORRELATE_MESSAGE',
      correlationKeyName: 'evidenceFor',
      correlationKeyValue: 'R-9',
      tenantId: 'eu', // from the event when the mapping names no tenant
      variables: { evidenceId: { value: 'E-1', type: 'String' } },
      latePolicy: { action: 'startProcess', processKey: 'late-review', messageName: 'MSG_LATE' },
    });
    expect(evidence!.bufferUntil).toEqual(new Date('2026-03-01T10:15:00.000Z')); // received + PT15M
    expect(audit).toMatchObject({ correlationKeyName: null, correlationKeyValue: null, tenantId: 'eu', variables: {}, latePolicy: { action: 'ignore' } });
    expect(audit!.bufferUntil).toEqual(new Date('2026-03-02T10:00:00.000Z')); // received + P1D
    expect(commands.every((c) => c.quarantine === undefined)).toBe(true);
  });

  it('calls an event nobody maps unmapped, and a known family in another version unsupported', () => {
    expect(buildCommands(envelope('payment.received.v1', { caseId: 'C-3' }), mapping, receivedAt)).toEqual({ kind: 'unmapped' });
    expect(buildCommands(envelope('case.accepted.v2', { caseId: 'C-3' }), mapping, receivedAt)).toEqual({
      kind: 'quarantine',
      code: 'UNSUPPORTED_EVENT_VERSION',
      message: 'no mapping for case.accepted.v2; the bridge maps case.accepted.v1',
    });
  });

  it('quarantines an event whose business key is missing, blank or not a plain value, naming the mapping', () => {
    for (const caseId of [undefined, '  ', { id: 'C-4' }, true]) {
      expect(buildCommands(envelope('case.accepted.v1', { caseId }), mapping, receivedAt)).toEqual({
        kind: 'quarantine',
        code: 'BUSINESS_KEY_MISSING',
        message: 'mapping "case-accepted": $.payload.caseId gives no text or number',
      });
    }
  });

  it('quarantines a correlation without its correlation key', () => {
    expect(buildCommands(envelope('evidence.submitted.v1', { caseId: 'C-5' }), mapping, receivedAt)).toEqual({
      kind: 'quarantine',
      code: 'CORRELATION_KEY_MISSING',
      message: 'mapping "evidence-submitted": $.payload.requestId gives no text or number',
    });
  });

  it('quarantines an event for another tenant than its mapping serves', () => {
    expect(buildCommands(envelope('evidence.submitted.v1', { caseId: 'C-6', requestId: 'R-1' }, { tenantId: 'us' }), mapping, receivedAt)).toEqual({
      kind: 'quarantine',
      code: 'TENANT_MISMATCH',
      message: 'mapping "evidence-audit" serves tenant eu, the event is for tenant us',
    });
  });

  it('keeps the command but quarantines it, without variables, when a variable is an object or a list', () => {
    const [evidence] = commandsOf(envelope('evidence.submitted.v1', { caseId: 'C-7', requestId: 'R-2', evidenceId: 'E-2', details: { pages: [1, 2] } }));
    expect(evidence!.variables).toEqual({});
    expect(evidence!.quarantine).toEqual({
      code: 'VARIABLE_NOT_PLAIN',
      message: 'mapping "evidence-submitted": details are objects or lists; process variables carry ids, timestamps and small enums only',
    });
  });

  it('quarantines a command whose variables exceed the size limit, and keeps one within it', () => {
    const within = 'x'.repeat(100);
    expect(commandsOf(envelope('case.accepted.v1', { caseId: 'C-8', note: within }))[0]!.quarantine).toBeUndefined();
    const [large] = commandsOf(envelope('case.accepted.v1', { caseId: 'C-8', note: 'x'.repeat(200) }));
    expect(large!.variables).toEqual({});
    const size = Buffer.byteLength(JSON.stringify({ caseId: { value: 'C-8', type: 'String' }, note: { value: 'x'.repeat(200), type: 'String' } }));
    expect(large!.quarantine).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: `mapping "case-accepted": variables are ${size} bytes; the limit is 200` });
  });
});

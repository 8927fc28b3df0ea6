import { describe, expect, it } from 'vitest';
import { decodeRecord } from '../../bridge/intake/envelope.ts';

const limits = { maxRecordBytes: 200, keepRejectedBytes: 8 };
const good = { eventId: 'e-1', eventType: 'regulatory.case.accepted.v1', occurredAt: '2026-11-22T10:00:00Z', payload: { caseId: 'c-1' } };

describe('decoding a Kafka record into an envelope', () => {
  it('accepts a well-formed envelope', () => {
    const decoded = decodeRecord(Buffer.from(JSON.stringify(good)), limits);
    expect(decoded).toMatchObject({ ok: true, envelope: { eventId: 'e-1', payload: { caseId: 'c-1' } } });
  });

  it('rejects what is not JSON, keeping only the first bytes', () => {
    const decoded = decodeRecord(Buffer.from('this is not json at all'), limits);
    expect(decoded).toMatchObject({ ok: false, reasonCode: 'NOT_JSON', size: 23 });
    expect(decoded.ok === false && decoded.keptBytes?.toString()).toBe('this is ');
  });

  it('names every field of a broken envelope', () => {
    const decoded = decodeRecord(Buffer.from(JSON.stringify({ eventType: '', occurredAt: 'yesterday', payload: 3 })), limits);
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.reasonCode).toBe('ENVELOPE_INVALID');
    for (const field of ['eventId', 'eventType', 'occurredAt', 'payload']) expect(decoded.reason).toContain(field);
  });

  it('rejects a record over the size limit without parsing it', () => {
    const decoded = decodeRecord(Buffer.alloc(201, 0x7b), limits);
    expect(decoded).toMatchObject({ ok: false, reasonCode: 'RECORD_TOO_LARGE', size: 201 });
  });

  it('rejects an empty record and a NUL character PostgreSQL could not store', () => {
    expect(decodeRecord(null, limits)).toMatchObject({ ok: false, reasonCode: 'EMPTY_RECORD' });
    const withNul = decodeRecord(Buffer.from(JSON.stringify({ ...good, payload: { caseId: 'a\u0000b' } })), limits);
    expect(withNul).toMatchObject({ ok: false, reasonCode: 'ENVELOPE_INVALID' });
  });
});

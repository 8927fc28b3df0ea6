import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { decodeRecord } from '../../bridge/intake/envelope.ts';
import { buildCommands } from '../../bridge/projector/build-commands.ts';
import { loadMappingFile } from '../../bridge/mapping/load-mapping.ts';

// The property fuzzer of the decoder and the mapping: hostile JSON, depth, size, numbers, unicode, wrong types.
// SEAM_CHAOS_SEED replays a failing run (fast-check prints the seed and the shrunk counterexample).
const seed = process.env.SEAM_CHAOS_SEED ? Number(process.env.SEAM_CHAOS_SEED) : undefined;
const runs = { numRuns: 400, ...(seed !== undefined ? { seed } : {}) };
const limits = { maxRecordBytes: 262_144, keepRejectedBytes: 64 };
const mapping = loadMappingFile(fileURLToPath(new URL('../../apps/regulatory-case/mappings.yaml', import.meta.url)));
const REASONS = ['RECORD_TOO_LARGE', 'EMPTY_RECORD', 'NOT_JSON', 'ENVELOPE_INVALID'];

const envelopeText = (payload: string) =>
  `{"eventId":"e-1","eventType":"regulatory.case.accepted.v1","occurredAt":"2026-11-22T10:00:00Z","payload":${payload}}`;

describe('the decoder never throws and keeps what it accepts exact', () => {
  it('rejects 5,000 levels of nesting with a reason instead of overflowing the stack', () => {
    for (const open of ['[', '{"a":']) {
      const close = open === '[' ? ']' : '}';
      const decoded = decodeRecord(Buffer.from(envelopeText(`{"caseId":"c","x":${open.repeat(5000)}1${close.repeat(5000)}}`)), limits);
      expect(decoded).toMatchObject({ ok: false, reasonCode: 'ENVELOPE_INVALID' });
      expect(!decoded.ok && decoded.reason).toContain('nests deeper');
    }
  });

  it('keeps an integer beyond 2^53 exact, up to the business key the engine gets', () => {
    const decoded = decodeRecord(Buffer.from(envelopeText('{"caseId":1790000000000000001,"n":-90071992547409931,"small":42,"f":1.5e3}')), limits);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.envelope.payload).toEqual({ caseId: '1790000000000000001', n: '-90071992547409931', small: 42, f: 1500 });
    const projection = buildCommands(decoded.envelope, mapping, new Date());
    expect(projection.kind).toBe('commands');
    if (projection.kind !== 'commands') return;
    expect(projection.commands[0]!.businessKey).toBe('1790000000000000001');
    expect(projection.commands[0]!.variables.caseId).toEqual({ value: '1790000000000000001', type: 'String' });
  });

  it('does not take a big integer inside a string, or escaped quotes, for a number', () => {
    const decoded = decodeRecord(Buffer.from(envelopeText('{"caseId":"a\\"17900000000000000011\\"","k":"\\\\"}')), limits);
    expect(decoded).toMatchObject({ ok: true, envelope: { payload: { caseId: 'a"17900000000000000011"', k: '\\' } } });
  });

  it('rejects a number out of range, a NUL and a lone surrogate, but accepts the text "\\u0000" (six characters)', () => {
    expect(decodeRecord(Buffer.from(envelopeText('{"caseId":"c","x":1e400}')), limits)).toMatchObject({ ok: false, reasonCode: 'ENVELOPE_INVALID' });
    expect(decodeRecord(Buffer.from(envelopeText('{"caseId":"a\\u0000b"}')), limits)).toMatchObject({ ok: false, reasonCode: 'ENVELOPE_INVALID' });
    expect(decodeRecord(Buffer.from(envelopeText('{"caseId":"a\\ud800b"}')), limits)).toMatchObject({ ok: false, reasonCode: 'ENVELOPE_INVALID' });
    expect(decodeRecord(Buffer.from(envelopeText('{"caseId":"\\ud83d\\ude00"}')), limits)).toMatchObject({ ok: true, envelope: { payload: { caseId: '😀' } } });
    const literal = decodeRecord(Buffer.from(JSON.stringify({ ...JSON.parse(envelopeText('{}')), payload: { caseId: 'a\\u0000b' } })), limits);
    expect(literal).toMatchObject({ ok: true, envelope: { payload: { caseId: 'a\\u0000b' } } });
  });

  it('property: any bytes decode to an envelope or a rejection with a known reason, never an exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc.string({ unit: 'binary', maxLength: 512 }).map((s) => Buffer.from(s)),
        ),
        (bytes) => {
          const decoded = decodeRecord(Buffer.from(bytes), limits);
          if (!decoded.ok) expect(REASONS).toContain(decoded.reasonCode);
        },
      ),
      runs,
    );
  });

  it('property: any JSON payload either decodes to what was sent (big integers as text) or is rejected with a reason; projecting it never throws', () => {
    const hostile = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.string({ unit: 'binary' }),
        fc.oneof(fc.integer(), fc.double(), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    const toJson = (v: unknown): string =>
      typeof v === 'bigint'
        ? v.toString()
        : Array.isArray(v)
          ? `[${v.map(toJson).join(',')}]`
          : v && typeof v === 'object'
            ? `{${Object.entries(v)
                .map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`)
                .join(',')}}`
            : (JSON.stringify(v) ?? 'null');
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('caseId', 'acceptedAt', 'jurisdiction', 'other'), hostile), (payload) => {
        const decoded = decodeRecord(Buffer.from(envelopeText(toJson(payload))), limits);
        if (!decoded.ok) {
          expect(REASONS).toContain(decoded.reasonCode);
          return;
        }
        const stored = JSON.stringify(decoded.envelope);
        // After dropping escaped backslashes, a remaining `\u0000` would be a real NUL PostgreSQL refuses.
        expect(stored.replace(/\\\\/g, '').includes('\\u0000')).toBe(false);
        const projection = buildCommands(decoded.envelope, mapping, new Date());
        if (projection.kind === 'commands') for (const c of projection.commands) expect(typeof c.businessKey).toBe('string');
        const caseId = payload.caseId;
        if (typeof caseId === 'bigint' && projection.kind === 'commands') expect(projection.commands[0]!.businessKey).toBe(caseId.toString());
      }),
      runs,
    );
  });
});

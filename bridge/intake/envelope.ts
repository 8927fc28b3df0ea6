import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { DecodedRecord, Envelope, RejectReason } from '../../ledger/inbox/inbox-record.ts';

/** The JSON envelope every domain event on the bridge's topics carries. */
export const envelopeSchema = z.object({
  eventId: z.string().min(1).max(200),
  eventType: z.string().min(1).max(200),
  occurredAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date-time'),
  tenantId: z.string().min(1).max(200).nullish(),
  correlationId: z.string().min(1).max(200).nullish(),
  payload: z.record(z.string(), z.unknown()),
}) satisfies z.ZodType<Envelope>;

export type { Envelope, DecodedRecord, RejectReason };

/**
 * Turns a record's value into an envelope, or into a rejection that says what was wrong. Never throws:
 * a poison record must not stop the consumer. Rejected bytes are kept up to `keepBytes` for operators.
 */
export function decodeRecord(value: Buffer | null, limits: { maxRecordBytes: number; keepRejectedBytes: number }): DecodedRecord {
  const size = value?.length ?? 0;
  const reject = (reasonCode: RejectReason, reason: string): DecodedRecord => ({
    ok: false,
    reasonCode,
    reason,
    size,
    keptBytes: value ? Buffer.from(value.subarray(0, limits.keepRejectedBytes)) : null,
    sha256: createHash('sha256')
      .update(value ?? Buffer.alloc(0))
      .digest(),
  });
  if (!value || size === 0) return reject('EMPTY_RECORD', 'the record has no value (tombstone or empty)');
  if (size > limits.maxRecordBytes) return reject('RECORD_TOO_LARGE', `the record is ${size} bytes; the limit is ${limits.maxRecordBytes}`);
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (err) {
    // V8's message quotes the input; keep only where it broke, so no payload reaches the reason or the logs.
    const position = /position (\d+)/.exec((err as Error).message)?.[1];
    return reject('NOT_JSON', `the value is not JSON${position ? ` (syntax error at byte ${position})` : ''}`);
  }
  // PostgreSQL's jsonb and text cannot hold U+0000; such an event could never be stored as accepted.
  if (JSON.stringify(json).includes('\\u0000')) return reject('ENVELOPE_INVALID', 'the envelope contains NUL (U+0000) characters, which cannot be stored');
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return reject('ENVELOPE_INVALID', `the envelope is invalid: ${fields}`);
  }
  return { ok: true, envelope: parsed.data, size };
}

import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { DecodedRecord, Envelope, RejectReason } from '../../ledger/inbox/inbox-record.ts';
import { scanJson } from './json-scan.ts';

/** Deeper than any real envelope; bounds the work (and the stack) of parsing and validating one record. */
export const MAX_JSON_DEPTH = 64;

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
export function decodeRecord(value: Buffer | null, limits: { maxRecordBytes: number; keepRejectedBytes: number; maxDepth?: number }): DecodedRecord {
  try {
    return decode(value, limits);
  } catch (err) {
    // Nothing above should throw; if it does, this record is set aside with the reason, not the partition.
    return rejection(value, limits, 'ENVELOPE_INVALID', `the decoder failed on this record: ${(err as Error).name}`);
  }
}

function rejection(value: Buffer | null, limits: { keepRejectedBytes: number }, reasonCode: RejectReason, reason: string): DecodedRecord {
  return {
    ok: false,
    reasonCode,
    reason,
    size: value?.length ?? 0,
    keptBytes: value ? Buffer.from(value.subarray(0, limits.keepRejectedBytes)) : null,
    sha256: createHash('sha256')
      .update(value ?? Buffer.alloc(0))
      .digest(),
  };
}

function decode(value: Buffer | null, limits: { maxRecordBytes: number; keepRejectedBytes: number; maxDepth?: number }): DecodedRecord {
  const size = value?.length ?? 0;
  const reject = (reasonCode: RejectReason, reason: string): DecodedRecord => rejection(value, limits, reasonCode, reason);
  if (!value || size === 0) return reject('EMPTY_RECORD', 'the record has no value (tombstone or empty)');
  if (size > limits.maxRecordBytes) return reject('RECORD_TOO_LARGE', `the record is ${size} bytes; the limit is ${limits.maxRecordBytes}`);
  const scanned = scanJson(value.toString('utf8'), { maxDepth: limits.maxDepth ?? MAX_JSON_DEPTH });
  if (!scanned.ok) return reject('ENVELOPE_INVALID', scanned.problem);
  let json: unknown;
  try {
    json = JSON.parse(scanned.text);
  } catch (err) {
    // V8's message quotes the input; keep only where it broke, so no payload reaches the reason or the logs.
    const position = /position (\d+)/.exec((err as Error).message)?.[1];
    return reject('NOT_JSON', `the value is not JSON${position ? ` (syntax error at byte ${position})` : ''}`);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return reject('ENVELOPE_INVALID', `the envelope is invalid: ${fields}`);
  }
  return { ok: true, envelope: parsed.data, size };
}

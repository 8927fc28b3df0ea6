import type { InboxRejectReason } from '../states.ts';
/** The JSON envelope every domain event carries, as the inbox stores it (the bridge's decoder validates it). */
export interface Envelope {
  eventId: string;
  eventType: string;
  occurredAt: string;
  tenantId?: string | null | undefined;
  correlationId?: string | null | undefined;
  payload: Record<string, unknown>;
}

export type RejectReason = InboxRejectReason;

/** One Kafka record after decoding: an envelope, or a rejection kept with its reason. */
export type DecodedRecord =
  | { ok: true; envelope: Envelope; size: number }
  | { ok: false; reasonCode: RejectReason; reason: string; size: number; keptBytes: Buffer | null; sha256: Buffer };

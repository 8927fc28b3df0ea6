import { z } from 'zod';

/**
 * The event contract of one process (`processes/<key>/contract.yaml`): every message, signal,
 * timer, BPMN error and escalation the process waits for or throws, with what production needs to
 * know about it (who sends it, how it is correlated, what happens when it is late, who owns it).
 * The shape follows the event contracts of the events deep dive, one list per process.
 */

const elementIds = z.array(z.string().min(1)).default([]).describe('BPMN element ids; `otherProcessKey:ElementId` points into another process');

const common = {
  name: z.string().min(1).describe("message or signal name, error or escalation code, or the timer's business name"),
  caughtBy: elementIds,
  thrownBy: elementIds,
  interrupting: z.boolean().optional(),
  owner: z.string().min(1).optional().describe('team or role that acts when the event happens'),
  source: z.string().min(1).optional(),
  businessMeaning: z.string().min(1).optional(),
};

export const correlationSchema = z.object({
  businessKey: z.string().min(1).describe('payload field holding the process business key'),
  keys: z.array(z.string().min(1)).default([]).describe('further correlation keys, e.g. externalRequestId'),
});

const messageEvent = z.object({
  kind: z.literal('message'),
  ...common,
  correlation: correlationSchema,
  idempotencyKey: z.string().min(1).describe('payload field that identifies a delivery, for duplicate detection'),
  latePolicy: z.string().min(1).describe('what happens to the message when the process no longer waits for it'),
  payloadVersion: z.string().min(1).optional(),
});

const signalEvent = z.object({
  kind: z.literal('signal'),
  ...common,
  broadcast: z.boolean().describe('true only for events every subscribed instance must see'),
  emitters: z.array(z.string().min(1)).default([]).describe('process keys allowed to throw the signal'),
});

const timerEvent = z.object({
  kind: z.literal('timer'),
  ...common,
  duration: z.string().min(1).optional(),
  latePolicy: z.string().min(1).optional(),
});

const errorEvent = z.object({
  kind: z.literal('error'),
  ...common,
  recovery: z.string().min(1).optional(),
});

const escalationEvent = z.object({
  kind: z.literal('escalation'),
  ...common,
  owner: z.string().min(1).describe('team or role that acts on the escalation'),
});

export const contractEventSchema = z.discriminatedUnion('kind', [messageEvent, signalEvent, timerEvent, errorEvent, escalationEvent]);

export const contractSchema = z.object({
  processKey: z.string().min(1),
  events: z.array(contractEventSchema).default([]),
});

/** A wait that was removed from the model after the instances waiting in it were drained. */
export const retiredWaitSchema = z
  .object({
    elementId: z.string().min(1).optional(),
    message: z.string().min(1).optional().describe('message or signal name'),
    drainedAt: z.preprocess(
      (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
      z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected an ISO date such as 2026-01-15'),
    ),
    reason: z.string().min(1).optional(),
  })
  .refine((entry) => (entry.elementId === undefined) !== (entry.message === undefined), {
    message: 'give exactly one of elementId or message',
  });

/** `processes/<key>/compatibility.yaml`: what a new version may drop without breaking running instances. */
export const compatibilitySchema = z.object({
  processKey: z.string().min(1),
  retired: z.array(retiredWaitSchema).default([]),
});

export type EventContract = z.infer<typeof contractSchema>;
export type ContractEvent = z.infer<typeof contractEventSchema>;
export type Compatibility = z.infer<typeof compatibilitySchema>;
export type RetiredWait = z.infer<typeof retiredWaitSchema>;

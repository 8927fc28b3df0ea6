import { z } from 'zod';
import type { LatePolicy } from '../../ledger/commands/command-row.ts';
import { isJsonPath } from './json-path.ts';
import { addIsoDuration } from '../../platform/time/iso-duration.ts';

const jsonPath = z.string().refine(isJsonPath, 'must be a path expression such as $.payload.caseId');
const isoDuration = z.string().refine((v) => addIsoDuration(new Date(0), v) !== undefined, 'must be an ISO 8601 duration such as PT15M or P1D');
const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'letters, digits, dot, dash and underscore, starting with a letter');

/** What to do with an event whose wait has already closed or expired (shadow CLOSED or EXPIRED). */
export const latePolicySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('quarantine') }).strict(),
  z.object({ action: z.literal('ignore') }).strict(),
  /** Deliver it as another message to the same instance, if that instance waits for it. */
  z.object({ action: z.literal('correlate'), messageName: name }).strict(),
  /** Start a (review) process through its message start event, business key unchanged. */
  z.object({ action: z.literal('startProcess'), processKey: name, messageName: name }).strict(),
]) satisfies z.ZodType<LatePolicy>;

const base = {
  name: name.describe('unique name of this mapping, used in errors, logs and metrics'),
  eventType: z.string().min(1),
  processKey: name,
  messageName: name,
  businessKey: jsonPath,
  payloadVariables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a plain variable name'), jsonPath).default({}),
  tenant: z.string().min(1).nullable().default(null),
};

export const mappingSchema = z.discriminatedUnion('commandType', [
  z.object({ ...base, commandType: z.literal('START_PROCESS') }).strict(),
  z
    .object({
      ...base,
      commandType: z.literal('CORRELATE_MESSAGE'),
      correlationKey: z
        .object({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), value: jsonPath })
        .strict()
        .optional(),
      bufferFor: isoDuration.describe('how long an early event may wait for its wait state'),
      latePolicy: latePolicySchema,
    })
    .strict(),
]);

export const mappingFileSchema = z
  .object({
    consumerName: name.describe('the inbox consumer and the Kafka consumer group'),
    topics: z.array(z.string().min(1)).min(1),
    limits: z
      .object({
        maxRecordBytes: z.number().int().positive().default(262_144),
        keepRejectedBytes: z.number().int().positive().default(16_384),
        maxVariablesBytes: z.number().int().positive().default(4_096),
      })
      .strict()
      .default({ maxRecordBytes: 262_144, keepRejectedBytes: 16_384, maxVariablesBytes: 4_096 }),
    mappings: z.array(mappingSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.mappings.forEach((m, i) => {
      if (seen.has(m.name)) ctx.addIssue({ code: 'custom', path: ['mappings', i, 'name'], message: `duplicates the name of mappings[${seen.get(m.name)}]` });
      seen.set(m.name, i);
    });
  });

export type MappingFile = z.infer<typeof mappingFileSchema>;
export type Mapping = z.infer<typeof mappingSchema>;
export type CorrelateMapping = Extract<Mapping, { commandType: 'CORRELATE_MESSAGE' }>;
export type { LatePolicy };

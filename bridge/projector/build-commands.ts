import { addIsoDuration } from '../../platform/time/iso-duration.ts';
import type { Envelope } from '../intake/envelope.ts';
import { evaluateJsonPath } from '../mapping/json-path.ts';
import type { Mapping, MappingFile } from '../mapping/mapping-schema.ts';
import type { CommandDraft } from '../../ledger/commands/insert-commands.ts';
import type { TypedVariables } from '../../ledger/commands/command-row.ts';
import type { InboxQuarantineReason } from '../../ledger/states.ts';

export type { CommandDraft };

export type Projection =
  { kind: 'commands'; commands: CommandDraft[] } | { kind: 'unmapped' } | { kind: 'quarantine'; code: InboxQuarantineReason; message: string };

/** `regulatory.case.accepted.v1` → `regulatory.case.accepted`: the event family, across versions. */
const family = (eventType: string): string => eventType.replace(/\.v\d+$/, '');

/** A plain value for a business or correlation key: text or number, nothing else. */
function keyText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Camunda's typed value for one payload value; undefined when it is not a plain value (object, array). */
function typed(value: unknown): TypedVariables[string] | undefined {
  if (value === null) return { value: null, type: 'Null' };
  if (typeof value === 'string') return { value, type: 'String' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isSafeInteger(value) ? { value, type: 'Long' } : { value, type: 'Double' };
  return undefined;
}

/**
 * Turns one accepted event into 0..n command drafts by the mapping contract. Pure: the projector stores
 * what this returns. An event nobody maps is `unmapped`; an event of a known family in an unknown version,
 * or one whose keys cannot be read, is quarantined at the inbox with the reason.
 */
export function buildCommands(envelope: Envelope, mappingFile: MappingFile, receivedAt: Date): Projection {
  const mappings = mappingFile.mappings.filter((m) => m.eventType === envelope.eventType);
  if (mappings.length === 0) {
    const known = mappingFile.mappings.find((m) => family(m.eventType) === family(envelope.eventType));
    return known
      ? { kind: 'quarantine', code: 'UNSUPPORTED_EVENT_VERSION', message: `no mapping for ${envelope.eventType}; the bridge maps ${known.eventType}` }
      : { kind: 'unmapped' };
  }
  const commands: CommandDraft[] = [];
  for (const m of mappings) {
    const businessKey = keyText(evaluateJsonPath(envelope, m.businessKey));
    if (!businessKey) return { kind: 'quarantine', code: 'BUSINESS_KEY_MISSING', message: `mapping "${m.name}": ${m.businessKey} gives no text or number` };
    if (m.tenant && envelope.tenantId && envelope.tenantId !== m.tenant) {
      return {
        kind: 'quarantine',
        code: 'TENANT_MISMATCH',
        message: `mapping "${m.name}" serves tenant ${m.tenant}, the event is for tenant ${envelope.tenantId}`,
      };
    }
    let correlationKeyName: string | null = null;
    let correlationKeyValue: string | null = null;
    if (m.commandType === 'CORRELATE_MESSAGE' && m.correlationKey) {
      correlationKeyValue = keyText(evaluateJsonPath(envelope, m.correlationKey.value)) ?? null;
      if (!correlationKeyValue)
        return { kind: 'quarantine', code: 'CORRELATION_KEY_MISSING', message: `mapping "${m.name}": ${m.correlationKey.value} gives no text or number` };
      correlationKeyName = m.correlationKey.name;
    }
    const variables: TypedVariables = {};
    const notPlain: string[] = [];
    for (const [name, path] of Object.entries(m.payloadVariables)) {
      const value = evaluateJsonPath(envelope, path);
      if (value === undefined) continue; // optional fields simply stay unset
      const t = typed(value);
      if (t) variables[name] = t;
      else notPlain.push(name);
    }
    const size = Buffer.byteLength(JSON.stringify(variables));
    const draft: CommandDraft = {
      commandType: m.commandType,
      processKey: m.processKey,
      messageName: m.messageName,
      businessKey,
      correlationKeyName,
      correlationKeyValue,
      tenantId: m.tenant ?? envelope.tenantId ?? null,
      variables,
      latePolicy: m.commandType === 'CORRELATE_MESSAGE' ? m.latePolicy : null,
      bufferUntil: m.commandType === 'CORRELATE_MESSAGE' ? (addIsoDuration(receivedAt, m.bufferFor) ?? null) : null,
    };
    if (notPlain.length) {
      draft.variables = {};
      draft.quarantine = {
        code: 'VARIABLE_NOT_PLAIN',
        message: `mapping "${m.name}": ${notPlain.join(', ')} are objects or lists; process variables carry ids, timestamps and small enums only`,
      };
    } else if (size > mappingFile.limits.maxVariablesBytes) {
      draft.variables = {};
      draft.quarantine = {
        code: 'PAYLOAD_TOO_LARGE',
        message: `mapping "${m.name}": variables are ${size} bytes; the limit is ${mappingFile.limits.maxVariablesBytes}`,
      };
    }
    commands.push(draft);
  }
  return { kind: 'commands', commands };
}

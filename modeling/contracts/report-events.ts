import type { ProcessEventSummary, SummaryEvent } from '../lint/bpmnlint-runtime.ts';
import type { ContractEvent, EventContract } from './contract-schema.ts';

/** What contract.yaml says about one event of the model; null fields are not in the contract. */
export interface ContractTerms {
  correlation: { businessKey: string; keys: string[] } | null;
  idempotencyKey: string | null;
  latePolicy: string | null;
  owner: string | null;
  /** The contract's name for a timer (timers have no name in BPMN). */
  name: string;
}

/** One event of one process version: where the model has it, and the contract's terms for it. */
export interface EventRow {
  kind: SummaryEvent['kind'];
  role: SummaryEvent['role'];
  /** Message or signal name, error or escalation code; for a timer the contract's name, else the element name. */
  name: string | null;
  elementId: string;
  elementName: string | null;
  elementType: string;
  scope: string;
  scopeKind: 'process' | 'sub-process' | 'event sub-process';
  attachedTo: string | null;
  startsProcess: boolean;
  interrupting: boolean | null;
  timer: { type: string | null; value: string | null } | null;
  contract: ContractTerms | null;
}

/** The model's events (event summary) joined with the contract entries that describe them. */
export function eventRows(summary: ProcessEventSummary, contract: EventContract | null): EventRow[] {
  const subProcesses = new Map<string, boolean>();
  for (const event of summary.events) {
    if (event.scope !== summary.processKey) subProcesses.set(event.scope, subProcesses.get(event.scope) || event.inEventSubProcess);
  }
  return summary.events.map((event) => {
    const entry = contract ? contractEntryFor(event, contract) : undefined;
    const terms = entry ? termsOf(entry) : null;
    return {
      kind: event.kind,
      role: event.role,
      name: event.kind === 'timer' ? (terms?.name ?? event.elementName) : event.name,
      elementId: event.elementId,
      elementName: event.elementName,
      elementType: event.elementType,
      scope: event.scope,
      scopeKind: event.scope === summary.processKey ? 'process' : subProcesses.get(event.scope) ? 'event sub-process' : 'sub-process',
      attachedTo: event.attachedTo,
      startsProcess: event.startsProcess,
      interrupting: event.interrupting,
      timer: event.timer,
      contract: terms,
    };
  });
}

/**
 * Timers have no name in BPMN: their entry is the one listing the element. Other events are
 * addressed by name, so only an entry with the same name describes them (preferably one that
 * lists the element, when a name is caught in several places).
 */
function contractEntryFor(event: SummaryEvent, contract: EventContract): ContractEvent | undefined {
  const listsElement = (entry: ContractEvent) => (event.role === 'catch' ? entry.caughtBy : entry.thrownBy).includes(event.elementId);
  const sameKind = contract.events.filter((entry) => entry.kind === event.kind);
  if (event.kind === 'timer') return sameKind.find(listsElement);
  const sameName = sameKind.filter((entry) => entry.name === event.name);
  return sameName.find(listsElement) ?? sameName[0];
}

function termsOf(entry: ContractEvent): ContractTerms {
  return {
    name: entry.name,
    correlation: entry.kind === 'message' ? entry.correlation : null,
    idempotencyKey: entry.kind === 'message' ? entry.idempotencyKey : null,
    latePolicy: entry.kind === 'message' || entry.kind === 'timer' ? (entry.latePolicy ?? null) : null,
    owner: entry.owner ?? null,
  };
}

import { createRequire } from 'node:module';

/**
 * Where a process can still go, read from its BPMN: which flow nodes each node may lead to, and which
 * nodes are open hooks (`seam-shadow-open`) for which message. The bridge asks it one question: from where
 * an instance stands now, can it reach a hook that opens a wait for this message again (the next round of
 * a loop such as a correction request)? The answer over-approximates: every path the model draws counts,
 * whatever conditions or events would decide it, so "no" means the instance cannot wait for it again.
 */
export interface WaitGraph {
  /** What a node may lead to once it is reached: its flows, boundary events, and the events of its scopes. */
  next: ReadonlyMap<string, readonly string[]>;
  /** A sub-process's start events: entered only when the sub-process is reached, not while a token is inside. */
  entry: ReadonlyMap<string, readonly string[]>;
  /** Open hooks by the message they open a wait for. */
  openHooks: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Where an instance stands: an activity it is in, and whether that is a scope with tokens inside it. */
export interface Position {
  activityId: string;
  isScope: boolean;
}

/** The open hook's topic; equal to workers/shadow/topics.ts (the bridge does not import workers/). */
export const OPEN_HOOK_TOPIC = 'seam-shadow-open';
const MESSAGE_PROPERTY = 'seam.message';

/** Whether, from `positions`, the instance can reach an open hook for `messageName` (a hook it stands on counts). */
export function canOpenWaitAgain(graph: WaitGraph, positions: readonly Position[], messageName: string): boolean {
  const hooks = graph.openHooks.get(messageName);
  if (!hooks?.size) return false;
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    queue.push(id);
  };
  for (const p of positions) {
    // Inside a scope the token goes on from the scope's exits and boundary events, not its start again.
    if (p.isScope) for (const id of graph.next.get(p.activityId) ?? []) visit(id);
    else visit(p.activityId);
  }
  while (queue.length) {
    const id = queue.shift()!;
    if (hooks.has(id)) return true;
    for (const n of graph.next.get(id) ?? []) visit(n);
    for (const n of graph.entry.get(id) ?? []) visit(n);
  }
  return false;
}

// ── Building the graph from bpmn-moddle's elements ───────────────────────────────────────────────

interface Element {
  $type: string;
  id?: string;
  name?: string;
  flowElements?: Element[];
  outgoing?: Element[];
  targetRef?: Element;
  attachedToRef?: Element;
  triggeredByEvent?: boolean;
  eventDefinitions?: Element[];
  rootElements?: Element[];
  extensionElements?: { values?: (Element & { values?: { name?: string; value?: string }[] })[] };
  get(name: string): unknown;
}

interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: Element }>;
}
let moddle: Moddle | undefined;
/** Loaded on the first model read, not with the bridge: most bridges never need it. */
function bpmnModdle(): Moddle {
  if (!moddle) {
    const require = createRequire(import.meta.url);
    const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new (extensions?: Record<string, unknown>) => Moddle };
    moddle = new BpmnModdle({ camunda: require('camunda-bpmn-moddle/resources/camunda.json') });
  }
  return moddle;
}

export async function parseWaitGraph(xml: string, processKey: string): Promise<WaitGraph> {
  const { rootElement } = await bpmnModdle().fromXML(xml);
  const process = (rootElement.rootElements ?? []).find((e) => e.$type === 'bpmn:Process' && e.id === processKey);
  if (!process) throw new Error(`the definition has no process ${processKey}`);
  return buildWaitGraph(process);
}

const isSubProcess = (e: Element) => ['bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:AdHocSubProcess'].includes(e.$type);
const isEventSubProcess = (e: Element) => isSubProcess(e) && e.triggeredByEvent === true;
const isFlowNode = (e: Element) => e.$type !== 'bpmn:SequenceFlow' && e.$type !== 'bpmn:DataObject' && e.$type !== 'bpmn:DataObjectReference' && !!e.id;
const linkName = (e: Element) => e.eventDefinitions?.find((d) => d.$type === 'bpmn:LinkEventDefinition')?.name;

function openHookMessage(e: Element): string | undefined {
  if (e.get('camunda:type') !== 'external' || e.get('camunda:topic') !== OPEN_HOOK_TOPIC) return undefined;
  for (const extension of e.extensionElements?.values ?? []) {
    if (extension.$type !== 'camunda:Properties') continue;
    const property = extension.values?.find((p) => p.name === MESSAGE_PROPERTY);
    if (property?.value) return property.value;
  }
  return undefined;
}

/** The graph of one process (`bpmn:Process`), its sub-processes included. */
export function buildWaitGraph(process: Element): WaitGraph {
  const next = new Map<string, string[]>();
  const entry = new Map<string, string[]>();
  const openHooks = new Map<string, Set<string>>();
  const boundaries = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, from: string, to: string) => {
    const list = map.get(from) ?? map.set(from, []).get(from)!;
    if (!list.includes(to)) list.push(to);
  };
  const nodesOf = (scope: Element) => (scope.flowElements ?? []).filter(isFlowNode);
  const startsOf = (scope: Element) => nodesOf(scope).filter((e) => e.$type === 'bpmn:StartEvent');

  const collectBoundaries = (scope: Element) => {
    for (const e of nodesOf(scope)) {
      if (e.$type === 'bpmn:BoundaryEvent' && e.attachedToRef?.id) add(boundaries, e.attachedToRef.id, e.id!);
      if (isSubProcess(e)) collectBoundaries(e);
    }
  };
  collectBoundaries(process);

  /**
   * `around`: what any node of this scope may also lead to while it is active — the boundary events of
   * the enclosing sub-processes and the starts of the event sub-processes of every enclosing scope.
   * `exit`: where the scope goes when it completes (a node with no outgoing flow ends it).
   */
  const walk = (scope: Element, around: string[], exit: string[]) => {
    const eventStarts = nodesOf(scope)
      .filter(isEventSubProcess)
      .flatMap((sub) => startsOf(sub).map((s) => s.id!));
    const aroundHere = [...around, ...eventStarts];
    const links = new Map<string, string[]>();
    for (const e of nodesOf(scope)) if (e.$type === 'bpmn:IntermediateCatchEvent' && linkName(e)) add(links, linkName(e)!, e.id!);
    for (const e of nodesOf(scope)) {
      const id = e.id!;
      next.set(id, next.get(id) ?? []);
      const hookMessage = openHookMessage(e);
      if (hookMessage) (openHooks.get(hookMessage) ?? openHooks.set(hookMessage, new Set()).get(hookMessage)!).add(id);
      const outgoing = (e.outgoing ?? []).map((f) => f.targetRef?.id).filter((t): t is string => !!t);
      for (const t of outgoing) add(next, id, t);
      for (const b of boundaries.get(id) ?? []) add(next, id, b);
      for (const t of aroundHere) add(next, id, t);
      const link = e.$type === 'bpmn:IntermediateThrowEvent' ? linkName(e) : undefined;
      if (link) for (const t of links.get(link) ?? []) add(next, id, t);
      // A path that just stops ends its scope (a link throw goes on at its catch instead).
      else if (outgoing.length === 0) for (const t of exit) add(next, id, t);
      if (isSubProcess(e)) {
        const ownExit = [...outgoing, ...(boundaries.get(id) ?? [])];
        if (isEventSubProcess(e)) {
          // Its end ends the enclosing scope when it interrupts; the model does not tell, so assume it may.
          walk(e, aroundHere, exit);
        } else {
          for (const s of startsOf(e)) add(entry, id, s.id!);
          // An ad-hoc sub-process starts with any of its activities.
          if (e.$type === 'bpmn:AdHocSubProcess') for (const n of nodesOf(e).filter((n) => !n.$type.endsWith('Event'))) add(entry, id, n.id!);
          walk(e, [...aroundHere, ...(boundaries.get(id) ?? [])], ownExit);
        }
      }
    }
  };
  walk(process, [], []);
  return { next, entry, openHooks };
}

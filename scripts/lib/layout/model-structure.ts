import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new () => { fromXML(xml: string): Promise<{ rootElement: ModdleElement }> } };

interface ModdleElement {
  $type: string;
  id: string;
  flowElements?: ModdleElement[];
  rootElements?: ModdleElement[];
  diagrams?: unknown[];
  triggeredByEvent?: boolean;
  attachedToRef?: ModdleElement;
  sourceRef?: ModdleElement;
}

/** A flow element as the layout needs it: which container it is drawn in, and how. */
export interface LayoutElement {
  id: string;
  type: string;
  /** The process or sub-process whose plane area holds the element. */
  container: string;
  isSubProcess: boolean;
  isEventSubProcess: boolean;
  isEdge: boolean;
  attachedTo: string | null;
  /** For a sequence flow, the element it leaves. */
  source: string | null;
}

export interface ModelStructure {
  processId: string;
  hasDiagram: boolean;
  /** Pre-order: a sub-process comes before its children. */
  elements: LayoutElement[];
}

const SUB_PROCESS_TYPES = new Set(['bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:AdHocSubProcess']);

/** Reads the one process of a model and the nesting of its flow elements. */
export async function readStructure(xml: string): Promise<ModelStructure> {
  const { rootElement } = await new BpmnModdle().fromXML(xml);
  const roots = rootElement.rootElements ?? [];
  if (roots.some((root) => root.$type === 'bpmn:Collaboration')) {
    throw new Error('models with a collaboration (pools) are not laid out; draw them in the Modeler');
  }
  const processes = roots.filter((root) => root.$type === 'bpmn:Process');
  if (processes.length !== 1) throw new Error(`expected one process, found ${processes.length}`);
  const process = processes[0]!;
  const elements: LayoutElement[] = [];
  collect(process, process.id, elements);
  return { processId: process.id, hasDiagram: (rootElement.diagrams ?? []).length > 0, elements };
}

function collect(container: ModdleElement, containerId: string, into: LayoutElement[]): void {
  for (const element of container.flowElements ?? []) {
    const isSubProcess = SUB_PROCESS_TYPES.has(element.$type);
    into.push({
      id: element.id,
      type: element.$type,
      container: containerId,
      isSubProcess,
      isEventSubProcess: isSubProcess && element.triggeredByEvent === true,
      isEdge: element.$type === 'bpmn:SequenceFlow',
      attachedTo: element.attachedToRef?.id ?? null,
      source: element.sourceRef?.id ?? null,
    });
    if (isSubProcess) collect(element, element.id, into);
  }
}

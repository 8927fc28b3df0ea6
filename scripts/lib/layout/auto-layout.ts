import { createRequire } from 'node:module';
import { layoutProcess } from 'bpmn-auto-layout';
import type { Layout } from './geometry.ts';

const require = createRequire(import.meta.url);
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new () => { fromXML(xml: string): Promise<{ rootElement: DiagramRoot }> } };

interface DiagramRoot {
  diagrams?: Array<{ plane?: { planeElement?: PlaneElement[] } }>;
}

interface PlaneElement {
  $type: string;
  bpmnElement?: { id: string };
  bounds?: { x: number; y: number; width: number; height: number };
  waypoint?: Array<{ x: number; y: number }>;
}

/**
 * bpmn-auto-layout's grid layout of a model, as geometry only. It draws every sub-process's
 * children in the sub-process's own coordinates (from the origin, as if collapsed), so the result
 * is finished by expandSubProcesses. Only the geometry is kept: the model text itself is never
 * replaced by the library's re-serialization.
 */
export async function autoLayout(xml: string): Promise<Layout> {
  const { rootElement } = await new BpmnModdle().fromXML(await layoutProcess(xml));
  const layout: Layout = { shapes: new Map(), edges: new Map() };
  for (const diagram of rootElement.diagrams ?? []) {
    for (const element of diagram.plane?.planeElement ?? []) {
      const id = element.bpmnElement?.id;
      if (!id) continue;
      if (element.$type === 'bpmndi:BPMNShape' && element.bounds) {
        const { x, y, width, height } = element.bounds;
        layout.shapes.set(id, { x, y, width, height });
      } else if (element.$type === 'bpmndi:BPMNEdge' && element.waypoint) {
        layout.edges.set(
          id,
          element.waypoint.map(({ x, y }) => ({ x, y })),
        );
      }
    }
  }
  return layout;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../../platform/config.ts';
import { addDiagram } from '../../scripts/lib/layout/add-diagram.ts';

const require = createRequire(import.meta.url);
const { BpmnModdle } = require('bpmn-moddle');

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The committed model with its diagram taken out again: what the layout script starts from. */
function withoutDiagram(relative: string): string {
  return readFileSync(path.join(repoRoot, relative), 'utf8')
    .replace(/\n\s*<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '')
    .replace(/ xmlns:(bpmndi|dc|di)="[^"]*"/g, '');
}

async function diagramOf(xml: string) {
  const { rootElement } = await new BpmnModdle().fromXML(xml);
  const shapes = new Map<string, { bounds: Box; isExpanded?: boolean; element: any }>();
  const edges = new Map<string, { points: Array<{ x: number; y: number }>; element: any }>();
  for (const di of rootElement.diagrams[0].plane.planeElement) {
    if (di.$type === 'bpmndi:BPMNShape') shapes.set(di.bpmnElement.id, { bounds: di.bounds, isExpanded: di.isExpanded, element: di.bpmnElement });
    else edges.set(di.bpmnElement.id, { points: di.waypoint, element: di.bpmnElement });
  }
  return { shapes, edges };
}

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const onBorder = (event: Box, host: Box) => {
  const cx = event.x + event.width / 2;
  const cy = event.y + event.height / 2;
  const withinX = cx >= host.x && cx <= host.x + host.width;
  const withinY = cy >= host.y && cy <= host.y + host.height;
  return (withinX && (cy === host.y || cy === host.y + host.height)) || (withinY && (cx === host.x || cx === host.x + host.width));
};

describe('scripts/layout-models: adding a diagram', () => {
  const v2 = 'processes/regulatory-case-lifecycle/v2.bpmn';

  it('adds only diagram interchange: the model text before it is unchanged', async () => {
    const source = withoutDiagram(v2);
    const laidOut = (await addDiagram(source))!;
    expect(laidOut.replace(/\n\s*<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '').replace(/ xmlns:(bpmndi|dc|di)="[^"]*"/g, '')).toBe(source);
    expect(laidOut).toContain('xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"');
  });

  it('draws every flow element, with sub-processes expanded around their children', async () => {
    const { shapes, edges } = await diagramOf((await addDiagram(withoutDiagram(v2)))!);
    const { rootElement } = await new BpmnModdle().fromXML(withoutDiagram(v2));
    const all: string[] = [];
    const walk = (container: any) =>
      container.flowElements?.forEach((element: any) => {
        all.push(element.id);
        walk(element);
      });
    walk(rootElement.rootElements.find((root: any) => root.$type === 'bpmn:Process'));
    expect(all.filter((id) => !shapes.has(id) && !edges.has(id))).toEqual([]);

    for (const sub of ['Review', 'AppealHandling']) {
      const host = shapes.get(sub)!;
      expect(host.isExpanded).toBe(true);
      const children = [...shapes.values()].filter((shape) => shape.element.$parent.id === sub && shape.element.$type !== 'bpmn:BoundaryEvent');
      expect(children.length).toBeGreaterThan(2);
      for (const child of children) expect(inside(child.bounds, host.bounds), `${child.element.id} inside ${sub}`).toBe(true);
      const flows = [...edges.values()].filter((edge) => edge.element.$parent.id === sub);
      expect(flows.length).toBeGreaterThan(1);
      for (const flow of flows) {
        for (const point of flow.points) expect(inside({ ...point, width: 0, height: 0 }, host.bounds), `${flow.element.id} inside ${sub}`).toBe(true);
      }
    }
  });

  it("puts boundary events on their host's border, apart from each other", async () => {
    const { shapes } = await diagramOf((await addDiagram(withoutDiagram(v2)))!);
    const boundary = [...shapes.values()].filter((shape) => shape.element.$type === 'bpmn:BoundaryEvent');
    expect(boundary.map((shape) => shape.element.id).sort()).toEqual([
      'DelayRiskCaught',
      'EvidenceDeadline',
      'EvidenceReminder',
      'InvalidDocument',
      'ReviewDelayRisk',
    ]);
    for (const event of boundary) {
      expect(onBorder(event.bounds, shapes.get(event.element.attachedToRef.id)!.bounds), `${event.element.id} on its host`).toBe(true);
    }
    expect(overlap(shapes.get('EvidenceDeadline')!.bounds, shapes.get('EvidenceReminder')!.bounds)).toBe(false);
  });

  it('keeps shapes of one level apart and draws the event sub-process below the flow', async () => {
    const { shapes } = await diagramOf((await addDiagram(withoutDiagram(v2)))!);
    const topLevel = [...shapes.values()].filter((shape) => shape.element.$parent.$type === 'bpmn:Process' && shape.element.$type !== 'bpmn:BoundaryEvent');
    const clashes = topLevel.flatMap((a, i) =>
      topLevel
        .slice(i + 1)
        .filter((b) => overlap(a.bounds, b.bounds))
        .map((b) => `${a.element.id}/${b.element.id}`),
    );
    expect(clashes).toEqual([]);
    const appeal = shapes.get('AppealHandling')!.bounds;
    const lowestOfFlow = Math.max(...topLevel.filter((s) => s.element.id !== 'AppealHandling').map((s) => s.bounds.y + s.bounds.height));
    expect(appeal.y).toBeGreaterThan(lowestOfFlow);
  });

  it('leaves a model that already has a diagram alone', async () => {
    expect(await addDiagram(readFileSync(path.join(repoRoot, v2), 'utf8'))).toBeNull();
  });

  it('gives the committed models exactly the diagram the script draws', async () => {
    for (const model of ['processes/late-evidence-review/v1.bpmn', 'processes/regulatory-case-lifecycle/v1.bpmn', v2]) {
      const committed = readFileSync(path.join(repoRoot, model), 'utf8');
      expect(await addDiagram(withoutDiagram(model)), model).toBe(committed);
    }
  });
});

/**
 * Generated models for the lint benchmark: chains of Seam-style segments (a message wait between
 * shadow hooks, a gateway, a user task with a capped reminder) with full diagram interchange.
 */

export const SEGMENT_NODES = 7; // open hook, wait, close hook, gateway, user task, timer boundary, end event

/** Deterministic pseudo-random numbers, so every run lints the same corpus. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

export function generateModel(processKey: string, segments: number): string {
  const nodes: string[] = [];
  const flows: string[] = [];
  const shapes: string[] = [];
  const edges: string[] = [];
  const messages: string[] = [];
  let flowCount = 0;
  const shape = (id: string, x: number, y: number, w: number, h: number) =>
    shapes.push(`<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`);
  const connect = (from: string, to: string, x1: number, x2: number, y = 120) => {
    const id = `Flow_${++flowCount}`;
    flows.push(`<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`);
    edges.push(`<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${x1}" y="${y}" /><di:waypoint x="${x2}" y="${y}" /></bpmndi:BPMNEdge>`);
    return id;
  };
  const io = new Map<string, string[]>();
  const link = (from: string, to: string, x1: number, x2: number, y?: number) => {
    const id = connect(from, to, x1, x2, y);
    io.set(from, [...(io.get(from) ?? []), `<bpmn:outgoing>${id}</bpmn:outgoing>`]);
    io.set(to, [...(io.get(to) ?? []), `<bpmn:incoming>${id}</bpmn:incoming>`]);
  };
  const hook = (id: string, role: string, message: string) =>
    `<bpmn:serviceTask id="${id}" name="${role} ${message}" camunda:type="external" camunda:topic="seam-shadow-${role}">` +
    `<bpmn:extensionElements><camunda:properties><camunda:property name="seam.message" value="${message}" /></camunda:properties></bpmn:extensionElements>` +
    `IO:${id}</bpmn:serviceTask>`;

  nodes.push('<bpmn:startEvent id="Start" name="Started">IO:Start</bpmn:startEvent>');
  shape('Start', 0, 102, 36, 36);
  let previous = 'Start';
  let x = 36;
  for (let i = 0; i < segments; i++) {
    const message = `Step${i}Completed`;
    const base = 100 + i * 1000;
    messages.push(`<bpmn:message id="Message_${i}" name="${message}" />`);
    nodes.push(hook(`Open_${i}`, 'open', message));
    nodes.push(
      `<bpmn:intermediateCatchEvent id="Wait_${i}" name="Step ${i} completed">IO:Wait_${i}<bpmn:messageEventDefinition messageRef="Message_${i}" /></bpmn:intermediateCatchEvent>`,
    );
    nodes.push(hook(`Close_${i}`, 'close', message));
    nodes.push(`<bpmn:exclusiveGateway id="Check_${i}" name="Step ${i} ok?" default="Flow_default_${i}">IO:Check_${i}</bpmn:exclusiveGateway>`);
    nodes.push(`<bpmn:userTask id="Work_${i}" name="Work on step ${i}" camunda:candidateGroups="team">IO:Work_${i}</bpmn:userTask>`);
    nodes.push(
      `<bpmn:boundaryEvent id="Remind_${i}" name="Remind ${i}" attachedToRef="Work_${i}" cancelActivity="false">IO:Remind_${i}<bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT24H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
    );
    nodes.push(`<bpmn:endEvent id="Reminded_${i}" name="Reminded ${i}">IO:Reminded_${i}</bpmn:endEvent>`);
    shape(`Open_${i}`, base, 80, 100, 80);
    shape(`Wait_${i}`, base + 160, 102, 36, 36);
    shape(`Close_${i}`, base + 250, 80, 100, 80);
    shape(`Check_${i}`, base + 410, 95, 50, 50);
    shape(`Work_${i}`, base + 520, 80, 100, 80);
    shape(`Remind_${i}`, base + 552, 142, 36, 36);
    shape(`Reminded_${i}`, base + 552, 260, 36, 36);
    link(previous, `Open_${i}`, x, base);
    link(`Open_${i}`, `Wait_${i}`, base + 100, base + 160);
    link(`Wait_${i}`, `Close_${i}`, base + 196, base + 250);
    link(`Close_${i}`, `Check_${i}`, base + 350, base + 410);
    link(`Check_${i}`, `Work_${i}`, base + 460, base + 520);
    link(`Remind_${i}`, `Reminded_${i}`, base + 570, base + 570, 200);
    previous = `Work_${i}`;
    x = base + 620;
  }
  nodes.push('<bpmn:endEvent id="Done" name="Done">IO:Done</bpmn:endEvent>');
  shape('Done', x + 60, 102, 36, 36);
  link(previous, 'Done', x, x + 60);
  // Each gateway's default flow leaves the chain to the final end event.
  for (let i = 0; i < segments; i++) {
    const id = `Flow_default_${i}`;
    flows.push(`<bpmn:sequenceFlow id="${id}" name="no" sourceRef="Check_${i}" targetRef="Done" />`);
    io.set(`Check_${i}`, [...(io.get(`Check_${i}`) ?? []), `<bpmn:outgoing>${id}</bpmn:outgoing>`]);
    io.set('Done', [...(io.get('Done') ?? []), `<bpmn:incoming>${id}</bpmn:incoming>`]);
    edges.push(
      `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${100 + i * 1000 + 435}" y="145" /><di:waypoint x="${x + 78}" y="138" /></bpmndi:BPMNEdge>`,
    );
  }
  const body = nodes.map((node) => node.replace(/IO:([\w]+)/, (_, id: string) => (io.get(id) ?? []).join(''))).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${processKey}" targetNamespace="http://seam.example/bench">
<bpmn:process id="${processKey}" isExecutable="true">
${body}
${flows.join('\n')}
</bpmn:process>
${messages.join('\n')}
<bpmndi:BPMNDiagram id="Diagram_${processKey}"><bpmndi:BPMNPlane id="Plane_${processKey}" bpmnElement="${processKey}">
${shapes.join('\n')}
${edges.join('\n')}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

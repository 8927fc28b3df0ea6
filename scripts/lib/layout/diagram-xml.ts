import type { Layout } from './geometry.ts';
import type { ModelStructure } from './model-structure.ts';

const NAMESPACES: Record<string, string> = {
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
};

/** The `bpmndi:BPMNDiagram` element for a laid-out process, indented as the Modeler writes it. */
export function diagramXml(structure: ModelStructure, layout: Layout, expanded: Set<string>): string {
  const { processId } = structure;
  const lines = [`  <bpmndi:BPMNDiagram id="BPMNDiagram_${processId}">`, `    <bpmndi:BPMNPlane id="BPMNPlane_${processId}" bpmnElement="${processId}">`];
  // Boundary events after every other shape, so no viewer draws a host over its events.
  const shapes = [...structure.elements.filter((e) => !e.isEdge && !e.attachedTo), ...structure.elements.filter((e) => e.attachedTo)];
  for (const element of shapes) {
    const bounds = layout.shapes.get(element.id);
    if (!bounds) throw new Error(`the layout has no shape for ${element.id}`);
    const flags = [
      element.isSubProcess ? ` isExpanded="${expanded.has(element.id)}"` : '',
      element.type === 'bpmn:ExclusiveGateway' ? ' isMarkerVisible="true"' : '',
    ].join('');
    lines.push(
      `      <bpmndi:BPMNShape id="${element.id}_di" bpmnElement="${element.id}"${flags}>`,
      `        <dc:Bounds x="${r(bounds.x)}" y="${r(bounds.y)}" width="${r(bounds.width)}" height="${r(bounds.height)}" />`,
      '      </bpmndi:BPMNShape>',
    );
  }
  for (const element of structure.elements.filter((e) => e.isEdge)) {
    const points = layout.edges.get(element.id);
    if (!points) throw new Error(`the layout has no edge for ${element.id}`);
    lines.push(`      <bpmndi:BPMNEdge id="${element.id}_di" bpmnElement="${element.id}">`);
    for (const point of points) lines.push(`        <di:waypoint x="${r(point.x)}" y="${r(point.y)}" />`);
    lines.push('      </bpmndi:BPMNEdge>');
  }
  lines.push('    </bpmndi:BPMNPlane>', '  </bpmndi:BPMNDiagram>');
  return lines.join('\n');
}

/**
 * Adds the diagram to the model's own text: the namespace declarations on the root element and the
 * diagram before its end tag. Nothing else in the file changes, so element ids, expressions and the
 * engine-relevant content stay byte for byte as they were.
 */
export function spliceDiagram(xml: string, diagram: string): string {
  const root = /<((?:[\w-]+:)?definitions)\b[^>]*>/.exec(xml);
  if (!root) throw new Error('no definitions element');
  let declarations = '';
  for (const [prefix, uri] of Object.entries(NAMESPACES)) {
    const declared = new RegExp(`\\sxmlns:${prefix}="([^"]*)"`).exec(root[0]);
    if (declared && declared[1] !== uri) throw new Error(`prefix ${prefix} is bound to ${declared[1]}, not ${uri}`);
    if (!declared) declarations += ` xmlns:${prefix}="${uri}"`;
  }
  const openTag = root[0].replace(/(\/?)>$/, `${declarations}$1>`);
  const closing = `</${root[1]}>`;
  const end = xml.lastIndexOf(closing);
  if (end < 0) throw new Error(`no ${closing}`);
  const before = xml.slice(0, end).replace(/\s*$/, '\n');
  return xml.slice(0, root.index) + openTag + before.slice(root.index + root[0].length) + diagram + '\n' + xml.slice(end);
}

const r = (value: number): number => Math.round(value);

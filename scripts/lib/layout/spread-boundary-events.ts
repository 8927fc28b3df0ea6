import { center, type Layout } from './geometry.ts';
import type { ModelStructure } from './model-structure.ts';

/**
 * bpmn-auto-layout puts a host's boundary events side by side a few pixels apart, so two of them
 * overlap (bpmnlint's no-overlapping-elements). This spreads them evenly along the host's bottom
 * border and moves the start of their outgoing flows along.
 */
export function spreadBoundaryEvents(structure: ModelStructure, layout: Layout): void {
  const byHost = new Map<string, string[]>();
  for (const element of structure.elements) {
    if (element.attachedTo) byHost.set(element.attachedTo, [...(byHost.get(element.attachedTo) ?? []), element.id]);
  }
  for (const [hostId, events] of byHost) {
    const host = layout.shapes.get(hostId);
    if (!host || events.length < 2) continue;
    const ordered = events.sort((a, b) => layout.shapes.get(a)!.x - layout.shapes.get(b)!.x);
    ordered.forEach((id, index) => {
      const shape = layout.shapes.get(id)!;
      const dx = host.x + ((index + 0.5) * host.width) / ordered.length - center(shape).x;
      shape.x += dx;
      for (const flow of structure.elements.filter((element) => element.source === id)) {
        moveStart(layout.edges.get(flow.id) ?? [], dx);
      }
    });
  }
}

/** Moves the first segment of an edge sideways, when it is vertical (it leaves the event downwards). */
function moveStart(points: Array<{ x: number; y: number }>, dx: number): void {
  const [first, second] = points;
  if (!first) return;
  if (second && second.x === first.x) second.x += dx;
  first.x += dx;
}

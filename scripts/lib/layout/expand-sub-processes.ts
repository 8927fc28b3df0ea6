import { boundingBox, center, type Bounds, type Layout, type Point } from './geometry.ts';
import type { ModelStructure } from './model-structure.ts';

/** Room between a sub-process's border and its content, and between the event sub-processes. */
const PADDING = 30;
const GAP = 60;

/**
 * Turns the auto-layout's collapsed sub-processes into expanded ones: each sub-process grows to hold
 * its children (drawn in its own coordinates until then), innermost first, and what lies right of or
 * below it moves out of the way. Event sub-processes are taken out of the flow's grid and drawn
 * below it, where a reader looks for them. Returns the ids of the sub-processes now expanded.
 */
export function expandSubProcesses(structure: ModelStructure, layout: Layout): Set<string> {
  const expanded = new Set<string>();
  arrange(structure.processId, structure, layout, expanded);
  return expanded;
}

/** Arranges one container's children; returns every id now drawn in the container's coordinates. */
function arrange(containerId: string, structure: ModelStructure, layout: Layout, expanded: Set<string>): Set<string> {
  const children = structure.elements.filter((element) => element.container === containerId);
  const placed = new Set(children.map((element) => element.id));
  const subProcesses = children.filter((element) => element.isSubProcess);
  const contents = new Map(subProcesses.map((sub) => [sub.id, arrange(sub.id, structure, layout, expanded)]));

  for (const sub of subProcesses.filter((element) => !element.isEventSubProcess)) {
    const host = layout.shapes.get(sub.id);
    const content = contents.get(sub.id)!;
    const box = boxOf(content, layout);
    if (!host || !box) continue;
    const width = Math.max(host.width, box.width + 2 * PADDING);
    const height = Math.max(host.height, box.height + 2 * PADDING);
    makeRoom(
      [...placed].filter((id) => id !== sub.id),
      structure,
      layout,
      sub.id,
      width - host.width,
      height - host.height,
    );
    Object.assign(host, { width, height });
    translate(content, layout, host.x + PADDING - box.x, host.y + PADDING - box.y);
    for (const id of content) placed.add(id);
    expanded.add(sub.id);
  }

  const eventSubProcesses = subProcesses.filter((element) => element.isEventSubProcess);
  const flow = boxOf(new Set([...placed].filter((id) => !eventSubProcesses.some((sub) => sub.id === id))), layout);
  let x = flow?.x ?? 0;
  const y = (flow ? flow.y + flow.height : 0) + GAP;
  for (const sub of eventSubProcesses) {
    const host = layout.shapes.get(sub.id);
    const content = contents.get(sub.id)!;
    const box = boxOf(content, layout);
    if (!host || !box) continue;
    Object.assign(host, { x, y, width: box.width + 2 * PADDING, height: box.height + 2 * PADDING });
    translate(content, layout, x + PADDING - box.x, y + PADDING - box.y);
    for (const id of content) placed.add(id);
    expanded.add(sub.id);
    x += host.width + GAP;
  }
  return placed;
}

/** How far below its host's bottom border a boundary event reaches (half an event's 36 px). */
const BOUNDARY_OVERHANG = 18;

/**
 * Moves what lies right of the growing sub-process by `dx` and what lies below its row by `dy`.
 * Shifting x by a function of x alone and y by a function of y alone keeps the auto-layout's
 * right-angled edges right-angled. A shape moves as a whole, decided by its centre; a boundary
 * event moves with its host, and those on the growing sub-process stay on its bottom border.
 */
function makeRoom(ids: string[], structure: ModelStructure, layout: Layout, subId: string, dx: number, dy: number): void {
  const sub = layout.shapes.get(subId)!;
  const rightOf = sub.x + sub.width;
  // The row of the sub-process includes the boundary events hanging below the tasks beside it.
  const below = sub.y + sub.height + BOUNDARY_OVERHANG + 1;
  const moveX = (x: number) => (x >= rightOf ? dx : 0);
  const moveY = (y: number) => (y >= below ? dy : 0);
  const byId = new Map(structure.elements.map((element) => [element.id, element]));
  const moved = new Map<string, Point>();

  const hostsFirst = [...ids].sort((a, b) => Number(Boolean(byId.get(a)?.attachedTo)) - Number(Boolean(byId.get(b)?.attachedTo)));
  for (const id of hostsFirst) {
    const shape = layout.shapes.get(id);
    if (!shape) continue;
    const host = byId.get(id)?.attachedTo ?? null;
    const c = center(shape);
    let delta: Point;
    if (host === subId) delta = { x: moveX(c.x), y: dy };
    else if (host !== null) delta = moved.get(host) ?? { x: 0, y: 0 };
    else delta = { x: moveX(c.x), y: moveY(c.y) };
    moved.set(id, delta);
    Object.assign(shape, { x: shape.x + delta.x, y: shape.y + delta.y });
  }

  for (const id of ids) {
    const points = layout.edges.get(id) ?? [];
    const source = byId.get(id)?.source;
    const leavesSubBoundary = source !== null && source !== undefined && byId.get(source)?.attachedTo === subId;
    points.forEach((point, index) => {
      // The first point sits on the boundary event, which moved down with the border.
      const y = leavesSubBoundary && index === 0 ? dy : moveY(point.y);
      Object.assign(point, { x: point.x + moveX(point.x), y: point.y + y });
    });
  }
}

function translate(ids: Set<string>, layout: Layout, dx: number, dy: number): void {
  for (const id of ids) {
    const shape = layout.shapes.get(id);
    if (shape) Object.assign(shape, { x: shape.x + dx, y: shape.y + dy });
    for (const point of layout.edges.get(id) ?? []) Object.assign(point, { x: point.x + dx, y: point.y + dy });
  }
}

function boxOf(ids: Set<string>, layout: Layout): Bounds | null {
  const shapes: Bounds[] = [];
  const points: Point[] = [];
  for (const id of ids) {
    const shape = layout.shapes.get(id);
    if (shape) shapes.push(shape);
    points.push(...(layout.edges.get(id) ?? []));
  }
  return boundingBox(shapes, points);
}

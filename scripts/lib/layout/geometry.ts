export interface Point {
  x: number;
  y: number;
}

export interface Bounds extends Point {
  width: number;
  height: number;
}

/** Where every shape and edge of one process diagram lies, keyed by the BPMN element id. */
export interface Layout {
  shapes: Map<string, Bounds>;
  edges: Map<string, Point[]>;
}

export const center = (b: Bounds): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** The smallest box around the given shapes and edge points; null when there is nothing. */
export function boundingBox(shapes: Bounds[], points: Point[]): Bounds | null {
  const xs = [...shapes.flatMap((s) => [s.x, s.x + s.width]), ...points.map((p) => p.x)];
  const ys = [...shapes.flatMap((s) => [s.y, s.y + s.height]), ...points.map((p) => p.y)];
  if (xs.length === 0) return null;
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

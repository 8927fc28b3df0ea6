/**
 * The mapping's value expressions: `$.payload.caseId`, `$.eventId`, `$.payload.items[0].id`. A strict
 * subset of JSONPath (member and index access from the envelope root), evaluated without `eval`, so a
 * mapping file can never run code. Validated at load time by `isJsonPath`.
 */
const SEGMENT = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]/y;

export function isJsonPath(expression: string): boolean {
  return parseJsonPath(expression) !== undefined;
}

function parseJsonPath(expression: string): (string | number)[] | undefined {
  if (!expression.startsWith('$')) return undefined;
  const steps: (string | number)[] = [];
  SEGMENT.lastIndex = 1;
  while (SEGMENT.lastIndex < expression.length) {
    const start = SEGMENT.lastIndex;
    const m = SEGMENT.exec(expression);
    if (!m || m.index !== start) return undefined;
    steps.push(m[1] !== undefined ? m[1] : Number(m[2]));
  }
  return steps;
}

/** The value at `expression` in `root`, or undefined when any step is missing. */
export function evaluateJsonPath(root: unknown, expression: string): unknown {
  const steps = parseJsonPath(expression);
  if (!steps) throw new Error(`not a supported path expression: ${expression}`);
  let current: unknown = root;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current =
      typeof step === 'number'
        ? Array.isArray(current)
          ? current[step]
          : undefined
        : Object.hasOwn(current, step)
          ? (current as Record<string, unknown>)[step]
          : undefined;
  }
  return current;
}

/**
 * Finds the line of each element id in a model's XML, so findings point to a line in code
 * scanning views. One pass over the text: the lines of all `id="..."` attributes.
 */
export function elementLines(xml: string): Map<string, number> {
  const lines = new Map<string, number>();
  const pattern = /\sid\s*=\s*["']([^"']+)["']|\n/g;
  let line = 1;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    if (match[0] === '\n') line += 1;
    else if (!lines.has(match[1]!)) lines.set(match[1]!, line);
  }
  return lines;
}

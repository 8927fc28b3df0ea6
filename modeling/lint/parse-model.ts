import type { BpmnModdleInstance, ModdleWarning } from './bpmnlint-runtime.ts';

export type ParsedModel = { ok: true; definitions: unknown; warnings: ModdleWarning[] } | { ok: false; reason: string; line: number | null };

/**
 * Parses one model. A file that is not well-formed XML, or not BPMN, becomes a reason and the
 * line the parser stopped at, so the caller can report it for that file and go on with others.
 */
export async function parseModel(xml: string, moddle: BpmnModdleInstance): Promise<ParsedModel> {
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml);
    return { ok: true, definitions: rootElement, warnings };
  } catch (err) {
    return { ok: false, ...describeParseError((err as Error).message) };
  }
}

/**
 * bpmn-moddle's (saxen's) messages read `unparsable content <x> detected\n\tline: 2\n\tcolumn: 3\n\tnested error: ...`,
 * with 0-based lines.
 */
export function describeParseError(message: string): { reason: string; line: number | null } {
  const line = /\bline: (\d+)/.exec(message);
  const nested = /nested error: (.+)/.exec(message);
  const head = message.split('\n')[0]!.trim();
  const reason = nested ? `${nested[1]!.trim()} (${head})` : head;
  return { reason, line: line ? Number(line[1]) + 1 : null };
}

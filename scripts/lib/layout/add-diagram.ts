import { autoLayout } from './auto-layout.ts';
import { diagramXml, spliceDiagram } from './diagram-xml.ts';
import { expandSubProcesses } from './expand-sub-processes.ts';
import { readStructure } from './model-structure.ts';
import { spreadBoundaryEvents } from './spread-boundary-events.ts';

/**
 * The model with a diagram added (auto-layout, expanded sub-processes), or null when it already has
 * one: an existing diagram is someone's drawing and is never replaced.
 */
export async function addDiagram(xml: string): Promise<string | null> {
  const structure = await readStructure(xml);
  if (structure.hasDiagram) return null;
  const layout = await autoLayout(xml);
  spreadBoundaryEvents(structure, layout);
  const expanded = expandSubProcesses(structure, layout);
  return spliceDiagram(xml, diagramXml(structure, layout, expanded));
}

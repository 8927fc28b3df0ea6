import type { ActivityInstance, EngineClient } from '../../platform/engine/client.ts';
import { canOpenWaitAgain, parseWaitGraph, type Position, type WaitGraph } from './wait-graph.ts';

/**
 * Whether the instance whose wait for `messageName` ended may still wait for that message again: it is
 * running, and from where it stands its model can reach an open hook for the message (a loop back to the
 * wait). False when it has ended or has left every path to such a hook for good: an event for the message
 * is then late, whatever happens next.
 */
export async function mayWaitAgain(engine: EngineClient, wait: { processInstanceId: string; processKey: string; messageName: string }): Promise<boolean> {
  const { processInstanceId, processKey, messageName } = wait;
  const tree = await engine.activityInstances(processInstanceId);
  if (!tree?.processDefinitionId) return false;
  const graph = await waitGraphOf(engine, tree.processDefinitionId, processKey);
  return canOpenWaitAgain(graph, positionsIn(tree), messageName);
}

/** Every activity the instance is in (the root, the instance itself, excluded); transitions (async continuations) too. */
export function positionsIn(root: ActivityInstance): Position[] {
  const positions: Position[] = [];
  const walk = (node: ActivityInstance) => {
    for (const child of node.childActivityInstances ?? []) {
      const isScope = (child.childActivityInstances?.length ?? 0) + (child.childTransitionInstances?.length ?? 0) > 0;
      if (child.activityId) positions.push({ activityId: bodyOf(child.activityId), isScope });
      walk(child);
    }
    for (const t of node.childTransitionInstances ?? []) if (t.activityId) positions.push({ activityId: bodyOf(t.activityId), isScope: false });
  };
  walk(root);
  return positions;
}

/** A multi-instance activity's body (`Task#multiInstanceBody`) goes where the activity goes. */
const bodyOf = (activityId: string) => activityId.replace(/#multiInstanceBody$/, '');

/** Parsed models by definition id, per engine: a deployed definition never changes. */
const graphs = new WeakMap<EngineClient, Map<string, Promise<WaitGraph>>>();
const MAX_CACHED_DEFINITIONS = 200;

function waitGraphOf(engine: EngineClient, definitionId: string, processKey: string): Promise<WaitGraph> {
  const cache = graphs.get(engine) ?? graphs.set(engine, new Map()).get(engine)!;
  let graph = cache.get(definitionId);
  if (!graph) {
    graph = loadGraph(engine, definitionId, processKey);
    // Drop a failed load, so the next decision asks the engine again.
    void graph.catch(() => cache.delete(definitionId));
    if (cache.size >= MAX_CACHED_DEFINITIONS) cache.delete(cache.keys().next().value!);
    cache.set(definitionId, graph);
  }
  return graph;
}

async function loadGraph(engine: EngineClient, definitionId: string, processKey: string): Promise<WaitGraph> {
  const xml = await engine.getDefinitionXml(definitionId);
  if (!xml) throw new Error(`the engine has no BPMN XML for definition ${definitionId}`);
  return parseWaitGraph(xml, processKey);
}

import type { EngineClient, EventSubscription } from '../../platform/engine/client.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import { openCommandsOutside, type OpenCommand } from '../../ledger/read-models/commands-for-messages.ts';

/** A process about to get a new version, and every message name that version catches. */
export interface GateInput {
  processKey: string;
  /** e.g. `v2` */
  version: string;
  messages: string[];
}

export interface WaitingInstance {
  id: string;
  businessKey: string | null;
  activityId: string | null;
  message: string;
}

/** What still needs a message the new version of a process no longer catches. */
export interface GateBlock {
  processKey: string;
  version: string;
  messages: string[];
  instances: WaitingInstance[];
  commands: OpenCommand[];
}

const PAGE = 500;

/**
 * The engine-aware deploy gate. Lint compares a new version with the one the engine runs; this
 * checks reality: instances of any version of the process that wait for a message (engine event
 * subscriptions), and commands in Seam's database that will still be delivered, for a message the
 * new version does not catch. Such a deploy is refused: the latest version is where instances are
 * migrated to and where new cases run, so dropping a message that is still in use is done after
 * draining it (what compatibility.yaml's `retired` claims), not found out later as late events
 * and stuck migrations. Returns one block per process that is held back.
 */
export async function checkDeployGate(engine: EngineClient, db: Queryable, inputs: GateInput[]): Promise<GateBlock[]> {
  if (inputs.length === 0) return [];
  const subscriptions = await instanceMessageSubscriptions(engine);
  const blocks: GateBlock[] = [];
  for (const input of inputs) {
    const keep = new Set(input.messages);
    const dropped = subscriptions.filter((s) => !keep.has(s.eventName ?? ''));
    const instances = await ofProcess(engine, input.processKey, dropped);
    const commands = await openCommandsOutside(db, input.processKey, input.messages);
    if (instances.length === 0 && commands.length === 0) continue;
    const messages = [...new Set([...instances.map((i) => i.message), ...commands.map((c) => c.message_name)])].sort();
    blocks.push({ ...input, messages, instances, commands });
  }
  return blocks;
}

/**
 * Every message subscription held by a process instance (message start events of definitions have
 * none), read page by page: one listing serves every process key, where asking per instance would
 * cost a call for each running instance.
 */
async function instanceMessageSubscriptions(engine: EngineClient): Promise<EventSubscription[]> {
  const all: EventSubscription[] = [];
  for (let first = 0; ; first += PAGE) {
    const page = await engine.eventSubscriptions({ eventType: 'message', sortBy: 'created', sortOrder: 'asc', firstResult: first, maxResults: PAGE });
    all.push(...page.filter((s) => s.processInstanceId));
    if (page.length < PAGE) return all;
  }
}

/** Keeps the subscriptions whose instance belongs to `processKey`, with the instance's business key. */
async function ofProcess(engine: EngineClient, processKey: string, subscriptions: EventSubscription[]): Promise<WaitingInstance[]> {
  const ids = [...new Set(subscriptions.map((s) => s.processInstanceId!))];
  const businessKeys = new Map<string, string | null>();
  for (let i = 0; i < ids.length; i += PAGE) {
    const instances = await engine.processInstances({ processDefinitionKey: processKey, processInstanceIds: ids.slice(i, i + PAGE) });
    for (const instance of instances) businessKeys.set(instance.id!, instance.businessKey ?? null);
  }
  return subscriptions
    .filter((s) => businessKeys.has(s.processInstanceId!))
    .map((s) => ({
      id: s.processInstanceId!,
      businessKey: businessKeys.get(s.processInstanceId!) ?? null,
      activityId: s.activityId ?? null,
      message: s.eventName ?? '',
    }));
}

/** The lines `seam deploy` prints for a refused deploy: what blocks it and the ways out. */
export function describeGateBlock(block: GateBlock): string[] {
  const names = block.messages.join(', ');
  const lines = [`${block.version} of ${block.processKey} no longer waits for ${names}, which running instances or open commands still need:`];
  for (const instance of block.instances) {
    lines.push(`  instance ${instance.id} (business key ${instance.businessKey ?? '-'}) waits at ${instance.activityId ?? '?'} for ${instance.message}`);
  }
  for (const command of block.commands) {
    lines.push(`  command ${command.command_id} (${command.status}) targets ${command.message_name} for business key ${command.business_key}`);
  }
  lines.push(
    'Ways out:',
    `  - keep ${names} in ${block.version}: a wait that still catches it;`,
    '  - drain: let those instances move on and those commands settle (or resolve them), then deploy again;',
    `  - migrate the instances to ${block.version} with Camunda's migration API (POST /migration/generate, /migration/execute), mapping their waits to activities that exist there.`,
  );
  return lines;
}

import { createRequire } from 'node:module';
import { summariesOfXml } from '../lint/baseline.ts';
import { createModdle } from '../lint/bpmnlint-runtime.ts';
import type { DeployedVersion } from './deploy-models.ts';
import type { GateInput } from './deploy-gate.ts';
import type { ProcessModels } from './model-files.ts';

const require = createRequire(import.meta.url);

/**
 * The processes whose latest version would be deployed, each with every message name that version
 * catches (message start events included: open start commands need them too).
 */
export async function gateInputs(processes: ProcessModels[], plan: DeployedVersion[]): Promise<GateInput[]> {
  const moddle = createModdle({ camunda: require('camunda-bpmn-moddle/resources/camunda.json') });
  const inputs: GateInput[] = [];
  for (const process of processes) {
    const latest = process.versions.at(-1)!;
    const planned = plan.find((entry) => entry.processKey === process.processKey && entry.version === latest.version);
    if (planned?.outcome !== 'would-deploy') continue;
    const summaries = await summariesOfXml(latest.xml, moddle);
    // Lint has parsed every file before the gate runs, so a parse failure here is a bug.
    if (typeof summaries === 'string') throw new Error(`${latest.file}: ${summaries}`);
    const events = summaries[process.processKey]?.events ?? [];
    const messages = events.filter((event) => event.kind === 'message' && event.role === 'catch' && event.name !== null).map((event) => event.name!);
    inputs.push({ processKey: process.processKey, version: `v${latest.version}`, messages: [...new Set(messages)].sort() });
  }
  return inputs;
}

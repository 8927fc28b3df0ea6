import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { readModdle } = require('bpmnlint/lib/testers/helper');
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
const { summarizeEvents } = require('bpmnlint-plugin-seam');

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** bpmnlint's own rule tester: valid cases must report nothing, invalid ones exactly `report`. */
export const { verify } = require('bpmnlint/lib/testers/rule-tester') as {
  verify(ruleName: string, rule: unknown, cases: { valid: unknown[]; invalid: unknown[] }): void;
};

/** A rule factory as bpmnlint loads it: through the plugin package, by `require`. */
export function loadRule(name: string): unknown {
  return require(`bpmnlint-plugin-seam/rules/${name}`);
}

/** A fixture parsed with the Camunda moddle extension, as the Seam CLI and the Modeler parse models. */
export function fixture(folder: string, name: string): Promise<unknown> {
  return readModdle(path.join(fixtures, folder, `${name}.bpmn`), { camunda });
}

/** Event summaries of a fixture, keyed by process key: the shape the cross-version rules get as `baselines`. */
export async function baselineOf(folder: string, name: string): Promise<Record<string, unknown>> {
  const { root } = (await fixture(folder, name)) as { root: unknown };
  const summaries = summarizeEvents(root) as Array<{ processKey: string }>;
  return Object.fromEntries(summaries.map((summary) => [summary.processKey, summary]));
}

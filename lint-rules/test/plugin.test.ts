import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Properties of the plugin as a whole, over every rule of `plugin:seam/recommended` and
 * `plugin:seam/bridge`: what Camunda 7 does not deploy is not linted, output stays bounded by the
 * elements involved at any fan-out, and `seam.lint.disable` suppresses inside the rules.
 */

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { BpmnModdle } = require('bpmn-moddle');
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
const plugin = require('bpmnlint-plugin-seam');

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const moddle = new BpmnModdle({ camunda });

type Reports = Record<string, Array<{ id?: string; message: string; category: string }>>;

/** Every Seam rule, each as an error so nothing is filtered by category. */
const allRules: Record<string, unknown> = Object.fromEntries(
  [...Object.keys(plugin.configs.recommended.rules), ...Object.keys(plugin.configs.bridge.rules)].map((name) => [name, 'error']),
);

async function lint(xml: string, rules: Record<string, unknown> = allRules): Promise<Reports> {
  const { rootElement, warnings } = await moddle.fromXML(xml);
  expect(warnings).toEqual([]);
  return new Linter({ resolver: new NodeResolver() }).lint(rootElement, { rules });
}

const fixtureXml = (name: string) => readFile(path.join(fixtures, name), 'utf8');

test('no rule reports anything in processes Camunda 7 does not deploy', async () => {
  const reports = await lint(await fixtureXml('not-executable.bpmn'));
  expect(reports).toEqual({});
});

/** An event-based gateway with `branches` message catches, each with its own message. */
function fanOutModel(branches: number): string {
  const ids = Array.from({ length: branches }, (_, i) => i);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_fan" targetNamespace="http://seam.example/bpmn">
  <bpmn:process id="fanOut" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:eventBasedGateway id="Gateway" />
    <bpmn:sequenceFlow id="In" sourceRef="Start" targetRef="Gateway" />
${ids
  .map(
    (i) => `    <bpmn:intermediateCatchEvent id="Wait${i}"><bpmn:messageEventDefinition messageRef="Message${i}" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="End${i}" />
    <bpmn:sequenceFlow id="G${i}" sourceRef="Gateway" targetRef="Wait${i}" />
    <bpmn:sequenceFlow id="E${i}" sourceRef="Wait${i}" targetRef="End${i}" />`,
  )
  .join('\n')}
  </bpmn:process>
${ids.map((i) => `  <bpmn:message id="Message${i}" name="Branch${i}Reached" />`).join('\n')}
</bpmn:definitions>`;
}

test('an event-based gateway with 400 message branches: no rule reports more findings than the elements involved', async () => {
  const branches = 400;
  const reports = await lint(fanOutModel(branches));
  // The elements a finding can be about: the gateway and, per branch, the catch, its end and its message.
  const involved = 1 + branches * 3;
  expect(Object.keys(reports)).toContain('seam/shadow-hooks');
  for (const [rule, list] of Object.entries(reports)) {
    expect(list.length, rule).toBeLessThanOrEqual(involved);
    expect(new Set(list.map((report) => `${report.id}|${report.message}`)).size, `${rule} repeats a finding`).toBe(list.length);
  }
  // Each branch cancels the 399 others; before, that was one finding per pair (159,600).
  expect(reports['seam/shadow-hooks']!.length).toBeLessThanOrEqual(2 * branches);
});

describe('seam.lint.disable', () => {
  const rules = { 'seam/message-name-hygiene': 'error', 'seam/timer-expression-valid': 'error', 'seam/shadow-close': 'error' };

  test('drops what the element and the file list, keeps the rest', async () => {
    const reports = await lint(await fixtureXml('suppressed.bpmn'), rules);
    expect(reports['seam/timer-expression-valid']).toBeUndefined();
    expect(reports['seam/message-name-hygiene']!.map((report) => report.id)).toEqual(['WaitDone']);
    expect(reports['seam/shadow-close']!.map((report) => report.id)).toEqual(['WaitDone']);
  });

  test('a file-level list alone (no element lists) suppresses on every element', async () => {
    const xml = (await fixtureXml('suppressed.bpmn')).replace(
      /<bpmn:intermediateCatchEvent id="WaitCallback"([^>]*)>\s*<bpmn:extensionElements>[\s\S]*?<\/bpmn:extensionElements>/,
      '<bpmn:intermediateCatchEvent id="WaitCallback"$1>',
    );
    expect(xml).not.toContain('shadow-close" />');
    const reports = await lint(xml, rules);
    expect(reports['seam/timer-expression-valid']).toBeUndefined();
    expect(reports['seam/message-name-hygiene']!.map((report) => report.id)).toEqual(['WaitCallback', 'WaitDone']);
    const { rootElement } = await moddle.fromXML(xml);
    expect(plugin.readSuppressions(rootElement).sourceOf('seam/timer-expression-valid', 'Later')).toBe('file');
    expect(plugin.readSuppressions(rootElement).sourceOf('seam/message-name-hygiene', 'WaitCallback')).toBeNull();
  });

  test('keepSuppressed reports everything, and readSuppressions says which are suppressed and by what', async () => {
    const xml = await fixtureXml('suppressed.bpmn');
    const keep = Object.fromEntries(Object.entries(rules).map(([name, category]) => [name, [category, { keepSuppressed: true }]]));
    const reports = await lint(xml, keep);
    expect(reports['seam/timer-expression-valid']!.map((report) => report.id)).toEqual(['Later']);
    expect(reports['seam/message-name-hygiene']!.map((report) => report.id)).toEqual(['WaitCallback', 'WaitDone']);

    const { rootElement } = await moddle.fromXML(xml);
    const suppressions = plugin.readSuppressions(rootElement);
    expect(suppressions.sourceOf('seam/timer-expression-valid', 'Later')).toBe('file');
    expect(suppressions.sourceOf('seam/message-name-hygiene', 'WaitCallback')).toBe('WaitCallback');
    expect(suppressions.sourceOf('message-name-hygiene', 'WaitDone')).toBeNull();
    expect(suppressions.sourceOf('label-required', 'WaitCallback')).toBeNull();
  });
});

import { createRequire } from 'node:module';

/**
 * The rules of one lint share one index of the model (lib/lint-run.js). The Modeler lints the live
 * definitions it edits, so the same object comes back changed: every lint must see the model as it
 * is then, and two models linted in one process must each get their own findings.
 */

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { BpmnModdle } = require('bpmn-moddle');
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
const plugin = require('bpmnlint-plugin-seam');

const moddle = new BpmnModdle({ camunda });

type Reports = Record<string, Array<{ id?: string; message: string }>>;
type Element = any; // moddle elements are untyped

/** A process waiting for `message`, with a timer whose value is `timer`. */
function model(key: string, message: string, timer: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_${key}" targetNamespace="http://seam.example/bpmn">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="${key}_Start" />
    <bpmn:intermediateCatchEvent id="${key}_Wait"><bpmn:messageEventDefinition messageRef="${key}_Message" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="${key}_Later"><bpmn:timerEventDefinition><bpmn:timeDuration>${timer}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="${key}_End" />
    <bpmn:sequenceFlow id="${key}_F1" sourceRef="${key}_Start" targetRef="${key}_Wait" />
    <bpmn:sequenceFlow id="${key}_F2" sourceRef="${key}_Wait" targetRef="${key}_Later" />
    <bpmn:sequenceFlow id="${key}_F3" sourceRef="${key}_Later" targetRef="${key}_End" />
  </bpmn:process>
  <bpmn:message id="${key}_Message" name="${message}" />
</bpmn:definitions>`;
}

async function parse(xml: string): Promise<Element> {
  const { rootElement, warnings } = await moddle.fromXML(xml);
  expect(warnings).toEqual([]);
  return rootElement;
}

/** Each process's event summary as its previous version, so the cross-version rules have a baseline. */
const baselinesOf = (...definitions: Element[]) =>
  Object.fromEntries(definitions.flatMap((d) => plugin.summarizeEvents(d)).map((summary: { processKey: string }) => [summary.processKey, summary]));

const rulesFor = (baselines: Record<string, unknown>) => ({
  'seam/message-ref-required': 'error',
  'seam/timer-expression-valid': 'error',
  'seam/message-rename': ['error', { baselines }],
});

/** Finding ids per rule, sorted: what a lint said, without its wording. */
const ids = (reports: Reports) => Object.fromEntries(Object.entries(reports).map(([rule, list]) => [rule, list.map((report) => report.id).sort()]));

const processOf = (definitions: Element) => definitions.rootElements.find((root: Element) => root.$type === 'bpmn:Process');

/** Adds a message catch without a message to the process, as the Modeler adds a shape. */
function addCatchWithoutMessage(definitions: Element, id: string): Element {
  const process = processOf(definitions);
  const node = moddle.create('bpmn:IntermediateCatchEvent', { id, eventDefinitions: [moddle.create('bpmn:MessageEventDefinition')] });
  node.$parent = process;
  process.flowElements.push(node);
  return node;
}

function removeElement(definitions: Element, node: Element): void {
  const elements = processOf(definitions).flowElements;
  elements.splice(elements.indexOf(node), 1);
}

/** `seam.lint.disable` on the process for `rule`. */
function disableOnProcess(definitions: Element, rule: string): void {
  const property = moddle.create('camunda:Property', { name: plugin.DISABLE_PROPERTY, value: rule });
  const properties = moddle.create('camunda:Properties', { values: [property] });
  processOf(definitions).extensionElements = moddle.create('bpmn:ExtensionElements', { values: [properties] });
}

describe('one linter, several models and lints', () => {
  test('two models linted in turn and at once each get their own findings', async () => {
    const a = await parse(model('alpha', 'AlphaReceived', 'soon'));
    const b = await parse(model('beta', 'BetaReceived', 'PT1H'));
    addCatchWithoutMessage(b, 'beta_Unnamed');
    const rules = rulesFor(baselinesOf(a, b));
    const linter = new Linter({ resolver: new NodeResolver() });

    const expectedA = { 'seam/timer-expression-valid': ['alpha_Later'] };
    const expectedB = { 'seam/message-ref-required': ['beta_Unnamed'] };
    expect(ids(await linter.lint(a, { rules }))).toEqual(expectedA);
    expect(ids(await linter.lint(b, { rules }))).toEqual(expectedB);
    expect(ids(await linter.lint(a, { rules }))).toEqual(expectedA);

    const [both, again] = await Promise.all([linter.lint(a, { rules }), linter.lint(b, { rules })]);
    expect(ids(both)).toEqual(expectedA);
    expect(ids(again)).toEqual(expectedB);
  });

  test.each([
    ['the same linter', () => new Linter({ resolver: new NodeResolver() })],
    ['a new linter per lint, as the Modeler does', null],
  ])('the live definitions, changed between lints, are linted as they are now (%s)', async (_, shared) => {
    const definitions = await parse(model('gamma', 'GammaReceived', 'PT1H'));
    const rules = rulesFor(baselinesOf(definitions));
    const sharedLinter = shared?.();
    const lint = async () => ids(await (sharedLinter ?? new Linter({ resolver: new NodeResolver() })).lint(definitions, { rules }));

    expect(await lint()).toEqual({});

    // A new element (the index must see it), then gone again (and not be reported from memory).
    const unnamed = addCatchWithoutMessage(definitions, 'gamma_Unnamed');
    expect(await lint()).toEqual({ 'seam/message-ref-required': ['gamma_Unnamed'] });
    removeElement(definitions, unnamed);
    expect(await lint()).toEqual({});

    // A renamed message (the event summary must see it).
    definitions.rootElements.find((root: Element) => root.$type === 'bpmn:Message').name = 'GammaArrived';
    expect(await lint()).toEqual({ 'seam/message-rename': ['gamma_Wait'] });

    // A finding, then suppressed on the process (the suppression lists must see it).
    const timer = processOf(definitions).flowElements.find((node: Element) => node.id === 'gamma_Later');
    timer.eventDefinitions[0].timeDuration.body = 'soon';
    expect(await lint()).toEqual({ 'seam/message-rename': ['gamma_Wait'], 'seam/timer-expression-valid': ['gamma_Later'] });
    disableOnProcess(definitions, 'timer-expression-valid');
    expect(await lint()).toEqual({ 'seam/message-rename': ['gamma_Wait'] });

    // No longer executable: Camunda 7 does not deploy it, so nothing is linted.
    processOf(definitions).isExecutable = false;
    expect(await lint()).toEqual({});
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import { contractSchema, type RetiredWait } from '../../modeling/contracts/contract-schema.ts';
import { buildContractsReport } from '../../modeling/contracts/report.ts';
import type { ProcessVersion } from '../../modeling/contracts/report-sources.ts';
import { createLinter, createModdle, createNodeResolver, seamPlugin } from '../../modeling/lint/bpmnlint-runtime.ts';

/**
 * `seam lint` (the cross-version rules) and `seam contracts` (the changes report) answer "what
 * does the new model version break" from one version diff in the plugin. For each kind of change,
 * the breaking model changes of the report are exactly the lint findings, rule by rule.
 */

const require = createRequire(import.meta.url);
const fixtures = path.join(import.meta.dirname, '../unit/fixtures/contracts');
const v1 = readFileSync(path.join(fixtures, 'claim-v1.bpmn'), 'utf8');
const contract = contractSchema.parse(parse(readFileSync(path.join(fixtures, 'claim-contract.yaml'), 'utf8')));
const moddle = createModdle({ camunda: require('camunda-bpmn-moddle/resources/camunda.json') });
const VERSION_RULES = ['message-rename', 'removed-catch-event', 'renamed-wait-id', 'interrupting-changed'];

const version = (label: string, xml: string, retired: RetiredWait[] = []): ProcessVersion => ({
  processKey: 'claim',
  label,
  file: `processes/claim/${label}.bpmn`,
  xml,
  contract,
  retired,
});

async function lintRules(xml: string, retired: RetiredWait[]): Promise<string[]> {
  const { rootElement: before } = await moddle.fromXML(v1);
  const baselines = Object.fromEntries(seamPlugin.summarizeEvents(before).map((summary) => [summary.processKey, summary]));
  const { rootElement } = await moddle.fromXML(xml);
  const rules = Object.fromEntries(VERSION_RULES.map((rule) => [`seam/${rule}`, ['error', { baselines, retired: { claim: retired } }]]));
  const results = await createLinter(createNodeResolver(process.cwd()).resolver).lint(rootElement, { rules: rules as never });
  return Object.entries(results).flatMap(([rule, reports]) => reports.map(() => rule));
}

async function reportRules(xml: string, retired: RetiredWait[]): Promise<{ model: string[]; all: Array<[string, boolean]> }> {
  const report = await buildContractsReport([{ processKey: 'claim', previous: version('v1', v1), current: version('v2', xml, retired) }]);
  const changes = report.processes[0]!.changes!;
  return { model: changes.filter((c) => c.breaking && c.lintRule).map((c) => c.lintRule!), all: changes.map((c) => [c.type, c.breaking]) };
}

const variants: Array<{ name: string; xml: string; retired?: RetiredWait[]; expect: string[] }> = [
  { name: 'unchanged', xml: v1, expect: [] },
  { name: 'renamed message wait', xml: v1.replace('name="MSG_EVIDENCE_SUBMITTED"', 'name="MSG_EVIDENCE_UPLOADED"'), expect: ['seam/message-rename'] },
  {
    name: 'timer value changed, interrupting flag flipped',
    xml: v1.replace('>P10D<', '>P14D<').replace('cancelActivity="false"', 'cancelActivity="true"'),
    expect: ['seam/interrupting-changed'],
  },
  {
    name: 'wait and message start under new ids',
    xml: v1.replaceAll('"WaitEvidence"', '"AwaitEvidence"').replaceAll('"ClaimFiled"', '"ClaimReceived"'),
    expect: ['seam/renamed-wait-id'],
  },
  {
    name: 'message start renamed',
    xml: v1.replace('name="MSG_CLAIM_FILED"', 'name="MSG_CLAIM_RECEIVED"'),
    expect: ['seam/message-rename'],
  },
  {
    name: 'error boundary removed',
    xml: v1.replace(/<bpmn:boundaryEvent id="InvalidDocument"[\s\S]*?<\/bpmn:boundaryEvent>/, '').replace(/<bpmn:sequenceFlow id="Flow_6"[^>]*\/>/, ''),
    expect: ['seam/removed-catch-event'],
  },
  { name: 'error code renamed', xml: v1.replace('errorCode="INVALID_DOCUMENT"', 'errorCode="DOCUMENT_REJECTED"'), expect: ['seam/removed-catch-event'] },
  {
    name: 'the deadline timer removed',
    xml: v1.replace(/<bpmn:boundaryEvent id="EvidenceDeadline"[\s\S]*?<\/bpmn:boundaryEvent>/, '').replace(/<bpmn:sequenceFlow id="Flow_3"[^>]*\/>/, ''),
    expect: ['seam/removed-catch-event'],
  },
  {
    name: 'the deadline timer removed after draining',
    xml: v1.replace(/<bpmn:boundaryEvent id="EvidenceDeadline"[\s\S]*?<\/bpmn:boundaryEvent>/, '').replace(/<bpmn:sequenceFlow id="Flow_3"[^>]*\/>/, ''),
    retired: [{ elementId: 'EvidenceDeadline', drainedAt: '2026-01-15' }],
    expect: [],
  },
];

describe('seam lint and seam contracts agree on what a new version breaks', () => {
  for (const variant of variants) {
    it(variant.name, async () => {
      const retired = variant.retired ?? [];
      const [lint, report] = await Promise.all([lintRules(variant.xml, retired), reportRules(variant.xml, retired)]);
      expect(lint.sort()).toEqual([...variant.expect].sort());
      expect(report.model.sort()).toEqual(lint.sort());
    });
  }
});

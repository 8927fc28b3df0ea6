import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canOpenWaitAgain, OPEN_HOOK_TOPIC, parseWaitGraph, type Position, type WaitGraph } from '../../bridge/commands/wait-graph.ts';
import { positionsIn } from '../../bridge/commands/may-wait-again.ts';
import { SHADOW_TOPICS } from '../../workers/shadow/topics.ts';
import { repoRoot } from '../../platform/config.ts';

const model = (version: string) => readFileSync(path.join(repoRoot, 'processes', 'regulatory-case-lifecycle', `${version}.bpmn`), 'utf8');
const at = (...activityIds: string[]): Position[] => activityIds.map((activityId) => ({ activityId, isScope: false }));
const inside = (scope: string, ...activityIds: string[]): Position[] => [{ activityId: scope, isScope: true }, ...at(...activityIds)];

describe('wait graph: can the instance wait for the message again from where it stands', () => {
  it('names the open hook by the topic the workers serve', () => {
    expect(OPEN_HOOK_TOPIC).toBe(SHADOW_TOPICS.open);
  });

  for (const version of ['v1', 'v2']) {
    describe(`regulatory-case-lifecycle ${version}`, () => {
      let graph: WaitGraph;
      const again = async (positions: Position[], message = 'MSG_EVIDENCE_SUBMITTED') =>
        canOpenWaitAgain((graph ??= await parseWaitGraph(model(version), 'regulatory-case-lifecycle')), positions, message);

      it('inside the correction loop: yes (validating, asking for a correction, about to open the wait)', async () => {
        for (const activity of ['CloseEvidenceWait', 'ValidateEvidence', 'RequestCorrection', 'EvidenceMerge', 'OpenEvidenceWait']) {
          expect(await again(at(activity)), activity).toBe(true);
        }
      });

      it('past the loop for good, or on a branch that only ends: no', async () => {
        expect(await again(at('RequestAssessment'))).toBe(false);
        expect(await again(inside('Review', 'WaitForAssessment'))).toBe(false);
        expect(await again(at('RecordDecision'))).toBe(false);
        expect(await again(at('ExpireEvidenceWait'))).toBe(false);
        expect(await again(at('SendEvidenceReminder'))).toBe(false);
      });

      it('inside a sub-process after its wait: it does not enter the sub-process again', async () => {
        expect(await again(inside('Review', 'CloseAssessmentWait'), 'MSG_ASSESSMENT_COMPLETED')).toBe(false);
        // Before the review is entered, its assessment wait is still ahead.
        expect(await again(at('RequestAssessment'), 'MSG_ASSESSMENT_COMPLETED')).toBe(true);
      });

      it('a message no hook opens: no', async () => {
        expect(await again(at('RequestCorrection'), 'MSG_NOBODY_WAITS')).toBe(false);
      });
    });
  }

  it('a loop back into a sub-process that holds the hook, and a link event, count', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Round" />
    <bpmn:subProcess id="Round">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:startEvent id="RoundStart"><bpmn:outgoing>s1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:sequenceFlow id="s1" sourceRef="RoundStart" targetRef="Open" />
      <bpmn:serviceTask id="Open" camunda:type="external" camunda:topic="seam-shadow-open">
        <bpmn:extensionElements><camunda:properties><camunda:property name="seam.message" value="M" /></camunda:properties></bpmn:extensionElements>
        <bpmn:incoming>s1</bpmn:incoming><bpmn:outgoing>s2</bpmn:outgoing>
      </bpmn:serviceTask>
      <bpmn:sequenceFlow id="s2" sourceRef="Open" targetRef="Wait" />
      <bpmn:receiveTask id="Wait"><bpmn:incoming>s2</bpmn:incoming><bpmn:outgoing>s3</bpmn:outgoing></bpmn:receiveTask>
      <bpmn:sequenceFlow id="s3" sourceRef="Wait" targetRef="Work" />
      <bpmn:serviceTask id="Work" camunda:type="external" camunda:topic="work"><bpmn:incoming>s3</bpmn:incoming></bpmn:serviceTask>
    </bpmn:subProcess>
    <bpmn:sequenceFlow id="f2" sourceRef="Round" targetRef="Check" />
    <bpmn:exclusiveGateway id="Check"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f5</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="f3" sourceRef="Check" targetRef="GoAgain" />
    <bpmn:intermediateThrowEvent id="GoAgain"><bpmn:incoming>f3</bpmn:incoming><bpmn:linkEventDefinition name="again" /></bpmn:intermediateThrowEvent>
    <bpmn:intermediateCatchEvent id="Again"><bpmn:outgoing>f4</bpmn:outgoing><bpmn:linkEventDefinition name="again" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f4" sourceRef="Again" targetRef="Round" />
    <bpmn:sequenceFlow id="f5" sourceRef="Check" targetRef="End" />
    <bpmn:endEvent id="End"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
    const graph = await parseWaitGraph(xml, 'p');
    expect(canOpenWaitAgain(graph, inside('Round', 'Work'), 'M')).toBe(true);
    expect(canOpenWaitAgain(graph, at('End'), 'M')).toBe(false);
  });

  it('reads positions from the engine’s activity instance tree: scopes, leaves, async transitions, multi-instance bodies', () => {
    const positions = positionsIn({
      activityId: 'p:1:x',
      activityType: 'processDefinition',
      childActivityInstances: [
        { activityId: 'Review', childActivityInstances: [{ activityId: 'WaitForAssessment', childActivityInstances: [], childTransitionInstances: [] }] },
        {
          activityId: 'Notify#multiInstanceBody',
          childActivityInstances: [{ activityId: 'Notify', childActivityInstances: [], childTransitionInstances: [] }],
          childTransitionInstances: [],
        },
      ],
      childTransitionInstances: [{ activityId: 'RecordDecision' }],
    });
    expect(positions).toEqual([
      { activityId: 'Review', isScope: true },
      { activityId: 'WaitForAssessment', isScope: false },
      { activityId: 'Notify', isScope: true },
      { activityId: 'Notify', isScope: false },
      { activityId: 'RecordDecision', isScope: false },
    ]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../platform/config.ts';
import { sameSemantics } from '../../modeling/deploy/deploy-models.ts';

// Old versions are frozen: deploy refuses an old version file that differs from what the engine runs,
// except in what the engine ignores.
const v1 = readFileSync(path.join(repoRoot, 'processes/regulatory-case-lifecycle/v1.bpmn'), 'utf8');
const withoutPlatform = v1.replace(/ xmlns:modeler="[^"]*"| modeler:executionPlatform(Version)?="[^"]*"/g, '');

describe('sameSemantics (old versions are frozen)', () => {
  it("ignores the Camunda Modeler's execution-platform attributes", () => {
    expect(withoutPlatform).not.toContain('modeler:');
    expect(sameSemantics(withoutPlatform, v1)).toBe(true);
  });

  it('ignores the diagram', () => {
    expect(sameSemantics(v1.replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, ''), v1)).toBe(true);
  });

  it('sees any other change', () => {
    expect(sameSemantics(v1.replace('name="MSG_EVIDENCE_SUBMITTED"', 'name="MSG_EVIDENCE_UPLOADED"'), v1)).toBe(false);
    expect(sameSemantics(v1.replace('camunda:historyTimeToLive="P180D"', 'camunda:historyTimeToLive="P30D"'), v1)).toBe(false);
  });
});

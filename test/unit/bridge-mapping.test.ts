import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadMappingFile, MappingError, parseMapping } from '../../bridge/mapping/load-mapping.ts';

const start = {
  name: 'case-accepted',
  eventType: 'case.accepted.v1',
  commandType: 'START_PROCESS',
  processKey: 'case',
  messageName: 'MSG_ACCEPTED',
  businessKey: '$.payload.caseId',
};
const correlate = {
  name: 'evidence-submitted',
  eventType: 'evidence.submitted.v1',
  commandType: 'CORRELATE_MESSAGE',
  processKey: 'case',
  messageName: 'MSG_EVIDENCE',
  businessKey: '$.payload.caseId',
  bufferFor: 'PT1H',
  latePolicy: { action: 'quarantine' },
};
const file = (mappings: unknown[], extra: Record<string, unknown> = {}) => ({ consumerName: 'bridge', topics: ['events'], mappings, ...extra });

/** The problems a mapping document is refused with. */
function problems(document: unknown): string[] {
  try {
    parseMapping(document, 'test.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(MappingError);
    expect((err as MappingError).file).toBe('test.yaml');
    return (err as MappingError).problems;
  }
  throw new Error('the mapping was accepted');
}

describe('mapping contract parsing', () => {
  it('accepts a valid file and fills the defaults', () => {
    const parsed = parseMapping(file([start, correlate]));
    expect(parsed.limits).toEqual({ maxRecordBytes: 262_144, keepRejectedBytes: 16_384, maxVariablesBytes: 4_096 });
    expect(parsed.mappings[0]).toMatchObject({ name: 'case-accepted', payloadVariables: {}, tenant: null });
    expect(parsed.mappings[1]).toMatchObject({ commandType: 'CORRELATE_MESSAGE', bufferFor: 'PT1H', latePolicy: { action: 'quarantine' } });
  });

  it('names the mapping and the field of each problem, all of them at once', () => {
    const found = problems(file([start, { ...correlate, businessKey: 'payload.caseId', bufferFor: 'an hour' }]));
    expect(found).toEqual([
      'mapping "evidence-submitted" (mappings[1]): businessKey: must be a path expression such as $.payload.caseId',
      'mapping "evidence-submitted" (mappings[1]): bufferFor: must be an ISO 8601 duration such as PT15M or P1D',
    ]);
  });

  it('names a payload variable whose path is not an expression, and a bad late policy', () => {
    const found = problems(file([{ ...correlate, payloadVariables: { evidenceId: 'evidenceId' }, latePolicy: { action: 'correlate' } }]));
    expect(found).toHaveLength(2);
    expect(found[0]).toBe('mapping "evidence-submitted" (mappings[0]): payloadVariables.evidenceId: must be a path expression such as $.payload.caseId');
    expect(found[1]).toMatch(/^mapping "evidence-submitted" \(mappings\[0\]\): latePolicy\.messageName: /);
  });

  it('refuses unknown fields and fields of the other command type', () => {
    const found = problems(file([{ ...start, bufferFor: 'PT1H' }]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^mapping "case-accepted" \(mappings\[0\]\): .*bufferFor/);
  });

  it('labels a mapping without a usable name by its index', () => {
    expect(problems(file([{ ...start, name: 42 }]))).toEqual([expect.stringMatching(/^mappings\[0\]: name: /)]);
  });

  it('refuses two mappings with one name', () => {
    expect(problems(file([start, { ...start, eventType: 'case.accepted.v2' }]))).toEqual([
      'mapping "case-accepted" (mappings[1]): name: duplicates the name of mappings[0]',
    ]);
  });

  it('names file-level problems by their field', () => {
    const found = problems({ consumerName: 'bridge', topics: [], mappings: [start], limits: { maxVariablesBytes: -1 } });
    expect(found).toEqual([expect.stringMatching(/^topics: /), expect.stringMatching(/^limits\.maxVariablesBytes: /)]);
    expect(problems(null)).toEqual([expect.stringMatching(/^\(file\): /)]);
  });

  it('says which file is invalid, with each problem on its own line', () => {
    const err = (() => {
      try {
        parseMapping(file([]), 'mappings.yaml');
      } catch (e) {
        return e as MappingError;
      }
    })();
    expect(err?.message).toMatch(/^invalid mapping file mappings\.yaml:\n {2}- mappings: /);
  });
});

describe('loading a mapping file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seam-mapping-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('needs a file to be configured', () => {
    expect(() => loadMappingFile(undefined)).toThrow(/no mapping contract: set SEAM_BRIDGE_MAPPING/);
  });

  it('reports YAML that does not parse, naming the file', () => {
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'mappings: [unclosed\n');
    const err = (() => {
      try {
        loadMappingFile(broken);
      } catch (e) {
        return e as MappingError;
      }
    })();
    expect(err).toBeInstanceOf(MappingError);
    expect(err!.file).toBe(broken);
    expect(err!.problems).toEqual([expect.stringMatching(/^cannot read YAML: /)]);
  });

  it('validates what it read', () => {
    const valid = path.join(dir, 'valid.yaml');
    writeFileSync(valid, `consumerName: bridge\ntopics: [events]\nmappings:\n  - ${JSON.stringify(start)}\n`);
    expect(loadMappingFile(valid).mappings.map((m) => m.name)).toEqual(['case-accepted']);
  });
});

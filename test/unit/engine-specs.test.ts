import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { engineKinds } from '../../platform/config.ts';
import { enginePart, engineSpecs } from '../../stack/control/engines.ts';

describe('the engines the local stack can run', () => {
  it.each(engineKinds)('%s: the version the stack expects is the one its Maven project builds', (kind) => {
    const spec = engineSpecs[kind];
    const pom = readFileSync(path.join(spec.project, 'pom.xml'), 'utf8');
    expect(new RegExp(`<${kind}\\.version>([^<]+)</${kind}\\.version>`).exec(pom)?.[1]).toBe(spec.version);
    expect(path.basename(spec.jar)).toBe(`${/<finalName>([^<]+)<\/finalName>/.exec(pom)?.[1]}.jar`);
  });

  it('gives every engine its own pid and log file name', () => {
    expect(new Set(engineKinds.map(enginePart)).size).toBe(engineKinds.length);
  });
});

// Regenerates platform/engine/generated/camunda-rest.ts from the engine's own OpenAPI document, published by
// Camunda on Maven Central as org.camunda.bpm:camunda-engine-rest-openapi. Run: npm run gen:engine-types
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { repoRoot } from '../platform/config.ts';

export const CAMUNDA_VERSION = '7.24.0';
export const generatedFile = path.join(repoRoot, 'platform', 'engine', 'generated', 'camunda-rest.ts');

/** Downloads the OpenAPI jar through Maven and returns the openapi.json inside it. */
export function fetchEngineOpenApi(version = CAMUNDA_VERSION): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'seam-openapi-'));
  try {
    execFileSync('mvn', ['-B', '-q', 'dependency:copy', `-Dartifact=org.camunda.bpm:camunda-engine-rest-openapi:${version}`, `-DoutputDirectory=${dir}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const jar = path.join(dir, `camunda-engine-rest-openapi-${version}.jar`);
    execFileSync('jar', ['xf', jar, 'openapi.json'], { cwd: dir });
    return readFileSync(path.join(dir, 'openapi.json'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function renderEngineTypes(openapiJson: string, version = CAMUNDA_VERSION): Promise<string> {
  const ast = await openapiTS(JSON.parse(openapiJson), {
    alphabetize: false, // Fields with a server-side default stay optional in requests.
    defaultNonNullable: false,
  });
  return [
    `// GENERATED from org.camunda.bpm:camunda-engine-rest-openapi:${version} (openapi.json) by`,
    '// scripts/generate-engine-types.ts with openapi-typescript. Do not edit; run `npm run gen:engine-types`.',
    '/* eslint-disable */',
    astToString(ast),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const source = await renderEngineTypes(fetchEngineOpenApi());
  writeFileSync(generatedFile, source);
  process.stdout.write(`wrote ${path.relative(repoRoot, generatedFile)} (${source.length} chars)\n`);
}

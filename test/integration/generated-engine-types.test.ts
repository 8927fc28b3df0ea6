import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fetchEngineOpenApi, generatedFile, renderEngineTypes } from '../../scripts/generate-engine-types.ts';

describe('generated engine types', () => {
  it("match what the engine's own OpenAPI document on Maven Central generates today", async () => {
    const fresh = await renderEngineTypes(fetchEngineOpenApi());
    expect(fresh === readFileSync(generatedFile, 'utf8')).toBe(true);
  }, 120_000);
});

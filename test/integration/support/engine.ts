import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../../platform/config.ts';
import { createEngineClient, type EngineClient } from '../../../platform/engine/client.ts';

export const config = loadConfig();
export const engine: EngineClient = createEngineClient(config.engine);

export const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, '..', 'fixtures', name), 'utf8');

/** Deploys fixture models (duplicate filtering on, so re-runs do not pile up versions). */
export async function deployFixtures(...names: string[]): Promise<void> {
  await engine.deploy(
    names.map((name) => ({ name, content: fixture(name) })),
    { deploymentName: `seam-test-${names.join('+')}`, source: 'seam-tests' },
  );
}

/** A business key no other test run uses. */
export const uniqueKey = (prefix: string): string => `${prefix}-${randomUUID()}`;

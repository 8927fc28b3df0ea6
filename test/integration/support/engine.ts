import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../../platform/config.ts';
import { createEngineClient, type EngineClient } from '../../../platform/engine/client.ts';
import { createRawEngineClient, type RawEngineClient } from '../../../platform/engine/raw-client.ts';

export const config = loadConfig();
/** The product's client, plus the raw typed transport for the engine calls only tests make (starting, inspecting). */
export const engine: EngineClient & { raw: RawEngineClient } = Object.assign(createEngineClient(config.engine), { raw: createRawEngineClient(config.engine) });

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

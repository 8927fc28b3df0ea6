import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { z } from 'zod';
import { compatibilitySchema, contractSchema, type Compatibility, type EventContract } from './contract-schema.ts';

/** A contract or compatibility file that is not valid YAML or does not match its schema. */
export class ContractFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'ContractFileError';
  }
}

export function loadContract(file: string): Promise<EventContract> {
  return loadYaml(file, contractSchema);
}

export function loadCompatibility(file: string): Promise<Compatibility> {
  return loadYaml(file, compatibilitySchema);
}

export async function loadYaml<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> {
  return parseYaml(await readFile(file, 'utf8'), file, schema);
}

/**
 * Parses YAML text against a schema; every bad field is named with its path, e.g.
 * `events.2.correlation.businessKey`. `file` names the text in errors (a path, or `REF:path`).
 */
export function parseYaml<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  let document: unknown;
  try {
    document = parse(text);
  } catch (err) {
    throw new ContractFileError(file, [`not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
  const result = schema.safeParse(document);
  if (!result.success) {
    throw new ContractFileError(
      file,
      result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(file)'}: ${issue.message}`),
    );
  }
  return result.data;
}

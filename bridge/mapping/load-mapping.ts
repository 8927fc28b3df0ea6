import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { mappingFileSchema, type MappingFile } from './mapping-schema.ts';

export class MappingError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid mapping file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'MappingError';
  }
}

/** Validates a parsed mapping document; every problem names its mapping and field. */
export function parseMapping(document: unknown, file = '(inline)'): MappingFile {
  const parsed = mappingFileSchema.safeParse(document);
  if (parsed.success) return parsed.data;
  const mappings = (document as { mappings?: { name?: unknown }[] } | null)?.mappings;
  const problems = parsed.error.issues.map((issue) => {
    const [head, index, ...rest] = issue.path;
    if (head === 'mappings' && typeof index === 'number') {
      const mappingName = mappings?.[index]?.name;
      const label = typeof mappingName === 'string' ? `mapping "${mappingName}" (mappings[${index}])` : `mappings[${index}]`;
      return `${label}: ${rest.length ? `${rest.join('.')}: ` : ''}${issue.message}`;
    }
    return `${issue.path.join('.') || '(file)'}: ${issue.message}`;
  });
  throw new MappingError(file, problems);
}

export function loadMappingFile(file: string | undefined): MappingFile {
  if (!file) throw new MappingError('(none)', ['no mapping contract: set SEAM_BRIDGE_MAPPING']);
  let document: unknown;
  try {
    document = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new MappingError(file, [`cannot read YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
  return parseMapping(document, file);
}

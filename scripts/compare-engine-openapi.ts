// Compares, for every REST operation Seam calls, Camunda 7.24.0's OpenAPI document (Maven Central) with the
// templates Operaton generates its own document from. Operaton publishes no openapi artifact on Maven Central
// (checked for 1.0.3), so its side is read from a checkout of its sources:
//   git clone --branch v1.0.3 <operaton repository> /tmp/operaton
//   npx tsx scripts/compare-engine-openapi.ts /tmp/operaton/engine-rest/engine-rest-openapi/src/main/templates
// It prints one line per operation and exits 1 when a parameter or a field of a request/response DTO differs.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fetchEngineOpenApi } from './generate-engine-types.ts';

/** The operations of Seam (platform/engine, workers, bridge, ops) and of the external-task client it uses. */
export const seamOperations: [method: string, path: string][] = [
  ['get', '/version'],
  ['get', '/telemetry/data'],
  ['post', '/deployment/create'],
  ['post', '/message'],
  ['get', '/process-definition'],
  ['get', '/process-definition/key/{key}/xml'],
  ['get', '/process-definition/key/{key}/tenant-id/{tenant-id}/xml'],
  ['get', '/process-definition/{id}/xml'],
  ['post', '/process-definition/key/{key}/start'],
  ['post', '/process-instance'],
  ['get', '/process-instance/{id}/variables/{varName}'],
  ['get', '/event-subscription'],
  ['get', '/external-task'],
  ['get', '/external-task/{id}'],
  ['post', '/external-task/fetchAndLock'],
  ['post', '/external-task/{id}/complete'],
  ['post', '/external-task/{id}/failure'],
  ['post', '/external-task/{id}/bpmnError'],
  ['post', '/external-task/{id}/extendLock'],
  ['post', '/external-task/{id}/unlock'],
  ['get', '/history/detail'],
  ['post', '/history/process-instance'],
  ['get', '/job'],
  ['post', '/job/{id}/execute'],
];

type Json = { [key: string]: unknown };
const ERROR_DTOS = new Set(['ExceptionDto', 'AuthorizationExceptionDto']);
// Keys of literal JSON in the templates that are OpenAPI structure, not parameter or property names.
const STRUCTURE = new Set([
  'items',
  'properties',
  'schema',
  'content',
  'example',
  'examples',
  'value',
  'responses',
  'parameters',
  'requestBody',
  'application/json',
]);

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

function operatonSide(templates: string) {
  const models = new Map(
    walk(path.join(templates, 'models'))
      .filter((f) => f.endsWith('.ftl'))
      .map((f) => [path.basename(f, '.ftl'), f]),
  );
  /** A template with its `#include`s inlined; the sort-props include only describes the items of a "sorting" array. */
  const expand = (file: string, seen = new Set<string>()): string => {
    if (seen.has(file)) return '';
    seen.add(file);
    let text = readFileSync(file, 'utf8');
    for (const [, include] of text.matchAll(/<#include\s+"([^"]+)"/g)) {
      const target = path.join(templates, include!);
      if (!include!.endsWith('sort-props.ftl') && existsSync(target)) text += expand(target, seen);
    }
    return text;
  };
  const hashKeys = (text: string) => [...text.matchAll(/^\s*"([\w-]+)"\s*:\s*\{\s*$/gm)].map((m) => m[1]!).filter((k) => !STRUCTURE.has(k));
  const names = (text: string) => new Set([...[...text.matchAll(/\bname\s*=\s*"([\w-]+)"/g)].map((m) => m[1]!), ...hashKeys(text)]);
  const dtos = (text: string) => new Set([...text.matchAll(/dto\s*=\s*"(\w+)"/g)].map((m) => m[1]!).filter((d) => !ERROR_DTOS.has(d)));
  const fields = (dto: string): Set<string> | undefined => {
    const file = models.get(dto);
    if (!file) return undefined;
    const text = expand(file);
    const own = [...[...text.matchAll(/<@lib\.property\s+name\s*=\s*"([\w-]+)"/g)].map((m) => m[1]!), ...hashKeys(text)];
    const inherited = [...text.matchAll(/<@lib\.dto[^>]*extends\s*=\s*"(\w+)"/g)].flatMap((m) => [...(fields(m[1]!) ?? [])]);
    return new Set([...own, ...inherited]);
  };
  const operation = (method: string, route: string) => {
    const file = path.join(templates, 'paths', route, `${method}.ftl`);
    if (!existsSync(file)) return undefined;
    const text = expand(file);
    return { parameters: names(text), dtos: dtos(text) };
  };
  return { operation, fields };
}

function camundaSide(doc: Json) {
  const schemas = (doc.components as Json).schemas as Record<string, Json>;
  const refs = (node: unknown): Set<string> => {
    const out = new Set<string>();
    const visit = (n: unknown) => {
      if (Array.isArray(n)) n.forEach(visit);
      else if (n && typeof n === 'object')
        for (const [k, v] of Object.entries(n)) {
          if (k === '$ref' && typeof v === 'string') out.add(v.split('/').pop()!);
          else visit(v);
        }
    };
    visit(node);
    return out;
  };
  const fields = (dto: string): Set<string> => {
    const schema = schemas[dto] ?? {};
    const out = new Set(Object.keys((schema.properties as Json) ?? {}));
    for (const part of (schema.allOf as Json[]) ?? []) {
      if (typeof part.$ref === 'string') fields(part.$ref.split('/').pop()!).forEach((f) => out.add(f));
      Object.keys((part.properties as Json) ?? {}).forEach((f) => out.add(f));
    }
    return out;
  };
  /** The DTO and every DTO it refers to, transitively. */
  const closure = (roots: Iterable<string>): Set<string> => {
    const seen = new Set<string>();
    const todo = [...roots];
    while (todo.length) {
      const dto = todo.pop()!;
      if (seen.has(dto) || !schemas[dto]) continue;
      seen.add(dto);
      todo.push(...refs(schemas[dto]));
    }
    return seen;
  };
  const operation = (method: string, route: string) => {
    const op = ((doc.paths as Json)[route] as Json | undefined)?.[method] as Json | undefined;
    if (!op) return undefined;
    const parameters = new Set(((op.parameters as Json[]) ?? []).map((p) => p.name as string));
    const dtos = new Set([...refs([op.requestBody, op.responses])].filter((d) => !ERROR_DTOS.has(d)));
    return { parameters, dtos };
  };
  return { operation, fields, closure };
}

const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

/** One line per operation: what differs between the two documents in what Seam sends and reads. */
export function compareDocuments(camundaDoc: Json, operatonTemplates: string): { lines: string[]; differing: number } {
  const camunda = camundaSide(camundaDoc);
  const operaton = operatonSide(operatonTemplates);
  const lines: string[] = [];
  let differing = 0;
  for (const [method, route] of seamOperations) {
    const name = `${method.toUpperCase()} ${route}`;
    const c = camunda.operation(method, route);
    const o = operaton.operation(method, route);
    if (!c || !o) {
      lines.push(`${name}: only in ${c ? 'Camunda' : o ? 'Operaton' : 'neither'}`);
      differing++;
      continue;
    }
    const notes: string[] = [];
    const onlyCamunda = minus(c.parameters, o.parameters);
    if (onlyCamunda.length) notes.push(`parameters only in Camunda: ${onlyCamunda.join(', ')}`);
    if (minus(c.dtos, o.dtos).length || minus(o.dtos, c.dtos).length) notes.push(`DTOs: Camunda ${[...c.dtos]}, Operaton ${[...o.dtos]}`);
    for (const dto of [...camunda.closure(c.dtos)].sort()) {
      const of = operaton.fields(dto);
      if (!of) {
        notes.push(`${dto}: no Operaton model`);
        continue;
      }
      const cf = camunda.fields(dto);
      const [onlyC, onlyO] = [minus(cf, of), minus(of, cf)];
      if (onlyC.length || onlyO.length) notes.push(`${dto}: only Camunda [${onlyC.join(', ')}], only Operaton [${onlyO.join(', ')}]`);
    }
    if (notes.length) differing++;
    lines.push(`${name}: ${notes.length ? notes.join('; ') : 'same parameters and DTO fields'}`);
  }
  return { lines, differing };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const templates = process.argv[2];
  if (!templates || !existsSync(path.join(templates, 'paths'))) {
    process.stderr.write('usage: npx tsx scripts/compare-engine-openapi.ts <operaton>/engine-rest/engine-rest-openapi/src/main/templates\n');
    process.exit(2);
  }
  const { lines, differing } = compareDocuments(JSON.parse(fetchEngineOpenApi()) as Json, templates);
  process.stdout.write(`${lines.join('\n')}\n${differing} of ${seamOperations.length} operations differ\n`);
  process.exit(differing ? 1 : 0);
}

import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { compatibilitySchema, contractSchema, type EventContract, type RetiredWait } from './contract-schema.ts';
import { parseYaml } from './load-contract.ts';

const run = promisify(execFile);

/** One version of one process as the report reads it: the model and the contract beside it. */
export interface ProcessVersion {
  processKey: string;
  /** `v2`, or `v2 @ main` when read from a git ref. */
  label: string;
  /** Path relative to the repository (or working directory), with forward slashes. */
  file: string;
  xml: string;
  contract: EventContract | null;
  retired: RetiredWait[];
}

/** The two versions a report compares; `previous` is null for a process with one version. */
export interface VersionPair {
  processKey: string;
  previous: ProcessVersion | null;
  current: ProcessVersion | null;
}

/** A path, ref or file the report cannot read: the command stops with this message. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

/** Somewhere process folders can be read from: the working tree or one git ref. */
interface Tree {
  describe(version: string): string;
  list(dir: string): Promise<string[] | null>;
  read(file: string): Promise<string | null>;
}

/**
 * Default comparison: in each process folder of the working tree, the latest `vN.bpmn` with
 * `v(N-1).bpmn`, both read with the folder's current contract.
 */
export async function workingTreePairs(dirs: string[], cwd: string): Promise<VersionPair[]> {
  const tree = workingTree(cwd);
  const pairs: VersionPair[] = [];
  for (const dir of dirs) {
    const versions = versionsIn((await tree.list(dir)) ?? []);
    const latest = versions.at(-1);
    if (latest === undefined) continue;
    const processKey = path.basename(dir);
    const previous = versions.includes(latest - 1) ? await readVersion(tree, dir, processKey, latest - 1) : null;
    pairs.push({ processKey, previous, current: await readVersion(tree, dir, processKey, latest) });
  }
  return pairs;
}

/**
 * The latest version of each process folder at git ref `from` against the latest at `to` (a ref,
 * or null for the working tree), each with the contract of its own ref.
 */
export async function gitRefPairs(dirs: string[], cwd: string, from: string, to: string | null): Promise<VersionPair[]> {
  const root = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  const before = await gitTree(root, from);
  const after = to === null ? workingTree(root) : await gitTree(root, to);
  const pairs: VersionPair[] = [];
  for (const dir of dirs) {
    const inRepo = path.relative(root, path.resolve(cwd, dir)).split(path.sep).join('/');
    const processKey = path.basename(inRepo);
    const latestBefore = versionsIn((await before.list(inRepo)) ?? []).at(-1);
    const latestAfter = versionsIn((await after.list(inRepo)) ?? []).at(-1);
    if (latestBefore === undefined && latestAfter === undefined) continue;
    pairs.push({
      processKey,
      previous: latestBefore === undefined ? null : await readVersion(before, inRepo, processKey, latestBefore),
      current: latestAfter === undefined ? null : await readVersion(after, inRepo, processKey, latestAfter),
    });
  }
  return pairs;
}

/**
 * The process folders the report covers: each folder given, the folder of each model file given,
 * or every folder under `processes/` holding a `vN.bpmn` (in the working tree or at one of the refs).
 */
export async function processDirs(paths: string[], cwd: string, refs: string[] = []): Promise<string[]> {
  if (paths.length > 0) {
    const dirs = new Set<string>();
    for (const given of paths) {
      const info = await stat(path.resolve(cwd, given)).catch(() => null);
      if (given.endsWith('.bpmn')) dirs.add(path.dirname(given));
      else if (info?.isDirectory() || refs.length > 0) dirs.add(given.replace(/\/+$/, ''));
      else throw new ReportInputError(`no such process folder: ${given}`);
    }
    return [...dirs].sort();
  }
  const names = new Set<string>();
  const local = await readdir(path.join(cwd, 'processes'), { withFileTypes: true }).catch(() => []);
  for (const entry of local) if (entry.isDirectory()) names.add(entry.name);
  if (refs.length > 0) {
    const root = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
    const prefix = path.relative(root, path.join(cwd, 'processes')).split(path.sep).join('/');
    for (const ref of refs) {
      for (const name of (await (await gitTree(root, ref)).list(prefix)) ?? []) if (!name.includes('.')) names.add(name);
    }
  }
  return [...names].sort().map((name) => path.join('processes', name));
}

async function readVersion(tree: Tree, dir: string, processKey: string, version: number): Promise<ProcessVersion> {
  const file = `${dir}/v${version}.bpmn`;
  const xml = (await tree.read(file))!;
  const contractText = await tree.read(`${dir}/contract.yaml`);
  const compatibilityText = await tree.read(`${dir}/compatibility.yaml`);
  const contract = contractText === null ? null : parseYaml(contractText, tree.describe(`${dir}/contract.yaml`), contractSchema);
  const compatibility = compatibilityText === null ? null : parseYaml(compatibilityText, tree.describe(`${dir}/compatibility.yaml`), compatibilitySchema);
  return {
    processKey,
    label: tree.describe(`v${version}`),
    file,
    xml,
    contract: contract?.processKey === processKey ? contract : null,
    retired: compatibility?.processKey === processKey ? compatibility.retired : [],
  };
}

function versionsIn(names: string[]): number[] {
  return names
    .map((name) => /^v(\d+)\.bpmn$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
}

function workingTree(cwd: string): Tree {
  return {
    describe: (what) => what,
    list: (dir) => readdir(path.resolve(cwd, dir)).catch(() => null),
    read: (file) => readFile(path.resolve(cwd, file), 'utf8').catch(() => null),
  };
}

async function gitTree(root: string, ref: string): Promise<Tree> {
  await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => {
    throw new ReportInputError(`unknown git ref: ${ref}`);
  });
  return {
    describe: (what) => `${what} @ ${ref}`,
    async list(dir) {
      const out = await git(root, ['ls-tree', '--name-only', `${ref}:${dir}`]).catch(() => null);
      return out === null ? null : out.split('\n').filter(Boolean);
    },
    read: (file) => git(root, ['show', `${ref}:${file}`]).catch(() => null),
  };
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

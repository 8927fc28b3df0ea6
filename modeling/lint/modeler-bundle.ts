import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { loadBaselines } from './baseline.ts';
import { loadLintSetup, rulesWithContext, type LintContext } from './lint-config.ts';
import { loadProjectContext } from './project-context.ts';

const require = createRequire(import.meta.url);
const compileConfig = require('bpmnlint/lib/support/compile-config') as (config: unknown, resolver: unknown) => Promise<string>;

export interface ModelerBundleOptions {
  /** Project root holding `processes/`. */
  projectDir: string;
  /** Default: `<projectDir>/.bpmnlintrc`. */
  configPath?: string;
  /** Default: `<projectDir>/dist/camunda-modeler-plugin`. */
  outDir?: string;
}

/**
 * Builds a Camunda Modeler plugin folder that registers the packed `.bpmnlintrc` as
 * `lintRules.bpmn` (the custom linter rules convention), with every process's event contract,
 * compatibility list and previous-version summary packed into the rule configuration, so the
 * cross-version rules run in the Modeler as they do in `seam lint`.
 * For each `processes/<key>/`, the baseline is the version before the latest `vN.bpmn`: what
 * `seam lint` compares the latest version with.
 */
export async function buildModelerBundle(options: ModelerBundleOptions): Promise<{ outDir: string; context: LintContext }> {
  const projectDir = path.resolve(options.projectDir);
  const outDir = path.resolve(options.outDir ?? path.join(projectDir, 'dist', 'camunda-modeler-plugin'));
  const setup = await loadLintSetup(projectDir, options.configPath);
  const context = await projectContext(projectDir, setup.moddle);

  const packed = await compileConfig({ rules: rulesWithContext(setup.rules, context), moddleExtensions: setup.config.moddleExtensions }, setup.resolver);

  const work = await mkdtemp(path.join(os.tmpdir(), 'seam-modeler-bundle-'));
  try {
    await writeFile(path.join(work, 'packed-config.js'), packed);
    await writeFile(
      path.join(work, 'client.js'),
      [
        "import lintRules from './packed-config.js';",
        '// The Modeler collects client plugins from window.plugins, as camunda-modeler-plugin-helpers does.',
        'window.plugins = window.plugins || [];',
        "window.plugins.push({ plugin: lintRules, type: 'lintRules.bpmn' });",
      ].join('\n'),
    );
    await rm(outDir, { recursive: true, force: true });
    await mkdir(path.join(outDir, 'client'), { recursive: true });
    await build({
      entryPoints: [path.join(work, 'client.js')],
      outfile: path.join(outDir, 'client', 'client.js'),
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      // The entry lives in a temp folder; packages resolve as they would from the project.
      nodePaths: nodeModulesAbove(projectDir),
      logLevel: 'silent',
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  await writeFile(
    path.join(outDir, 'index.js'),
    "'use strict';\n\n// Camunda Modeler plugin entry: copy this folder into the Modeler's resources/plugins.\nmodule.exports = {\n  name: 'Seam event-contract lint rules',\n  script: './client/client.js',\n};\n",
  );
  return { outDir, context };
}

async function projectContext(projectDir: string, moddle: Parameters<typeof loadBaselines>[0]['moddle']): Promise<LintContext> {
  const context: LintContext = { contracts: {}, baselines: {}, retired: {} };
  const processesDir = path.join(projectDir, 'processes');
  const folders = await readdir(processesDir, { withFileTypes: true }).catch(() => []);
  for (const folder of folders.filter((entry) => entry.isDirectory())) {
    const key = folder.name;
    const dir = path.join(processesDir, key);
    const latest = await latestVersion(dir);
    if (!latest) continue;
    const project = await loadProjectContext(latest, [key], projectDir);
    if (project.problems.length > 0) throw new Error(project.problems.map((problem) => problem.message).join('\n'));
    Object.assign(context.contracts, project.contracts);
    Object.assign(context.retired, project.retired);
    const baselines = await loadBaselines({ modelFile: latest, processKeys: [key], source: { kind: 'previous' }, moddle });
    Object.assign(context.baselines, baselines.summaries);
  }
  return context;
}

function nodeModulesAbove(dir: string): string[] {
  const paths: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    paths.push(path.join(current, 'node_modules'));
    if (path.dirname(current) === current) return paths;
  }
}

async function latestVersion(dir: string): Promise<string | null> {
  const versions = (await readdir(dir))
    .map((name) => /^v(\d+)\.bpmn$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => Number(b[1]) - Number(a[1]));
  return versions[0] ? path.join(dir, versions[0][0]) : null;
}

import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { loadBaselines } from './baseline.ts';
import { loadLintSetup, type LintContext } from './lint-config.ts';
import { seamPlugin } from './bpmnlint-runtime.ts';
import { loadProjectContext } from './project-context.ts';

const require = createRequire(import.meta.url);
const compileConfig = require('bpmnlint/lib/support/compile-config') as (config: unknown, resolver: unknown) => Promise<string>;

const clientEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'modeler-plugin', 'client.ts');

/** Where rule documentation links point unless the build says otherwise: the docs in Seam's repository. */
export const DEFAULT_DOCS_BASE_URL = 'https://github.com/seam-dev/seam/blob/main/';

export interface ModelerBundleOptions {
  /** Project root holding `processes/`. */
  projectDir: string;
  /** Default: `<projectDir>/.bpmnlintrc`. */
  configPath?: string;
  /** Default: `<projectDir>/dist/camunda-modeler-plugin`. */
  outDir?: string;
  /** Base URL the rules' repository paths (`docs/rules/<rule>.md`) resolve against. Default: DEFAULT_DOCS_BASE_URL. */
  docsBaseUrl?: string;
}

/**
 * Builds a Camunda Modeler plugin folder that registers the packed `.bpmnlintrc` as
 * `lintRules.bpmn` (the custom linter rules convention), with every process's event contract,
 * compatibility list and previous-version summary packed once into the bundle and handed to the
 * context rules, so the cross-version rules run in the Modeler as they do in `seam lint`.
 * For each `processes/<key>/`, the baseline is the version before the latest `vN.bpmn`: what
 * `seam lint` compares the latest version with.
 * The output depends only on the project's files: no paths outside the project, no timestamps.
 */
export async function buildModelerBundle(options: ModelerBundleOptions): Promise<{ outDir: string; context: LintContext }> {
  const projectDir = path.resolve(options.projectDir);
  const outDir = path.resolve(options.outDir ?? path.join(projectDir, 'dist', 'camunda-modeler-plugin'));
  const docsBaseUrl = normalizeDocsBaseUrl(options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL);
  const setup = await loadLintSetup(projectDir, options.configPath);
  const context = await projectContext(projectDir, setup.moddle);

  // Neither the Modeler nor bpmn-js-bpmnlint reads a bundle's moddle extensions (the editor's
  // moddle parses the model), so they are not packed.
  const packedConfig = await compileConfig({ rules: setup.rules }, setup.resolver);
  const settings = { contextRules: seamPlugin.contextRules.map((name) => `seam/${name}`), docsBaseUrl };

  await rm(outDir, { recursive: true, force: true });
  await mkdir(path.join(outDir, 'client'), { recursive: true });
  await build({
    entryPoints: [clientEntry],
    outfile: path.join(outDir, 'client', 'client.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    // Module comments in the output are relative to this folder, never absolute or temporary paths.
    absWorkingDir: projectDir,
    plugins: [
      generatedModules(projectDir, {
        'packed-config': { contents: packedConfig, loader: 'js' },
        'project-context': { contents: JSON.stringify(context), loader: 'json' },
        settings: { contents: JSON.stringify(settings), loader: 'json' },
      }),
    ],
    logLevel: 'silent',
  });

  // The plugin folder's own package.json keeps index.js CommonJS when the folder is linked into
  // the Modeler's plugins folder and Node finds an ESM project's package.json above it.
  await writeFile(path.join(outDir, 'package.json'), `${JSON.stringify(PLUGIN_PACKAGE, null, 2)}\n`);
  await writeFile(
    path.join(outDir, 'index.js'),
    "'use strict';\n\n// Camunda Modeler plugin entry: copy or link this folder into the Modeler's resources/plugins.\nmodule.exports = {\n  name: 'Seam event-contract lint rules',\n  script: './client/client.js',\n};\n",
  );
  return { outDir, context };
}

const PLUGIN_PACKAGE = {
  name: 'seam-camunda-modeler-plugin',
  private: true,
  description: "Seam's event-contract lint rules for the Camunda Modeler, with the project's contracts and previous versions.",
  type: 'commonjs',
  main: 'index.js',
};

/** `seam-lint:<name>` imports of the client script, answered from memory and resolved from the project. */
function generatedModules(projectDir: string, modules: Record<string, { contents: string; loader: 'js' | 'json' }>): Plugin {
  return {
    name: 'seam-lint-generated',
    setup(build) {
      build.onResolve({ filter: /^seam-lint:/ }, (args) => ({ path: args.path.slice('seam-lint:'.length), namespace: 'seam-lint' }));
      build.onLoad({ filter: /.*/, namespace: 'seam-lint' }, (args) => {
        const module = modules[args.path];
        if (!module) throw new Error(`no generated module seam-lint:${args.path}`);
        return { ...module, resolveDir: projectDir };
      });
    },
  };
}

function normalizeDocsBaseUrl(url: string): string {
  if (!/^https?:$/.test(URL.canParse(url) ? new URL(url).protocol : '')) throw new Error(`documentation base URL must be an http:// or https:// URL: ${url}`);
  // Resolving `docs/rules/x.md` against `.../main` would drop `main`.
  return url.endsWith('/') ? url : `${url}/`;
}

async function projectContext(projectDir: string, moddle: Parameters<typeof loadBaselines>[0]['moddle']): Promise<LintContext> {
  const context: LintContext = { contracts: {}, baselines: {}, retired: {} };
  const processesDir = path.join(projectDir, 'processes');
  const folders = await readdir(processesDir, { withFileTypes: true }).catch(() => []);
  for (const folder of folders.filter((entry) => entry.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
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

async function latestVersion(dir: string): Promise<string | null> {
  const versions = (await readdir(dir))
    .map((name) => /^v(\d+)\.bpmn$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => Number(b[1]) - Number(a[1]));
  return versions[0] ? path.join(dir, versions[0][0]) : null;
}

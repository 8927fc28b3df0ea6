import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { createLinter, seamPlugin, type BpmnlintConfig } from '../modeling/lint/bpmnlint-runtime.ts';
import { loadLintSetup, rulesWithContext, type LintSetup } from '../modeling/lint/lint-config.ts';
import { generateModel, random, SEGMENT_NODES } from './lib/generate-bench-model.ts';

/**
 * `npm run bench:lint`: how much Seam's rules add to bpmnlint:recommended, on one generated
 * 5,000-element model and on a corpus of 200 generated models of mixed size. The models look
 * like Seam's: message waits with shadow hooks, user tasks with timer boundaries, gateways, and
 * full diagram interchange. Prints figures only; nothing here is a test.
 */

interface Model {
  definitions: unknown;
  baseline: unknown;
  processKey: string;
  elements: number;
}

async function parse(setup: LintSetup, processKey: string, segments: number): Promise<Model> {
  const { rootElement } = await setup.moddle.fromXML(generateModel(processKey, segments));
  const [summary] = seamPlugin.summarizeEvents(rootElement);
  return { definitions: rootElement, baseline: summary, processKey, elements: 2 + segments * SEGMENT_NODES + segments * 7 + 1 };
}

/** Milliseconds per lint of each model: the median of `rounds` timed runs after one warm-up. */
async function timeLint(setup: LintSetup, models: Model[], config: (model: Model) => BpmnlintConfig, rounds: number): Promise<number> {
  const linters = models.map((model) => ({ model, linter: createLinter(setup.resolver), config: config(model) }));
  for (const { model, linter, config } of linters) await linter.lint(model.definitions, config);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const { model, linter, config } of linters) await linter.lint(model.definitions, config);
    samples.push((performance.now() - started) / models.length);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const setup = await loadLintSetup(process.cwd(), path.join(process.cwd(), '.bpmnlintrc'));
const recommendedOnly = await createLinter(setup.resolver).resolveConfiguredRules({ extends: 'bpmnlint:recommended' });
const seamRules = (model: Model): BpmnlintConfig => ({
  rules: rulesWithContext(setup.rules, { contracts: {}, retired: {}, baselines: { [model.processKey]: model.baseline as never } }),
});
const bpmnlintRules = (): BpmnlintConfig => ({ rules: recommendedOnly });

const large = [await parse(setup, 'large', Math.round(5000 / (SEGMENT_NODES + 7)))];
const next = random(42);
const corpus: Model[] = [];
for (let i = 0; i < 200; i++) corpus.push(await parse(setup, `corpus_${i}`, 2 + Math.floor(next() * 40)));

const rows: Array<[string, number, number]> = [];
for (const [label, models, rounds] of [
  [`one model, ${large[0]!.elements} elements`, large, 7],
  [`corpus, ${corpus.length} models, ${Math.round(corpus.reduce((sum, m) => sum + m.elements, 0) / corpus.length)} elements on average`, corpus, 5],
] as const) {
  const base = await timeLint(setup, models, bpmnlintRules, rounds);
  const withSeam = await timeLint(setup, models, seamRules, rounds);
  rows.push([label, base, withSeam]);
}

process.stdout.write(`seam lint benchmark (Node ${process.version}, median ms per model)\n\n`);
process.stdout.write('| models | bpmnlint:recommended | + plugin:seam/recommended | added by Seam |\n| --- | ---: | ---: | ---: |\n');
for (const [label, base, withSeam] of rows) {
  process.stdout.write(`| ${label} | ${base.toFixed(2)} ms | ${withSeam.toFixed(2)} ms | ${(((withSeam - base) / base) * 100).toFixed(0)}% |\n`);
}
process.stdout.write('\nTargets: Seam adds at most 50%; the 5,000-element model lints in at most 200 ms.\n');

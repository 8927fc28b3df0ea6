import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { createLinter, seamPlugin, type BpmnlintConfig, type RuleValue } from '../modeling/lint/bpmnlint-runtime.ts';
import { loadLintSetup, rulesWithContext, type LintSetup } from '../modeling/lint/lint-config.ts';
import { generateModel, random, SEGMENT_NODES } from './lib/generate-bench-model.ts';
import { fmt } from './bench/stats.ts';

/**
 * `npm run bench:lint`: what each lint rule costs as models grow, and what Seam's rules add.
 * - every rule of `.bpmnlintrc` (bpmnlint:recommended and plugin:seam/recommended) alone, on generated
 *   models of about 1k, 5k, 10k and 20k elements, with its growth from 5k to 20k (linear: ≤ 4.5×);
 *   a rule over the time budget at one size is not run at the larger ones (it is reported as such);
 * - parsing (bpmn-moddle) timed apart from the rules;
 * - Seam's rules together on top of bpmnlint:recommended (target: at most +25%);
 * - a corpus of 1,000 generated models of mixed size parsed and linted in one process, with throughput.
 * The models look like Seam's: message waits between shadow hooks, gateways, user tasks with timer
 * boundaries, full diagram interchange. Prints figures; the last line is JSON. Nothing here is a test.
 */

const SIZES = [1000, 5000, 10000, 20000];
const RULE_BUDGET_MS = Number(process.env.BENCH_RULE_BUDGET_MS ?? 3000);
const CORPUS = Number(process.env.BENCH_CORPUS ?? 1000);

interface Model {
  definitions: unknown;
  baseline: unknown;
  processKey: string;
  elements: number;
  parseMs: number;
}

const elementsOf = (segments: number) => 2 + segments * SEGMENT_NODES + segments * 7 + 1;
const segmentsFor = (elements: number) => Math.round((elements - 3) / (SEGMENT_NODES + 7));

async function parse(setup: LintSetup, processKey: string, segments: number): Promise<Model> {
  const xml = generateModel(processKey, segments);
  const started = performance.now();
  const { rootElement } = await setup.moddle.fromXML(xml);
  const parseMs = performance.now() - started;
  const [summary] = seamPlugin.summarizeEvents(rootElement);
  return { definitions: rootElement, baseline: summary, processKey, elements: elementsOf(segments), parseMs };
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/** CPU milliseconds this process has used: on a shared machine, time spent descheduled is not the rule's. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * CPU ms of one lint of `model` with `rules`: the least of `rounds` runs, after a full GC (so one rule does
 * not pay for another's garbage) and two warm-up runs (so the first size does not pay for the JIT). On a
 * shared machine noise only ever adds time, so the least run is the one closest to the rule's own cost.
 * One run when a lint is slow.
 */
async function timeRules(setup: LintSetup, model: Model, rules: Record<string, RuleValue>, rounds = 5): Promise<number> {
  const config: BpmnlintConfig = { rules };
  global.gc?.();
  const lintOnce = async () => {
    const linter = createLinter(setup.resolver);
    const started = cpuMs();
    await linter.lint(model.definitions, config);
    return cpuMs() - started;
  };
  const first = await lintOnce();
  if (first > RULE_BUDGET_MS) return first;
  const samples: number[] = [await lintOnce()];
  for (let i = 0; i < (first > 1000 ? 0 : rounds); i++) samples.push(await lintOnce());
  return Math.min(...samples);
}

const setup = await loadLintSetup(process.cwd(), path.join(process.cwd(), '.bpmnlintrc'));
const contextOf = (model: Model) => ({ contracts: {}, retired: {}, baselines: { [model.processKey]: model.baseline as never } });
const allRules = (model: Model) => rulesWithContext(setup.rules, contextOf(model));
const ruleNames = Object.keys(setup.rules).filter((name) => setup.rules[name]![0] !== 'off');
const isSeam = (name: string) => name.startsWith('seam/');
const only = (model: Model, predicate: (name: string) => boolean) =>
  Object.fromEntries(Object.entries(allRules(model)).filter(([name]) => predicate(name) && setup.rules[name]![0] !== 'off'));

// The corpus first, while the heap holds nothing else: 1,000 models of 3 to 60 segments (about 40 to
// 850 elements), each generated, parsed and linted (recommended, then Seam's rules) one after another.
const next = random(42);
const corpusSegments = Array.from({ length: CORPUS }, () => 3 + Math.floor(next() * 58));
const corpusStarted = performance.now();
let corpusParseMs = 0;
let corpusRecommendedMs = 0;
let corpusSeamMs = 0;
let corpusElements = 0;
for (const [i, segments] of corpusSegments.entries()) {
  const model = await parse(setup, `corpus_${i}`, segments);
  corpusParseMs += model.parseMs;
  corpusElements += model.elements;
  const linter = createLinter(setup.resolver);
  let started = performance.now();
  await linter.lint(model.definitions, { rules: only(model, (n) => !isSeam(n)) });
  corpusRecommendedMs += performance.now() - started;
  started = performance.now();
  await createLinter(setup.resolver).lint(model.definitions, { rules: only(model, isSeam) });
  corpusSeamMs += performance.now() - started;
}
const corpusWallMs = performance.now() - corpusStarted;
const corpusLintMs = corpusParseMs + corpusRecommendedMs + corpusSeamMs;
process.stderr.write(`corpus done in ${fmt(corpusWallMs / 1000, 1)} s\n`);

// Models by size, parse time of each (median of 3 parses).
const models: Model[] = [];
const parseMs: number[] = [];
for (const size of SIZES) {
  const parses: Model[] = [];
  for (let i = 0; i < 3; i++) parses.push(await parse(setup, `bench_${size}`, segmentsFor(size)));
  models.push(parses[parses.length - 1]!);
  parseMs.push(median(parses.map((p) => p.parseMs)));
}

// Every rule alone, at every size until it exceeds the budget.
const perRule: Record<string, Array<number | null>> = {};
for (const name of ruleNames) {
  const times: Array<number | null> = [];
  let over = false;
  for (const model of models) {
    if (over) {
      times.push(null);
      continue;
    }
    const ms = await timeRules(
      setup,
      model,
      only(model, (n) => n === name),
    );
    times.push(ms);
    over = ms > RULE_BUDGET_MS;
  }
  perRule[name] = times;
  process.stderr.write(`${name}: ${times.map((t) => (t === null ? '-' : fmt(t, 1))).join(' ')}\n`);
}
const growth = (times: Array<number | null>) => (times[1] != null && times[3] != null ? times[3] / times[1] : null);

// Seam's rules together on top of bpmnlint:recommended, at 5k and 20k.
const together = [];
for (const index of [1, 3]) {
  const model = models[index]!;
  const recommended = await timeRules(
    setup,
    model,
    only(model, (n) => !isSeam(n)),
  );
  const withSeam = await timeRules(setup, model, allRules(model));
  const seamOnly = await timeRules(setup, model, only(model, isSeam));
  together.push({
    elements: model.elements,
    recommendedMs: recommended,
    withSeamMs: withSeam,
    seamOnlyMs: seamOnly,
    addedPct: ((withSeam - recommended) / recommended) * 100,
  });
}

const out = (line = '') => process.stdout.write(line + '\n');
out(
  `seam lint benchmark (Node ${process.version}; rule times are the least CPU ms of 5 runs after a GC and warm-up; machine shared, figures taken under load)`,
);
out();
out(`parse (bpmn-moddle fromXML): ${SIZES.map((size, i) => `${models[i]!.elements} elements ${fmt(parseMs[i]!, 0)} ms`).join(', ')}`);
out();
out(`| rule | ${models.map((m) => `${m.elements} el.`).join(' | ')} | growth 5k→20k | linear (≤ 4.5×) |`);
out(`| --- | ${models.map(() => '---:').join(' | ')} | ---: | --- |`);
for (const [name, times] of Object.entries(perRule).sort(([a], [b]) => Number(isSeam(b)) - Number(isSeam(a)) || a.localeCompare(b))) {
  const g = growth(times);
  const verdict = g === null ? `over ${RULE_BUDGET_MS} ms budget` : g <= 4.5 ? 'yes' : 'NO';
  out(
    `| ${name} | ${times.map((t) => (t === null ? '—' : `${fmt(t, 2)} ms`)).join(' | ')} | ${g === null ? '—' : `${fmt(g, 2)}×`} | ${isSeam(name) ? verdict : `(${verdict})`} |`,
  );
}
out();
out('| model | bpmnlint:recommended | + plugin:seam/recommended | Seam alone | added by Seam (≤ 25%) |');
out('| --- | ---: | ---: | ---: | ---: |');
for (const t of together) {
  out(`| ${t.elements} elements | ${fmt(t.recommendedMs, 1)} ms | ${fmt(t.withSeamMs, 1)} ms | ${fmt(t.seamOnlyMs, 1)} ms | ${fmt(t.addedPct, 0)}% |`);
}
out();
out(
  `corpus: ${CORPUS} models, ${corpusElements} elements (${Math.round(corpusElements / CORPUS)} on average) in ${fmt(corpusWallMs / 1000, 2)} s: ` +
    `${fmt((CORPUS / corpusWallMs) * 1000, 0)} models/s, ${fmt((corpusElements / corpusWallMs) * 1000, 0)} elements/s ` +
    `(parse ${fmt(corpusParseMs, 0)} ms, bpmnlint:recommended ${fmt(corpusRecommendedMs, 0)} ms, Seam's rules ${fmt(corpusSeamMs, 0)} ms: +${fmt((corpusSeamMs / corpusRecommendedMs) * 100, 0)}%)`,
);
out();
const seamGrowth = Object.fromEntries(ruleNames.filter(isSeam).map((name) => [name, growth(perRule[name]!)]));
out(
  JSON.stringify({
    bench: 'lint',
    node: process.version,
    sizes: models.map((m) => m.elements),
    parseMs,
    perRuleMs: perRule,
    seamGrowth,
    seamAllLinear: Object.values(seamGrowth).every((g) => g !== null && g <= 4.5),
    together,
    corpus: {
      models: CORPUS,
      elements: corpusElements,
      wallMs: corpusWallMs,
      modelsPerSecond: (CORPUS / corpusWallMs) * 1000,
      elementsPerSecond: (corpusElements / corpusWallMs) * 1000,
      parseMs: corpusParseMs,
      recommendedMs: corpusRecommendedMs,
      seamMs: corpusSeamMs,
      seamAddedPct: (corpusSeamMs / corpusRecommendedMs) * 100,
      lintMs: corpusLintMs,
    },
  }),
);

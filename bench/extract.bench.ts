// Extraction latency against a native tree-sitter parse of the same file, in the same run.
// Run: npm run bench:extract   (writes bench/results/extract.json)
import { parse as nativeParse, Lang, registerDynamicLanguage } from '@ast-grep/napi';
import nativePython from '@ast-grep/lang-python';
import { Bench } from 'tinybench';
import { nodeParsers } from '../src/cli/wasm-node.js';
import type { Language } from '../src/constraints/schema.js';
import { extractResolved } from '../src/extract/extract.js';
import { pythonInput, typescriptInput, type BenchInput } from './lib/inputs.js';
import { summarise, taskSamples, writeReport, type LatencySummary } from './lib/report.js';

registerDynamicLanguage({ python: nativePython });

interface Case {
  language: Language;
  target: number;
  input: BenchInput;
}

const CASES: Case[] = [
  ...[50, 500, 1000, 2000].map((target) => ({ language: 'typescript' as const, target, input: typescriptInput(target) })),
  ...[50, 500, 2000].map((target) => ({ language: 'python' as const, target, input: pythonInput(target) })),
];

const parsers = await nodeParsers();

function nativeParseOf(language: Language, content: string): void {
  const root = language === 'python' ? nativeParse('python', content) : nativeParse(Lang.TypeScript, content);
  if (!root.root()) throw new Error('native parse failed');
}

interface Measured {
  file: string;
  lines: number;
  extract: LatencySummary;
  wasm_parse: LatencySummary;
  native_parse: LatencySummary;
  ratio_extract_to_native_p50: number;
}

async function measure(testCase: Case): Promise<Measured> {
  const { language, input } = testCase;
  const file = { path: input.path, language, content: input.content };
  const bench = new Bench({ time: 1500, warmup: true, warmupTime: 300, retainSamples: true });
  bench
    .add('extract', () => { extractResolved(parsers, [file]); })
    .add('wasm-parse', () => { parsers.parse(language, input.content).delete(); })
    .add('native-parse', () => { nativeParseOf(language, input.content); });
  await bench.run();
  const [extract, wasmParse, native] = bench.tasks.map((task) => summarise(taskSamples(task)));
  return { file: input.path, lines: input.lines, extract: extract!, wasm_parse: wasmParse!, native_parse: native!, ratio_extract_to_native_p50: Math.round((extract!.p50 / native!.p50) * 100) / 100 };
}

const results = [];
for (const testCase of CASES) {
  const result = await measure(testCase);
  results.push({ language: testCase.language, target_lines: testCase.target, ...result });
  const { extract, native_parse } = result;
  console.log(
    `${testCase.language.padEnd(10)} ${String(result.lines).padStart(5)} lines  extract p50 ${extract.p50.toFixed(2)} p95 ${extract.p95.toFixed(2)} p99 ${extract.p99.toFixed(2)} ms` +
      `  native parse p50 ${native_parse.p50.toFixed(2)} ms  ratio ${result.ratio_extract_to_native_p50}x  (${result.file})`,
  );
}
const thousand = results.find((row) => row.language === 'typescript' && row.target_lines === 1000)!;
const targets = {
  ts_1000_lines_p95_under_50ms: thousand.extract.p95 < 50,
  extract_within_2x_native_parse: results.every((row) => row.ratio_extract_to_native_p50 <= 2),
};
console.log('targets', targets);
console.log('report', await writeReport('extract', { results, targets }));

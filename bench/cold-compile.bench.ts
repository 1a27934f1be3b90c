// A cold compile: the first compileConstraints of a fresh process (no automaton, lexicon or IR
// cached), all three grammar dialects, for one function target per language; then the same
// constraints again in that process (warm: the automata are cached, the IR is not). Each target
// runs in a child process of its own so nothing is shared. Extraction is outside the timing.
//   npm run bench:cold   (writes bench/results/cold-compile.json)
// Target (issue 7): a cold function compile under 200 ms, a warm one under 2 ms.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileConstraints } from '../src/compile/compile.js';
import { extractFixtures } from '../test/helpers/extract.js';
import { writeReport } from './lib/report.js';

const TARGETS = [
  ['typescript/users-handler.ts', 'parsePage'],
  ['python/orders_api.py', 'load_order'],
  ['go/handlers.go', 'parseID'],
  ['rust/models.rs', 'verify_signature'],
  ['java/OrderService.java', 'placeOrder'],
] as const;
const COLD_TARGET_MS = 200;
const WARM_TARGET_MS = 2;

interface Measured {
  fixture: string;
  target: string;
  cold_ms: number;
  warm_ms: number;
  rules: number;
}

/** In the child: one cold compile, then warm ones of equal constraints (a copy, so no IR memo is hit). */
async function measureHere(fixture: string, target: string): Promise<Measured> {
  const set = await extractFixtures([fixture]);
  const started = performance.now();
  const ir = compileConstraints({ set, shape: 'function', target });
  const cold = performance.now() - started;
  const warm: number[] = [];
  for (let round = 0; round < 20; round++) {
    const copy = { ...set, constraints: [...set.constraints] };
    const again = performance.now();
    compileConstraints({ set: copy, shape: 'function', target });
    warm.push(performance.now() - again);
  }
  warm.sort((a, b) => a - b);
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  return { fixture, target, cold_ms: round3(cold), warm_ms: round3(warm[Math.floor(warm.length / 2)]!), rules: ir.grammar.gbnf!.split('\n').length - 1 };
}

function measureInChild(fixture: string, target: string): Measured {
  const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', fixture, target], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1)!) as Measured;
}

async function main(): Promise<void> {
  const [flag, fixture, target] = process.argv.slice(2);
  if (flag === '--child') {
    process.stdout.write(`${JSON.stringify(await measureHere(fixture!, target!))}\n`);
    return;
  }
  const rows = TARGETS.map(([file, name]) => measureInChild(file, name));
  for (const row of rows) {
    console.log(`${row.fixture}#${row.target}: cold ${row.cold_ms.toFixed(0)} ms (target < ${COLD_TARGET_MS}: ${row.cold_ms < COLD_TARGET_MS ? 'met' : 'NOT met'}), warm p50 ${row.warm_ms.toFixed(2)} ms (target < ${WARM_TARGET_MS}: ${row.warm_ms < WARM_TARGET_MS ? 'met' : 'NOT met'}), ${row.rules} rules`);
  }
  const path = await writeReport('cold-compile', { note: 'wall time of compileConstraints, function shape, all three dialects; cold = first in a fresh process', targets: { cold_ms: COLD_TARGET_MS, warm_ms: WARM_TARGET_MS }, rows });
  console.log(`report ${path}`);
}

await main();

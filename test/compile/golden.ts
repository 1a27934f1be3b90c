/**
 * The golden-output cases: constraints extracted from fixtures, compiled in every grammar dialect,
 * recorded as the IR id and a sha256 and byte count per emitted artifact in golden-output.json.
 * Shared by test/compile/golden-output.test.ts (which compares) and scripts/gen-compile-golden.ts
 * (which rewrites the file: `npm run golden:gen`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILER_VERSION, compileConstraints, type CompileInput } from '../../src/compile/compile.js';
import type { CompiledIR, Shape } from '../../src/constraints/compile-api.js';
import { extractFixtures, readFixture } from '../helpers/extract.js';

export const GOLDEN_FILE = join(import.meta.dirname, 'golden-output.json');
export const GOLDEN_COMMAND = 'npm run golden:gen';

interface GoldenCase {
  name: string;
  fixture: string;
  shape: Shape;
  target?: string;
  /** Hole shape: the fixture's lines before and after the hole (1-based, inclusive), the hole being the lines between. */
  hole?: { before: [number, number]; after: [number, number] };
}

/** Every shape, four languages, all three grammar dialects (and JSON Schema and regex for the json shape). */
export const GOLDEN_CASES: readonly GoldenCase[] = [
  { name: 'typescript function parsePage', fixture: 'typescript/users-handler.ts', shape: 'function', target: 'parsePage' },
  { name: 'python function load_order', fixture: 'python/orders_api.py', shape: 'function', target: 'load_order' },
  { name: 'go function Handler.GetOrder', fixture: 'go/handlers.go', shape: 'function', target: 'Handler.GetOrder' },
  { name: 'rust module jobs.rs', fixture: 'rust/jobs.rs', shape: 'module' },
  { name: 'python hole in _notify_warehouse', fixture: 'python/orders_api.py', shape: 'hole', target: 'python/orders_api.py:93', hole: { before: [1, 92], after: [94, 200] } },
  { name: 'typescript json Address', fixture: 'typescript/user-schema.ts', shape: 'json', target: 'Address' },
];

export interface GoldenArtifact {
  sha256: string;
  bytes: number;
}

export interface GoldenEntry {
  name: string;
  ir_id: string;
  /** Every emitted artifact: grammar dialects by name, json_schema and regex where present, and the whole IR as JSON. */
  outputs: Record<string, GoldenArtifact>;
}

export interface Golden {
  compiler_version: string;
  cases: GoldenEntry[];
}

function lines(text: string, [from, to]: [number, number]): string {
  return text.split('\n').slice(from - 1, to).join('\n');
}

function digest(text: string): GoldenArtifact {
  return { sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) };
}

/** What the compiler emits for a case, reduced to digests (the grammars alone are hundreds of KB). */
function outputsOf(ir: CompiledIR): Record<string, GoldenArtifact> {
  const artifacts: [string, string | undefined][] = [
    ...Object.entries(ir.grammar).sort(([a], [b]) => (a < b ? -1 : 1)),
    ['json_schema', ir.json_schema === undefined ? undefined : JSON.stringify(ir.json_schema)],
    ['json_schema_openai', ir.json_schema_openai === undefined ? undefined : JSON.stringify(ir.json_schema_openai)],
    ['regex', ir.regex],
    // Everything else a cache hands out under the id: prompt rules, validators, warnings, constraints.
    ['ir', JSON.stringify(ir)],
  ];
  return Object.fromEntries(artifacts.filter((entry): entry is [string, string] => entry[1] !== undefined).map(([name, text]) => [name, digest(text)]));
}

/** Compiles every case now, with the running compiler. */
export async function currentGolden(): Promise<Golden> {
  const cases: GoldenEntry[] = [];
  for (const spec of GOLDEN_CASES) {
    const set = await extractFixtures([spec.fixture]);
    const source = readFixture(spec.fixture);
    const input: CompileInput = {
      set,
      shape: spec.shape,
      ...(spec.target ? { target: spec.target } : {}),
      ...(spec.hole ? { prefix: `${lines(source, spec.hole.before)}\n`, suffix: `\n${lines(source, spec.hole.after)}` } : {}),
    };
    const ir = compileConstraints(input);
    cases.push({ name: spec.name, ir_id: ir.id, outputs: outputsOf(ir) });
  }
  return { compiler_version: COMPILER_VERSION, cases };
}

export function readGolden(): Golden | undefined {
  try {
    return JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Golden;
  } catch {
    return undefined;
  }
}

export function renderGolden(golden: Golden): string {
  return `${JSON.stringify(golden, null, 2)}\n`;
}

/**
 * Cases whose IR id is the recorded one but whose output is not: a cache keyed by that id would
 * serve the old output. The id hashes the compiler version, the constraints and the options, so
 * this means something that shapes the output is missing from the compiler-version hash.
 */
export function sameIdDifferentOutput(recorded: Golden, current: Golden): string[] {
  return current.cases.flatMap((entry) => {
    const before = recorded.cases.find((old) => old.name === entry.name);
    if (!before || before.ir_id !== entry.ir_id) return [];
    const changed = [...new Set([...Object.keys(before.outputs), ...Object.keys(entry.outputs)])].filter((name) => before.outputs[name]?.sha256 !== entry.outputs[name]?.sha256);
    return changed.length ? [`${entry.name} (${entry.ir_id}): ${changed.join(', ')} changed`] : [];
  });
}

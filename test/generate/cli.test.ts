/** `ananke validate` and `ananke generate`, run as a user runs them (bin/ananke.mjs in a child process). */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenerateResponse } from '../../src/constraints/generate-api.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { pythonFunctionSet, typescriptFunctionSet } from '../helpers/constraint-sets.js';
import { ananke as runCli } from '../helpers/cli.js';


/** The environment without any inference settings, so only what a test passes is configured. */
function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('INFERENCE_') && !name.startsWith('MODAL_')));
  return { ...environment, ...extra };
}

function ananke(args: string[], environment: NodeJS.ProcessEnv = cleanEnvironment()) {
  return runCli(args, { cwd: directory, env: environment });
}

let directory: string;
let engine: ReferenceEngine;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ananke-generate-'));
  engine = await startReferenceEngine({ port: 0 });
  await writeFile(join(directory, 'python.json'), JSON.stringify(pythonFunctionSet()));
  await writeFile(join(directory, 'typescript.json'), JSON.stringify(typescriptFunctionSet()));
  await writeFile(join(directory, 'good.py'), 'def total_price(prices: list[float]) -> float:\n    return sum(prices)\n');
  await writeFile(join(directory, 'bad.py'), 'def total_price(prices: list[float]) -> float:\n    return eval("sum(prices)")\n');
  await writeFile(join(directory, 'not-a-set.json'), JSON.stringify({ constraints: 'none' }));
});

afterAll(async () => {
  await engine.close();
  await rm(directory, { recursive: true, force: true });
});

describe('ananke validate', () => {
  it('exits 0 and prints a report where every constraint holds', async () => {
    const result = await ananke(['validate', 'good.py', '--constraints', 'python.json', '--shape', 'function']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ all_satisfied: true, violated: [] });
    expect(report.satisfied).toHaveLength(6);
    expect(result.stderr).toBe('good.py: 6 satisfied, 0 violated, 0 not checked\n');
  });

  it('exits 3 and names the violation when a constraint is broken', async () => {
    const result = await ananke(['validate', 'bad.py', '--constraints', 'python.json', '--shape', 'function']);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout);
    expect(report.violated).toEqual([expect.objectContaining({ constraint_id: pythonFunctionSet().constraints[1]!.id, check: 'forbid', location: { line: 2, column: 12 } })]);
    expect(result.stderr).toContain(`forbid ${pythonFunctionSet().constraints[1]!.id} at 2:12`);
  });

  it('exits 1 with the error when the constraints cannot be read', async () => {
    const missing = await ananke(['validate', 'good.py', '--constraints', 'nowhere.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('error [not_found]: cannot read the constraints file nowhere.json');
    const invalid = await ananke(['validate', 'good.py', '--constraints', 'not-a-set.json']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('error [unprocessable]: not-a-set.json is not a constraint set');
  });
});

describe('ananke generate', () => {
  it('generates through a local engine given by --engine-url, code on stdout and the report on stderr', async () => {
    const result = await ananke(['generate', 'sum the prices', '--constraints', 'typescript.json', '--engine-url', engine.url, '--seed', '4', '--attempts', '1']);
    expect([0, 3], result.stderr).toContain(result.code);
    expect(result.stdout.startsWith('export function sumPrices(prices: number[]): number')).toBe(true);
    expect(result.stderr).toMatch(/^ir_[0-9a-f]{16} via vllm \(default\), attempt 1 of 1: \d+ satisfied, \d+ violated, 0 not checked\n/);
    expect(engine.requests.at(-1)!.constraint).toEqual({ kind: 'grammar', source: 'structured_outputs.grammar' });
  });

  it('prints the whole response with --json to a file, through llama.cpp, with an exit code that matches the report', async () => {
    const result = await ananke(['generate', 'total of the prices', '--constraints', 'python.json', '--engine-url', engine.url, '--provider', 'llama-cpp', '--seed', '9', '--json', '-o', 'out.json']);
    const response = GenerateResponse.parse(JSON.parse(await readFile(join(directory, 'out.json'), 'utf8')));
    expect(result.code).toBe(response.validation.all_satisfied ? 0 : 3);
    expect(response.provider).toBe('llama-cpp');
    expect(response.code.startsWith('def total_price(prices: list[float]) -> float:')).toBe(true);
    expect(engine.requests.at(-1)!.constraint).toEqual({ kind: 'grammar', source: 'grammar' });
  });

  it('reads the engine from the environment, as the Worker reads its vars', async () => {
    const result = await ananke(['generate', 'sum', '--constraints', 'typescript.json', '--seed', '4', '--attempts', '1'], cleanEnvironment({ INFERENCE_PROVIDER: 'sglang', INFERENCE_BASE_URL: engine.url, INFERENCE_MODEL: 'reference-engine' }));
    expect([0, 3], result.stderr).toContain(result.code);
    expect(result.stderr).toContain('via sglang (reference-engine)');
    expect(engine.requests.at(-1)!.constraint).toEqual({ kind: 'grammar', source: 'ebnf' });
  });

  it('exits 1 naming the environment variable to set when no engine is configured', async () => {
    const result = await ananke(['generate', 'sum', '--constraints', 'typescript.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error [unavailable]: No inference provider is configured: INFERENCE_PROVIDER is not set.');
    expect(result.stderr).toContain('hint: set the environment variable INFERENCE_PROVIDER');
  });

  it('exits 1 with the envelope when the engine cannot be reached', async () => {
    const result = await ananke(['generate', 'sum', '--constraints', 'typescript.json', '--engine-url', 'http://127.0.0.1:9'], cleanEnvironment({ INFERENCE_RETRIES: '0' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error [unavailable]: The inference engine failed after retries');
  });
});

/**
 * compile -> generate -> validate through the reference engine, which enforces the constraint it
 * is sent with XGrammar: over 100 seeds per set and dialect, every output keeps every check the
 * IR marks decode-time, the report says so, and no attempt is taken for an engine failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledIR } from '../../src/constraints/compile-api.js';
import { GenerateResponse } from '../../src/constraints/generate-api.js';
import type { ConstraintSet } from '../../src/constraints/schema.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { pythonFunctionSet, typescriptFunctionSet } from '../helpers/constraint-sets.js';
import { engineEnv, generateApp, orderJsonSet, post } from './harness.js';

const SEEDS = Array.from({ length: 100 }, (_, index) => index + 1);

let engine: ReferenceEngine;

beforeAll(async () => {
  engine = await startReferenceEngine({ port: 0 });
});

afterAll(async () => {
  await engine.close();
});

interface Case {
  name: string;
  set: () => ConstraintSet;
  shape: 'function' | 'json';
  /** What the engine must have received, per provider. */
  field: Record<'vllm' | 'llama-cpp', string>;
  /** Decode-time checks the IR must carry (ids are content hashes, so the count is what is fixed). */
  /** Signature, banned identifiers and naming; a banned substring is the validator's inside strings, so not counted. */
  decodeTimeChecks: number;
}

const CASES: Case[] = [
  { name: 'TypeScript function', set: typescriptFunctionSet, shape: 'function', field: { vllm: 'structured_outputs.grammar', 'llama-cpp': 'grammar' }, decodeTimeChecks: 4 },
  { name: 'Python function', set: pythonFunctionSet, shape: 'function', field: { vllm: 'structured_outputs.grammar', 'llama-cpp': 'grammar' }, decodeTimeChecks: 3 },
  { name: 'JSON order', set: orderJsonSet, shape: 'json', field: { vllm: 'structured_outputs.json', 'llama-cpp': 'json_schema' }, decodeTimeChecks: 1 },
];

describe.each(['vllm', 'llama-cpp'] as const)('generate through %s against the reference engine (100 seeds per set)', (provider) => {
  it.each(CASES)('$name: every output keeps every decode-time check, and the report says so', async (testCase) => {
    const { app, cache } = generateApp();
    const env = engineEnv(engine.url, provider);
    const firstRequest = engine.requests.length;
    let ir: CompiledIR | undefined;
    let attempts = 0;
    for (const seed of SEEDS) {
      const answer = await post(app, env, { intent: 'write it', constraints: testCase.set(), shape: testCase.shape, seed, temperature: 1 });
      expect(answer.status).toBe(200);
      const response = GenerateResponse.parse(answer.body);
      ir ??= CompiledIR.parse(JSON.parse((await cache.get(`ir:${response.provenance.ir_id}`))!));
      const decodeTime = ir.validators.filter((validator) => validator.enforced_at_decode).map((validator) => validator.constraint_id);
      expect(decodeTime).toHaveLength(testCase.decodeTimeChecks);
      expect(response.engine_failure, `seed ${seed}: ${response.code}`).toBeUndefined();
      expect(response.validation.violated.filter((violation) => decodeTime.includes(violation.constraint_id)), `seed ${seed}: ${response.code}`).toEqual([]);
      const satisfied = new Set(response.validation.satisfied.map((entry) => entry.constraint_id));
      expect(decodeTime.filter((id) => !satisfied.has(id)), `seed ${seed}: ${response.code}`).toEqual([]);
      for (const attempt of response.attempts) {
        expect(attempt.engine_failure).toBeUndefined();
        expect(attempt.validation!.violations.filter((violation) => decodeTime.includes(violation.constraint_id))).toEqual([]);
      }
      expect(response.provider).toBe(provider);
      if (testCase.shape === 'function') expect(response.attempts[response.chosen_attempt - 1]!.code).toBe(response.code);
      else expect(JSON.parse(response.code)).toBeTypeOf('object');
      attempts += response.attempts.length;
    }
    const received = engine.requests.slice(firstRequest);
    expect(received).toHaveLength(attempts);
    expect(new Set(received.map((request) => request.constraint?.source))).toEqual(new Set([testCase.field[provider]]));
    expect(received.every((request) => request.status === 200 && request.ignoredFields.length === 0)).toBe(true);
  });
});

describe('what the outputs look like', () => {
  it('a TypeScript function always begins with its header, a JSON order always parses into the schema', async () => {
    const { app } = generateApp();
    const env = engineEnv(engine.url, 'vllm');
    const typescript = await post(app, env, { intent: 'sum the prices', constraints: typescriptFunctionSet(), seed: 7 });
    expect(typescript.body.code.startsWith('export function sumPrices(prices: number[]): number')).toBe(true);
    const order = await post(app, env, { intent: 'an open order', constraints: orderJsonSet(), shape: 'json', seed: 7 });
    const value = JSON.parse(order.body.code);
    expect(Object.keys(value).sort()).toEqual(expect.arrayContaining(['id', 'quantity', 'status']));
    expect(['open', 'paid', 'shipped']).toContain(value.status);
    expect(order.body.validation.all_satisfied).toBe(true);
  });
});

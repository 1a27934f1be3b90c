/** The generate service's routes: request checks, provider choice, the three ways to give constraints, holes, /v1/validate. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeParsers } from '../../src/cli/wasm-node.js';
import { compileConstraints } from '../../src/compile/compile.js';
import { createCompileApp } from '../../src/compile/routes.js';
import { GenerateResponse } from '../../src/constraints/generate-api.js';
import { makeConstraint } from '../../src/constraints/ids.js';
import { assessOutput } from '../../src/generate/assess.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { constraintSet, forbid, pythonFunctionSet, typescriptFunctionSet } from '../helpers/constraint-sets.js';
import { extractFixtures, FIXTURES, readFixture } from '../helpers/extract.js';
import { engineEnv, generateApp, post } from './harness.js';

let engine: ReferenceEngine;

beforeAll(async () => {
  engine = await startReferenceEngine({ port: 0 });
});

afterAll(async () => {
  await engine.close();
});

const basic = { intent: 'sum the prices', constraints: typescriptFunctionSet(), seed: 1, max_attempts: 1 };

describe('request checks', () => {
  it('answers /health with the configured provider names, never their URLs', async () => {
    const { app } = generateApp();
    const env = engineEnv(engine.url, 'vllm', { INFERENCE_PROVIDERS: JSON.stringify({ 'local-llama': { INFERENCE_PROVIDER: 'llama-cpp', INFERENCE_BASE_URL: engine.url } }) });
    const response = await app.request('/health', {}, env);
    const health = await response.json();
    expect(health).toMatchObject({ status: 'ok', service: 'generate', cache: 'memory', providers: ['vllm', 'local-llama'], limits: { maxAttempts: 5, defaultMaxTokens: 512 } });
    expect(JSON.stringify(health)).not.toContain(engine.url);
  });

  it('wants exactly one of constraints, ir_id or context', async () => {
    const { app } = generateApp();
    const answer = await post(app, engineEnv(engine.url), { ...basic, ir_id: 'ir_0123456789abcdef' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', message: '(body): give exactly one of `constraints`, `ir_id` or `context`' });
  });

  it('refuses a URL as the provider: providers are chosen by configured name only', async () => {
    const { app } = generateApp();
    const answer = await post(app, engineEnv(engine.url), { ...basic, provider: 'http://evil.example/v1' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.path).toBe('provider');
    expect(engine.requests.some((request) => request.path.includes('evil'))).toBe(false);
  });

  it('refuses a provider name that is not configured, listing those that are', async () => {
    const { app } = generateApp();
    const answer = await post(app, engineEnv(engine.url), { ...basic, provider: 'sglang' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', message: 'provider "sglang" is not configured on this Worker', details: { configured: ['vllm'] } });
  });

  it('says which setting to add when no provider is configured (503)', async () => {
    const { app } = generateApp();
    const answer = await post(app, {}, basic);
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatchObject({ code: 'unavailable', details: { reason: 'provider_not_configured', setting: 'INFERENCE_PROVIDER' } });
  });

  it('refuses an API key written into INFERENCE_PROVIDERS, naming the secret to use instead', async () => {
    const { app } = generateApp();
    const env = engineEnv(engine.url, 'vllm', { INFERENCE_PROVIDERS: JSON.stringify({ 'gpu-b': { INFERENCE_PROVIDER: 'vllm', INFERENCE_BASE_URL: engine.url, INFERENCE_API_KEY: 'sk-123' } }) });
    const answer = await post(app, env, { ...basic, provider: 'gpu-b' });
    expect(answer.status).toBe(503);
    expect(answer.body.error.hint).toContain('wrangler secret put GPU_B_API_KEY');
    expect(JSON.stringify(answer.body)).not.toContain('sk-123');
  });
});

describe('providers by name', () => {
  it('sends a request to a named provider with its own dialect (llama.cpp: GBNF in `grammar`)', async () => {
    const { app } = generateApp();
    const env = engineEnv(engine.url, 'vllm', { INFERENCE_PROVIDERS: JSON.stringify({ 'local-llama': { INFERENCE_PROVIDER: 'llama-cpp', INFERENCE_BASE_URL: engine.url } }) });
    const answer = await post(app, env, { ...basic, provider: 'local-llama' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ provider: 'local-llama', model: 'default' });
    expect(engine.requests.at(-1)!.constraint).toEqual({ kind: 'grammar', source: 'grammar' });
    const byDefault = await post(app, env, basic);
    expect(byDefault.body.provider).toBe('vllm');
    expect(engine.requests.at(-1)!.constraint).toEqual({ kind: 'grammar', source: 'structured_outputs.grammar' });
  });
});

describe('where the constraints come from', () => {
  it('inline constraints are compiled once: the second request finds the IR in the cache', async () => {
    const { app } = generateApp();
    const first = GenerateResponse.parse((await post(app, engineEnv(engine.url), basic)).body);
    const second = GenerateResponse.parse((await post(app, engineEnv(engine.url), basic)).body);
    expect(first.provenance).toMatchObject({ source: 'constraints', cache: 'miss', shape: 'function', language: 'typescript', target: typescriptFunctionSet().constraints[0]!.id });
    expect(first.provenance.constraint_set_id).toMatch(/^s_[0-9a-f]{16}$/);
    expect(second.provenance).toEqual({ ...first.provenance, cache: 'hit' });
    expect(second.code).toBe(first.code);
  });

  it('an IR compiled by the compile service is used by id; a missing id is a 404', async () => {
    const { app, cache } = generateApp();
    const compileApp = createCompileApp(() => cache);
    const compiled = await compileApp.request('/v1/compile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ constraints: pythonFunctionSet(), shape: 'function' }) });
    const { id } = (await compiled.json()) as { id: string };
    const answer = await post(app, engineEnv(engine.url), { intent: 'total', ir_id: id, seed: 2, max_attempts: 1 });
    expect(answer.status).toBe(200);
    expect(answer.body.provenance).toMatchObject({ ir_id: id, source: 'ir_id', cache: 'hit', shape: 'function', language: 'python' });
    expect(answer.body.code.startsWith('def total_price(prices: list[float]) -> float:')).toBe(true);
    expect(engine.requests.at(-1)!.constraint).toEqual({ kind: 'grammar', source: 'structured_outputs.grammar' });
    const missing = await post(app, engineEnv(engine.url), { intent: 'total', ir_id: 'ir_0123456789abcdef' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.hint).toContain('POST /v1/compile');
    const wrongShape = await post(app, engineEnv(engine.url), { intent: 'total', ir_id: id, shape: 'module' });
    expect(wrongShape.status).toBe(422);
    expect(wrongShape.body.error.message).toBe(`${id} was compiled for the function shape, not module`);
  });

  it('context files are extracted and compiled once, then found by their content', async () => {
    const { app } = generateApp();
    const files = [{ path: 'src/config-loader.ts', content: readFileSync(join(FIXTURES, 'typescript/config-loader.ts'), 'utf8') }];
    const request = { intent: 'load the config', context: { files }, target: 'loadConfig', seed: 1, max_attempts: 1 };
    const first = GenerateResponse.parse((await post(app, engineEnv(engine.url), request)).body);
    const second = GenerateResponse.parse((await post(app, engineEnv(engine.url), request)).body);
    expect(first.provenance).toMatchObject({ source: 'context', cache: 'miss', shape: 'function', language: 'typescript' });
    expect(first.timings.extract_ms).toBeGreaterThan(0);
    expect(first.timings.compile_ms).toBeGreaterThan(0);
    expect(second.provenance).toEqual({ ...first.provenance, cache: 'hit' });
    expect(second.timings.compile_ms).toBe(0);
    expect(first.code.startsWith('export async function loadConfig(file: string): Promise<ServerConfig>')).toBe(true);
    expect(second.code).toBe(first.code);
  });
});

describe('the hole shape', () => {
  const prefix = 'export function total(values: number[]): number {\n  ';
  const suffix = '\n}\n';
  const hole = makeConstraint('hole', { marker: 'todo_comment', file: 'src/total.ts', range: { start: { line: 2, column: 3 }, end: { line: 2, column: 10 } }, text: '// TODO' }, {
    kind: 'semantic', severity: 'info', priority: 50, confidence: 1, description: 'fill the TODO', provenance: { source: 'user' },
  });
  const set = constraintSet('typescript', [hole, forbid('typescript', 'eval', 'call', ['eval'])]);

  it('needs prefix and suffix', async () => {
    const { app } = generateApp();
    const answer = await post(app, engineEnv(engine.url), { intent: 'sum', constraints: set, shape: 'hole', prefix });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toBe('the hole shape needs the code before and after the hole');
  });

  it('`code` is the fill and `document` the whole text; an engine cut off at max_tokens is a truncation, not an engine failure', async () => {
    const { app } = generateApp();
    const answer = await post(app, engineEnv(engine.url), { intent: 'sum', constraints: set, shape: 'hole', prefix, suffix, seed: 2, max_tokens: 64, max_attempts: 1 });
    expect(answer.status).toBe(200);
    const response = GenerateResponse.parse(answer.body);
    expect(response.attempts[0]!.finish_reason).toBe('length');
    expect(response.code).toBe(response.attempts[0]!.code);
    expect(response.document).toBe(`${prefix}${response.code}${suffix}`);
    expect(response.engine_failure).toBeUndefined();
    expect(response.warnings).toContainEqual(expect.objectContaining({ source: 'generate', code: 'truncated' }));
  });

  it('a constrained engine finishes holes, and every finished fill keeps the banned call out', async () => {
    const { app } = generateApp();
    let finished = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const answer = await post(app, engineEnv(engine.url), { intent: 'sum', constraints: set, shape: 'hole', prefix, suffix, seed, max_tokens: 300, temperature: 1, max_attempts: 1 });
      const response = GenerateResponse.parse(answer.body);
      if (response.attempts[0]!.finish_reason !== 'stop') continue;
      finished += 1;
      expect(response.engine_failure).toBeUndefined();
      expect(response.code).not.toMatch(/(?<![\w$.])eval\s*\(/);
      expect(response.document).toBe(`${prefix}${response.code}${suffix}`);
    }
    expect(finished).toBeGreaterThanOrEqual(5);
  });

  it('the output is the fill, validated inside prefix and suffix; an engine that repeats them has them stripped', async () => {
    const ir = compileConstraints({ set, shape: 'hole', prefix, suffix, dialects: ['ebnf'] });
    const parsers = await nodeParsers();
    const common = { finishReason: 'stop' as const, ir, shape: 'hole' as const, language: 'typescript' as const, prefix, suffix, parsers };
    const filled = assessOutput({ ...common, text: 'return values.length;', sent: { kind: 'grammar', dialect: 'ebnf' } });
    expect(filled).toMatchObject({ code: 'return values.length;', document: `${prefix}return values.length;${suffix}`, truncated: false });
    expect(filled.engineFailure).toBeUndefined();
    expect(filled.report.all_satisfied).toBe(true);
    const repeated = assessOutput({ ...common, text: `${prefix}return values.length;${suffix}`, sent: undefined });
    expect(repeated).toMatchObject({ code: 'return values.length;', document: `${prefix}return values.length;${suffix}` });
    const banned = assessOutput({ ...common, text: 'return eval("values.length");', sent: { kind: 'grammar', dialect: 'ebnf' } });
    expect(banned.engineFailure).toMatchObject({ kind: 'constraint_ignored', sent: 'grammar', dialect: 'ebnf' });
    expect(banned.report.all_satisfied).toBe(false);
  });
});

describe('POST /v1/validate', () => {
  it('reports what holds and what does not', async () => {
    const { app } = generateApp();
    const set = pythonFunctionSet();
    const good = await post(app, {}, { code: 'def total_price(prices: list[float]) -> float:\n    return sum(prices)\n', language: 'python', shape: 'function', constraints: set }, '/v1/validate');
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ all_satisfied: true, violated: [], warnings: [] });
    expect(good.body.satisfied.map((entry: { check: string }) => entry.check).sort()).toEqual(['forbid', 'forbid', 'naming', 'naming', 'signature', 'syntax']);
    const bad = await post(app, {}, { code: 'def total_price(prices: list[float]) -> float:\n    return eval("sum(prices)")\n', language: 'python', shape: 'function', constraints: set }, '/v1/validate');
    expect(bad.body.all_satisfied).toBe(false);
    expect(bad.body.violated).toEqual([expect.objectContaining({ constraint_id: set.constraints[1]!.id, check: 'forbid', location: { line: 2, column: 12 } })]);
  });

  it('judges the target only, as generate does: a function against its own signature, not every signature of the set', async () => {
    const { app } = generateApp();
    const set = await extractFixtures(['go/handlers.go', 'go/broken.go']);
    const handlers = readFixture('go/handlers.go');
    const start = handlers.indexOf('func NewHandler(');
    const code = handlers.slice(start, handlers.indexOf('\n}\n', start) + 3);
    const answer = await post(app, {}, { code, language: 'go', shape: 'function', target: 'NewHandler', constraints: set }, '/v1/validate');
    expect(answer.status).toBe(200);
    expect(answer.body.violated.filter((violation: { check: string }) => violation.check === 'signature')).toEqual([]);
    expect(answer.body.satisfied.filter((entry: { check: string }) => entry.check === 'signature')).toHaveLength(1);
    const ambiguous = await post(app, {}, { code, language: 'go', shape: 'function', constraints: set }, '/v1/validate');
    expect(ambiguous.status).toBe(422);
  });

  it('checks a signature as text when the body does not parse, and says so', async () => {
    const { app } = generateApp();
    const set = pythonFunctionSet();
    // The reference engine wrote this under the Python function grammar (vLLM fields, seed 275): the parse of the
    // broken body reads a return type out of the junk, although the exact header begins the text.
    const code = "def total_price(prices: list[float]) -> float:=;=;';:|\"'(;,;\";]#\";)';)}3)}'',)','),%]+]:])})]}}\";d`}]\"])\\{;''}&]?.)o\">},]$._,'\"])},];;];3]}};,'\";\"]&!,,]=;^;',}))\"\"]m\",;'!',\";c),=]'),|]@\\;;;]);;)};))\",;=;\"<],~\"3kw;\"/,\"'H;';'}\")},)}\"]]};\"'\"]))',,\"\\\n,']i;}\"\ud88f\udf71\"];(;;\";}]\"}]}/\"]);'&,y.:[\".,[)@;!~}\"=';,;\":)]]\"]'\"\"],''!,[\",&[);+y)/,;]\",,S;~;,,<h],";
    const answer = await post(app, {}, { code, language: 'python', shape: 'function', constraints: set }, '/v1/validate');
    expect(new Set(answer.body.violated.map((violation: { check: string }) => violation.check))).toEqual(new Set(['syntax']));
    expect(answer.body.satisfied).toContainEqual({ constraint_id: set.constraints[0]!.id, check: 'signature' });
    expect(answer.body.warnings).toEqual([expect.objectContaining({ code: 'signature_checked_as_text', constraint_id: set.constraints[0]!.id })]);
  });
});

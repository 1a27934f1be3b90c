import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { constraintSet, forbid, jsonSchema, naming, typescriptFunctionSet } from '../helpers/constraint-sets.js';

const worker = (exports as unknown as { default: { fetch(input: string, init?: RequestInit): Promise<Response> } }).default;

function post(path: string, body: unknown): Promise<Response> {
  return worker.fetch(`http://compile.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

interface CompileBody {
  id: string;
  cache: string;
  ir: { id: string; shape: string; json_schema?: Record<string, unknown>; regex?: string; grammar: Record<string, string>; validators: { check: string; enforced_at_decode: boolean }[]; warnings: { code: string }[] };
}

const orderSchema = { type: 'object', properties: { id: { type: 'integer' }, status: { enum: ['open', 'shipped'] } }, required: ['id', 'status'], additionalProperties: false };

describe('compile worker inside workerd', () => {
  it('compiles a json shape, then answers the same request from the cache under the same id', async () => {
    const body = { constraints: constraintSet(undefined, [jsonSchema('Order', orderSchema)]), shape: 'json' };
    const first = (await (await post('/v1/compile', body)).json()) as CompileBody;
    expect(first.cache).toBe('miss');
    expect(first.id).toMatch(/^ir_[0-9a-f]{16}$/);
    expect(first.ir.json_schema).toMatchObject({ type: 'object', required: ['id', 'status'] });
    expect(first.ir.regex).toBeDefined();
    expect(first.ir.validators).toEqual([expect.objectContaining({ check: 'json_schema', enforced_at_decode: true })]);
    const second = (await (await post('/v1/compile', body)).json()) as CompileBody;
    expect(second).toMatchObject({ id: first.id, cache: 'hit' });
    expect(JSON.stringify(second.ir)).toBe(JSON.stringify(first.ir));
    const stored = await worker.fetch(`http://compile.test/v1/compiled/${first.id}`);
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { id: string }).id).toBe(first.id);
  });

  it('compiles a TypeScript function shape into all three grammar dialects', async () => {
    const response = await post('/v1/compile', { constraints: typescriptFunctionSet(), shape: 'function' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as CompileBody;
    expect(Object.keys(body.ir.grammar).sort()).toEqual(['ebnf', 'gbnf', 'lark']);
    expect(body.ir.grammar.ebnf).toContain('export function sumPrices(prices: number[]): number');
    // The banned identifier is enforced at decode time; the banned substring only in code, so the validator holds it.
    expect(body.ir.validators.filter((validator) => validator.check === 'forbid').map((validator) => validator.enforced_at_decode).sort()).toEqual([false, true]);
  });

  it('stores a constraint set and compiles it by id', async () => {
    const created = await post('/v1/constraint-sets', constraintSet(undefined, [jsonSchema('Order', orderSchema)]));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(id).toMatch(/^s_[0-9a-f]{16}$/);
    const compiled = await post('/v1/compile', { constraint_set_id: id, shape: 'json' });
    expect(compiled.status).toBe(200);
    const missing = await post('/v1/compile', { constraint_set_id: 's_0000000000000000', shape: 'json' });
    expect(missing.status).toBe(404);
  });

  it('rejects a body that fails the schema with 400 and the path', async () => {
    const response = await post('/v1/compile', { constraints: { version: '1', constraints: [{ type: 'naming' }] }, shape: 'module' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: { path: string } } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details.path).toMatch(/^constraints\.constraints\[0\]/);
  });

  it('rejects an invalid user regex with 422 naming the constraint', async () => {
    const bad = forbid('typescript', 'weird', 'regex', ['(unclosed']);
    const response = await post('/v1/compile', { constraints: constraintSet('typescript', [bad]), shape: 'module' });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; message: string; details: { constraint_id: string } } };
    expect(body.error.details.constraint_id).toBe(bad.id);
  });

  it('fails a strict compile on conflicting naming styles with 422 naming both, and resolves them otherwise', async () => {
    const camel = naming('typescript', 'function', 'camelCase', 70);
    const snake = naming('typescript', 'function', 'snake_case', 30);
    const constraints = constraintSet('typescript', [camel, snake]);
    const strict = await post('/v1/compile', { constraints, shape: 'module', strict: true, dialects: ['ebnf'] });
    expect(strict.status).toBe(422);
    const message = ((await strict.json()) as { error: { message: string } }).error.message;
    expect(message).toContain(camel.id);
    expect(message).toContain(snake.id);
    const lenient = (await (await post('/v1/compile', { constraints, shape: 'module', dialects: ['ebnf'] })).json()) as { ir: { resolutions: { winner: string; loser: string }[] } };
    expect(lenient.ir.resolutions).toEqual([expect.objectContaining({ winner: camel.id, loser: snake.id })]);
  });

  it('answers 404 for an IR id it does not hold', async () => {
    const response = await worker.fetch('http://compile.test/v1/compiled/ir_0000000000000000');
    expect(response.status).toBe(404);
  });
});

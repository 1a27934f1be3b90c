/**
 * The generate Worker inside workerd: tree-sitter from imported WASM modules for validation, the
 * KV-backed cache, and reference engines on loopback named by the Worker's bindings.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { orderJsonSet } from '../generate/harness-data.js';
import { pythonFunctionSet, typescriptFunctionSet } from '../helpers/constraint-sets.js';

const worker = (exports as unknown as { default: Fetcher }).default;

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return worker.fetch(`http://generate.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

interface Report {
  all_satisfied: boolean;
  satisfied: { constraint_id: string; check: string }[];
  violated: { constraint_id: string; check: string; message: string }[];
}

interface Generated {
  code: string;
  validation: Report;
  engine_failure?: { kind: string; sent: string; violated: string[] };
  provenance: { ir_id: string; source: string; cache: string; language?: string };
  provider: string;
  attempts: { attempt: number; code: string; engine_failure?: unknown; error?: { code: string } }[];
  timings: Record<string, number>;
}

interface Envelope {
  error: { code: string; message: string; hint: string; details?: Record<string, unknown> & { attempts?: { error?: { code: string } }[] } };
}

describe('generate worker inside workerd', () => {
  it('answers /health with its configured providers', async () => {
    const response = await worker.fetch('http://generate.test/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'generate', cache: 'layered', providers: ['vllm', 'local-llama', 'malformed', 'unconstrained'] });
  });

  it('generates a TypeScript function through vLLM fields and validates it with tree-sitter', async () => {
    const response = await post('/v1/generate', { intent: 'sum the prices', constraints: typescriptFunctionSet(), seed: 4, max_attempts: 1 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Generated;
    expect(body.code.startsWith('export function sumPrices(prices: number[]): number')).toBe(true);
    expect(body.provider).toBe('vllm');
    expect(body.provenance).toMatchObject({ source: 'constraints', language: 'typescript' });
    expect(body.engine_failure).toBeUndefined();
    const satisfied = new Set(body.validation.satisfied.map((entry) => entry.constraint_id));
    expect(typescriptFunctionSet().constraints.map((constraint) => constraint.id).filter((id) => !satisfied.has(id))).toEqual([]);
    expect(body.attempts).toHaveLength(1);
  });

  it('generates Python through the llama.cpp provider chosen by name, and JSON against its schema', async () => {
    const python = (await (await post('/v1/generate', { intent: 'total', constraints: pythonFunctionSet(), seed: 2, provider: 'local-llama', max_attempts: 1 })).json()) as Generated;
    expect(python.provider).toBe('local-llama');
    expect(python.code.startsWith('def total_price(prices: list[float]) -> float:')).toBe(true);
    expect(python.engine_failure).toBeUndefined();
    const order = (await (await post('/v1/generate', { intent: 'an order', constraints: orderJsonSet(), shape: 'json', seed: 2 })).json()) as Generated;
    expect(order.validation.all_satisfied).toBe(true);
    expect(['open', 'paid', 'shipped']).toContain((JSON.parse(order.code) as { status: string }).status);
  });

  it('streams token events and a final report', async () => {
    const response = await post('/v1/generate', { intent: 'sum the prices', constraints: typescriptFunctionSet(), seed: 4, max_attempts: 1 }, { accept: 'text/event-stream' });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = (await response.text()).split('\n\n').filter((block) => block !== '').map((block) => block.split('\n')[0]);
    expect(events[0]).toBe('event: attempt');
    expect(events.at(-1)).toBe('event: report');
    expect(events.filter((event) => event === 'event: token').length).toBeGreaterThan(10);
  });

  it('validates code with POST /v1/validate', async () => {
    const response = await post('/v1/validate', { code: 'def total_price(prices: list[float]) -> float:\n    return eval("1")\n', language: 'python', shape: 'function', constraints: pythonFunctionSet() });
    const report = (await response.json()) as Report;
    expect(report.all_satisfied).toBe(false);
    expect(report.violated.map((violation) => violation.check)).toEqual(['forbid']);
  });

  it('rejects a request with a URL for a provider (400) and an unknown IR id (404)', async () => {
    const url = await post('/v1/generate', { intent: 'x', constraints: typescriptFunctionSet(), provider: 'https://elsewhere.example' });
    expect(url.status).toBe(400);
    expect(((await url.json()) as Envelope).error).toMatchObject({ code: 'invalid_request', details: { path: 'provider' } });
    const missing = await post('/v1/generate', { intent: 'x', ir_id: 'ir_0123456789abcdef' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Envelope).error.code).toBe('not_found');
  });

  it('answers 502 with the attempt when the engine body is malformed', async () => {
    const response = await post('/v1/generate', { intent: 'x', constraints: typescriptFunctionSet(), provider: 'malformed', seed: 1 });
    expect(response.status).toBe(502);
    const { error } = (await response.json()) as Envelope;
    expect(error).toMatchObject({ code: 'bad_gateway', details: { reason: 'bad_response' } });
    expect(error.details!.attempts).toEqual([expect.objectContaining({ attempt: 1, error: expect.objectContaining({ code: 'bad_gateway' }) })]);
  });

  it('reports an engine that ignores its grammar as an engine failure, not a success', async () => {
    const response = await post('/v1/generate', { intent: 'x', constraints: typescriptFunctionSet(), provider: 'unconstrained', seed: 1, max_attempts: 3 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Generated;
    expect(body.validation.all_satisfied).toBe(false);
    expect(body.engine_failure).toMatchObject({ kind: 'constraint_ignored', sent: 'grammar' });
    expect(body.attempts).toHaveLength(1);
  });
});

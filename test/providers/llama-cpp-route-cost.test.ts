/**
 * llama-server's /completion repeats the request's grammar in `generation_settings` of its answer
 * (issue 14: a one-token answer under a 544 KB grammar was 544 KB); the OpenAI-compatible chat
 * route does not. The llama.cpp provider keeps chat as its default route for that reason, and
 * says so in a `costly` warning when the /completion route carries a grammar. Against the
 * reference engine, which answers /completion as llama-server does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentConstraint } from '../../src/generate/assess.js';
import { createLlamaCppProvider } from '../../src/providers/llama-cpp.js';
import { providerFromConfig } from '../../src/providers/registry.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { FUNCTION_IR, MESSAGES } from './ir.js';

const REQUEST = { messages: MESSAGES, ir: FUNCTION_IR, max_tokens: 8, temperature: 0, seed: 1 };
const GBNF = FUNCTION_IR.grammar.gbnf!;

let engine: ReferenceEngine;
beforeAll(async () => {
  engine = await startReferenceEngine({ port: 0 });
});
afterAll(async () => {
  await engine.close();
});

async function post(path: string, body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${engine.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return response.text();
}

describe('llama.cpp routes and the grammar echo', () => {
  it('/completion answers carry the grammar again; the chat route answers without it', async () => {
    const completion = await post('/completion', { prompt: 'x', n_predict: 1, grammar: GBNF });
    expect(JSON.parse(completion).generation_settings.grammar).toBe(GBNF);
    const chat = await post('/v1/chat/completions', { model: 'm', messages: MESSAGES, max_tokens: 1, grammar: GBNF });
    expect(chat).not.toContain(JSON.stringify(GBNF).slice(1, -1));
  });

  it('the provider defaults to the chat route and gives no cost warning there', async () => {
    const provider = providerFromConfig({ INFERENCE_PROVIDER: 'llama-cpp', INFERENCE_BASE_URL: engine.url });
    const result = await provider.generate(REQUEST);
    expect(engine.requests.at(-1)!.path).toBe('/v1/chat/completions');
    expect(engine.requests.at(-1)!.constraint).toEqual({ kind: 'grammar', source: 'grammar' });
    expect(result.warnings.filter((warning) => warning.code === 'costly')).toEqual([]);
  });

  it('the /completion route, chosen, still sends the grammar, and warns what the echo costs', async () => {
    const result = await createLlamaCppProvider({ baseUrl: engine.url, model: 'm', route: 'completion' }).generate(REQUEST);
    expect(engine.requests.at(-1)!.path).toBe('/completion');
    expect(engine.requests.at(-1)!.constraint).toEqual({ kind: 'grammar', source: 'grammar' });
    const costly = result.warnings.filter((warning) => warning.code === 'costly');
    expect(costly).toHaveLength(1);
    expect(costly[0]!.message).toContain(`grammar (${Buffer.byteLength(GBNF)} bytes)`);
    // A cost warning does not count as the grammar being withheld.
    expect(sentConstraint(FUNCTION_IR, result.warnings, ['gbnf'])).toEqual({ kind: 'grammar', dialect: 'gbnf' });
  });
});

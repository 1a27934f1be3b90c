import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLlamaCppProvider, type LlamaCppRoute } from '../../src/providers/llama-cpp.js';
import { flattenMessages } from '../../src/providers/prompt.js';
import type { ProviderRequest } from '../../src/providers/types.js';
import { runProviderContract } from './contract.js';
import { httpHarness } from './harness.js';
import { BARE_IR, CODE, FUNCTION_IR, GBNF, JSON_IR, JSON_SCHEMA, MESSAGES, irWith } from './ir.js';
import { fixtureReply, startServer, type TestServer } from './server.js';

const REQUEST: ProviderRequest = { messages: MESSAGES, ir: FUNCTION_IR, max_tokens: 256, temperature: 0.2, seed: 7 };

runProviderContract({
  name: 'llama.cpp (chat route)',
  setup: () => httpHarness((baseUrl, apiKey) => createLlamaCppProvider({ baseUrl, apiKey, model: 'default' }), { generate: 'llama-cpp-chat.json', stream: 'llama-cpp-chat.sse' }),
  request: REQUEST,
  id: 'llama-cpp',
  model: 'default',
  generated: { text: CODE, usage: { prompt_tokens: 64, completion_tokens: 19 }, finish_reason: 'stop' },
  streamed: { text: CODE, usage: { prompt_tokens: 64, completion_tokens: 19 }, finish_reason: 'stop' },
});

runProviderContract({
  name: 'llama.cpp (/completion route)',
  setup: () =>
    httpHarness((baseUrl, apiKey) => createLlamaCppProvider({ baseUrl, apiKey, model: 'default', route: 'completion' }), {
      generate: 'llama-cpp-completion.json',
      stream: 'llama-cpp-completion.sse',
    }),
  request: REQUEST,
  id: 'llama-cpp',
  model: 'default',
  generated: { text: CODE, usage: { prompt_tokens: 64, completion_tokens: 19 }, finish_reason: 'stop' },
  streamed: { text: CODE, usage: { prompt_tokens: 64, completion_tokens: 19 }, finish_reason: 'length' },
});

describe('llama.cpp request bodies', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.close();
  });

  async function generate(request: ProviderRequest, route: LlamaCppRoute = 'chat') {
    server.reply(fixtureReply(route === 'completion' ? 'llama-cpp-completion.json' : 'llama-cpp-chat.json'));
    const result = await createLlamaCppProvider({ baseUrl: server.url, model: 'default', route }).generate(request);
    expect(server.received.at(-1)?.json).toEqual(result.raw_request_body);
    return result;
  }

  it('chat route: the GBNF grammar as the top-level `grammar` field; the regex has no field', async () => {
    const result = await generate(REQUEST);
    expect(server.received[0]?.path).toBe('/v1/chat/completions');
    expect(result.raw_request_body).toEqual({ model: 'default', messages: MESSAGES, max_tokens: 256, temperature: 0.2, seed: 7, grammar: GBNF });
    expect(result.warnings).toEqual([{ code: 'unsupported', setting: 'regex', message: 'llama.cpp reads no regex; the IR has regex: left to validation.' }]);
  });

  it('chat route: a JSON Schema as the top-level `json_schema` field', async () => {
    const result = await generate({ ...REQUEST, ir: JSON_IR });
    expect(result.raw_request_body).toEqual({ model: 'default', messages: MESSAGES, max_tokens: 256, temperature: 0.2, seed: 7, json_schema: JSON_SCHEMA });
  });

  it('/completion route: prompt, n_predict, seed and the grammar', async () => {
    const result = await generate(REQUEST, 'completion');
    expect(server.received[0]?.path).toBe('/completion');
    expect(result.raw_request_body).toEqual({ prompt: flattenMessages(MESSAGES), n_predict: 256, temperature: 0.2, seed: 7, grammar: GBNF });
  });

  it('never sends both grammar and json_schema (llama.cpp answers 400 to that)', async () => {
    const both = irWith({ json_schema: JSON_SCHEMA });
    for (const route of ['chat', 'completion'] as const) {
      for (const ir of [FUNCTION_IR, JSON_IR, BARE_IR, both]) {
        const body = (await generate({ ...REQUEST, ir }, route)).raw_request_body;
        expect('grammar' in body && 'json_schema' in body).toBe(false);
      }
    }
    const result = await generate({ ...REQUEST, ir: both }, 'completion');
    expect(result.raw_request_body).toEqual({ prompt: flattenMessages(MESSAGES), n_predict: 256, temperature: 0.2, seed: 7, json_schema: JSON_SCHEMA });
    expect(result.warnings.map((warning) => [warning.code, warning.setting])).toEqual([
      ['not_sent', 'grammar'],
      ['unsupported', 'regex'],
      ['costly', 'route'],
    ]);
  });
});

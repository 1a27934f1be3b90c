import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVllmProvider } from '../../src/providers/vllm.js';
import type { ProviderRequest } from '../../src/providers/types.js';
import { collect, runProviderContract } from './contract.js';
import { SECRET, httpHarness } from './harness.js';
import { BARE_IR, CODE, EBNF, FUNCTION_IR, JSON_IR, JSON_SCHEMA, LARK, MESSAGES, REGEX, irWith } from './ir.js';
import { fixtureReply, sseFixtureReply, startServer, type TestServer } from './server.js';

const MODEL = 'Qwen/Qwen2.5-Coder-7B-Instruct';
const REQUEST: ProviderRequest = { messages: MESSAGES, ir: FUNCTION_IR, max_tokens: 256, temperature: 0.2, seed: 7 };

runProviderContract({
  name: 'vLLM',
  setup: () => httpHarness((baseUrl, apiKey) => createVllmProvider({ baseUrl, apiKey, model: MODEL }), { generate: 'vllm-chat.json', stream: 'vllm-chat.sse' }),
  request: REQUEST,
  id: 'vllm',
  model: MODEL,
  generated: { text: CODE, usage: { prompt_tokens: 87, completion_tokens: 19 }, finish_reason: 'stop' },
  streamed: { text: CODE, usage: { prompt_tokens: 87, completion_tokens: 19 }, finish_reason: 'stop' },
});

const NOT_SENT_REGEX = {
  code: 'not_sent',
  setting: 'regex',
  message: 'vLLM (xgrammar backend) takes one constraint per request and the ebnf grammar was sent; the regex is checked by validation only.',
};

describe('vLLM request bodies (structured_outputs, vLLM >= 0.12)', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.close();
  });

  async function generate(request: ProviderRequest, backend?: 'xgrammar' | 'guidance') {
    server.reply(fixtureReply(request.prompt === undefined ? 'vllm-chat.json' : 'vllm-completions.json'));
    const result = await createVllmProvider({ baseUrl: server.url, apiKey: SECRET, model: MODEL, backend }).generate(request);
    expect(server.received[0]?.json).toEqual(result.raw_request_body);
    return result;
  }

  it('sends the EBNF grammar as structured_outputs.grammar to an xgrammar server, with a Bearer key', async () => {
    const result = await generate(REQUEST);
    expect(result.raw_request_body).toEqual({ model: MODEL, messages: MESSAGES, max_tokens: 256, temperature: 0.2, seed: 7, structured_outputs: { grammar: EBNF } });
    expect(result.warnings).toEqual([NOT_SENT_REGEX]);
    expect(server.received[0]?.path).toBe('/v1/chat/completions');
    expect(server.received[0]?.headers['authorization']).toBe(`Bearer ${SECRET}`);
  });

  it('sends the Lark grammar to a guidance server', async () => {
    const result = await generate(REQUEST, 'guidance');
    expect(result.raw_request_body['structured_outputs']).toEqual({ grammar: LARK });
  });

  it('never sends a guided_* field, whatever the IR holds', async () => {
    for (const ir of [FUNCTION_IR, JSON_IR, BARE_IR, irWith({ grammar: {} })]) {
      server.received.length = 0;
      const result = await generate({ ...REQUEST, ir });
      expect(JSON.stringify(result.raw_request_body)).not.toMatch(/"guided_[a-z_]+":/);
    }
  });

  it('sends a JSON Schema as structured_outputs.json', async () => {
    const result = await generate({ ...REQUEST, ir: JSON_IR, seed: undefined });
    expect(result.raw_request_body).toEqual({ model: MODEL, messages: MESSAGES, max_tokens: 256, temperature: 0.2, structured_outputs: { json: JSON_SCHEMA } });
    expect(result.warnings).toEqual([]);
  });

  it('sends the regex when the IR has no grammar the backend reads, and says the grammar was not sent', async () => {
    const result = await generate({ ...REQUEST, ir: irWith({ grammar: { lark: LARK } }) });
    expect(result.raw_request_body['structured_outputs']).toEqual({ regex: REGEX });
    expect(result.warnings).toEqual([{ code: 'unsupported', setting: 'grammar', message: 'vLLM (xgrammar backend) reads ebnf; the IR has lark: left to validation.' }]);
  });

  it('sends no structured_outputs when the IR has nothing decodable', async () => {
    const result = await generate({ ...REQUEST, ir: BARE_IR });
    expect(result.raw_request_body).toEqual({ model: MODEL, messages: MESSAGES, max_tokens: 256, temperature: 0.2, seed: 7 });
    expect(result.warnings).toEqual([]);
  });

  it('posts a raw prompt to /v1/completions and reads choices[0].text', async () => {
    const result = await generate({ prompt: 'def parse_config(', ir: FUNCTION_IR, max_tokens: 64, temperature: 0 });
    expect(server.received[0]?.path).toBe('/v1/completions');
    expect(result.raw_request_body).toEqual({ model: MODEL, prompt: 'def parse_config(', max_tokens: 64, temperature: 0, structured_outputs: { grammar: EBNF } });
    expect({ text: result.text, finish_reason: result.finish_reason, usage: result.usage }).toEqual({ text: CODE, finish_reason: 'length', usage: { prompt_tokens: 12, completion_tokens: 19 } });
  });

  it('asks for usage in the stream', async () => {
    server.reply(sseFixtureReply('vllm-chat.sse'));
    await collect(createVllmProvider({ baseUrl: server.url, model: MODEL }).stream(REQUEST));
    expect(server.received[0]?.json).toEqual({
      model: MODEL,
      messages: MESSAGES,
      max_tokens: 256,
      temperature: 0.2,
      seed: 7,
      stream: true,
      stream_options: { include_usage: true },
      structured_outputs: { grammar: EBNF },
    });
    expect(server.received[0]?.headers['authorization']).toBeUndefined();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSglangProvider, withLlguidanceHeader, type SglangSettings } from '../../src/providers/sglang.js';
import type { ProviderRequest } from '../../src/providers/types.js';
import { flattenMessages } from '../../src/providers/prompt.js';
import { collect, runProviderContract } from './contract.js';
import { httpHarness } from './harness.js';
import { CODE, EBNF, FUNCTION_IR, JSON_IR, JSON_SCHEMA, LARK, MESSAGES, REGEX, irWith } from './ir.js';
import { fixtureReply, sseFixtureReply, startServer, type TestServer } from './server.js';

const MODEL = 'Qwen/Qwen2.5-Coder-7B-Instruct';
const REQUEST: ProviderRequest = { messages: MESSAGES, ir: FUNCTION_IR, max_tokens: 256, temperature: 0.2, seed: 7 };

runProviderContract({
  name: 'SGLang (OpenAI route)',
  setup: () => httpHarness((baseUrl, apiKey) => createSglangProvider({ baseUrl, apiKey, model: MODEL }), { generate: 'sglang-chat.json', stream: 'sglang-chat.sse' }),
  request: REQUEST,
  id: 'sglang',
  model: MODEL,
  generated: { text: CODE, usage: { prompt_tokens: 90, completion_tokens: 20 }, finish_reason: 'stop' },
  streamed: { text: CODE, usage: { prompt_tokens: 90, completion_tokens: 20 }, finish_reason: 'stop' },
});

runProviderContract({
  name: 'SGLang (native /generate)',
  setup: () => httpHarness((baseUrl, apiKey) => createSglangProvider({ baseUrl, apiKey, model: MODEL, route: 'native' }), { generate: 'sglang-generate.json', stream: 'sglang-generate.sse' }),
  request: REQUEST,
  id: 'sglang',
  model: MODEL,
  generated: { text: CODE, usage: { prompt_tokens: 50, completion_tokens: 15 }, finish_reason: 'stop' },
  streamed: { text: CODE, usage: { prompt_tokens: 50, completion_tokens: 15 }, finish_reason: 'length' },
});

describe('withLlguidanceHeader', () => {
  it('puts %llguidance {} on the first line once', () => {
    expect(withLlguidanceHeader('start: "a"')).toBe('%llguidance {}\nstart: "a"');
    expect(withLlguidanceHeader('%llguidance {}\nstart: "a"')).toBe('%llguidance {}\nstart: "a"');
  });
});

describe('SGLang request bodies', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.close();
  });

  async function generate(request: ProviderRequest, settings: Partial<SglangSettings> = {}) {
    server.reply(fixtureReply(settings.route === 'native' ? 'sglang-generate.json' : 'sglang-chat.json'));
    const result = await createSglangProvider({ baseUrl: server.url, model: MODEL, ...settings }).generate(request);
    expect(server.received[0]?.json).toEqual(result.raw_request_body);
    return result;
  }

  it('OpenAI route: the EBNF grammar as the extra `ebnf` field (xgrammar backend)', async () => {
    const result = await generate(REQUEST);
    expect(server.received[0]?.path).toBe('/v1/chat/completions');
    expect(result.raw_request_body).toEqual({ model: MODEL, messages: MESSAGES, max_tokens: 256, temperature: 0.2, seed: 7, ebnf: EBNF });
    expect(result.warnings).toEqual([
      { code: 'not_sent', setting: 'regex', message: 'SGLang (xgrammar backend) takes one constraint per request and the ebnf grammar was sent; the regex is checked by validation only.' },
    ]);
  });

  it('OpenAI route: Lark with its %llguidance {} line in `ebnf` (llguidance backend)', async () => {
    const result = await generate(REQUEST, { backend: 'llguidance' });
    expect(result.raw_request_body['ebnf']).toBe(`%llguidance {}\n${LARK}`);
  });

  it('OpenAI route: a JSON Schema as response_format json_schema {name, schema}', async () => {
    const result = await generate({ ...REQUEST, ir: JSON_IR });
    expect(result.raw_request_body).toEqual({
      model: MODEL,
      messages: MESSAGES,
      max_tokens: 256,
      temperature: 0.2,
      seed: 7,
      response_format: { type: 'json_schema', json_schema: { name: 'RetryPolicy', schema: JSON_SCHEMA } },
    });
  });

  it('OpenAI route: the regex as the extra `regex` field when there is no grammar', async () => {
    const result = await generate({ ...REQUEST, ir: irWith({ grammar: {} }) });
    expect(result.raw_request_body['regex']).toBe(REGEX);
    expect(result.warnings).toEqual([]);
  });

  it('native route: text and sampling_params with json_schema as a JSON string', async () => {
    const result = await generate({ ...REQUEST, ir: JSON_IR, seed: undefined }, { route: 'native' });
    expect(server.received[0]?.path).toBe('/generate');
    expect(result.raw_request_body).toEqual({
      text: flattenMessages(MESSAGES),
      sampling_params: { max_new_tokens: 256, temperature: 0.2, json_schema: JSON.stringify(JSON_SCHEMA) },
    });
  });

  it('native route: ebnf or regex in sampling_params, and a warning for the seed it has no field for', async () => {
    const grammar = await generate({ prompt: '<|im_start|>user\nparse<|im_end|>\n', ir: FUNCTION_IR, max_tokens: 32, temperature: 0, seed: 7 }, { route: 'native' });
    expect(grammar.raw_request_body).toEqual({ text: '<|im_start|>user\nparse<|im_end|>\n', sampling_params: { max_new_tokens: 32, temperature: 0, ebnf: EBNF } });
    expect(grammar.warnings.map((warning) => [warning.code, warning.setting])).toEqual([
      ['not_sent', 'regex'],
      ['unsupported', 'seed'],
    ]);
    server.received.length = 0;
    const regex = await generate({ prompt: 'x', ir: irWith({ grammar: {} }), max_tokens: 32, temperature: 0 }, { route: 'native' });
    expect(regex.raw_request_body).toEqual({ text: 'x', sampling_params: { max_new_tokens: 32, temperature: 0, regex: REGEX } });
  });

  it('native route: streams deltas out of the cumulative text events', async () => {
    server.reply(sseFixtureReply('sglang-generate.sse', 5));
    const parts = await collect(createSglangProvider({ baseUrl: server.url, model: MODEL, route: 'native' }).stream(REQUEST));
    expect(server.received[0]?.json).toEqual({ text: flattenMessages(MESSAGES), sampling_params: { max_new_tokens: 256, temperature: 0.2, ebnf: EBNF }, stream: true });
    const deltas = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : []));
    expect(deltas).toEqual(['def', ' parse', '_config', '(path', ': str', ')', ' ->', ' Config', ':\n', '   ', ' return', ' Config', '.load', '(path', ')']);
  });
});

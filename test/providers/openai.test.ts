import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../../src/providers/openai.js';
import type { ProviderRequest } from '../../src/providers/types.js';
import { runProviderContract } from './contract.js';
import { SECRET, httpHarness } from './harness.js';
import { FUNCTION_IR, JSON_IR, JSON_SCHEMA, JSON_SCHEMA_OPENAI, LARK, MESSAGES, REGEX, irWith } from './ir.js';
import { fixtureReply, startServer, type TestServer } from './server.js';

const MODEL = 'gpt-4o-2024-08-06';
const JSON_TEXT = '{"name":"fetch-config","retries":null}';
const REQUEST: ProviderRequest = { messages: MESSAGES, ir: JSON_IR, max_tokens: 256, temperature: 0.2, seed: 7 };

runProviderContract({
  name: 'OpenAI',
  setup: () => httpHarness((baseUrl, apiKey) => createOpenAIProvider({ baseUrl: `${baseUrl}/v1`, apiKey, model: MODEL }), { generate: 'openai-chat.json', stream: 'openai-chat.sse' }),
  request: REQUEST,
  id: 'openai',
  model: MODEL,
  generated: { text: JSON_TEXT, usage: { prompt_tokens: 112, completion_tokens: 11 }, finish_reason: 'stop' },
  streamed: { text: JSON_TEXT, usage: { prompt_tokens: 112, completion_tokens: 11 }, finish_reason: 'stop' },
});

describe('OpenAI request bodies (strict structured outputs)', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.close();
  });

  async function generate(request: ProviderRequest, fixture = 'openai-chat.json') {
    server.reply(fixtureReply(fixture));
    const result = await createOpenAIProvider({ baseUrl: `${server.url}/v1`, apiKey: SECRET, model: MODEL }).generate(request);
    expect(server.received[0]?.json).toEqual(result.raw_request_body);
    return result;
  }

  it('sends the strict-mode schema as response_format json_schema with strict: true and max_completion_tokens', async () => {
    const result = await generate(REQUEST);
    expect(server.received[0]?.path).toBe('/v1/chat/completions');
    expect(server.received[0]?.headers['authorization']).toBe(`Bearer ${SECRET}`);
    expect(result.raw_request_body).toEqual({
      model: MODEL,
      messages: MESSAGES,
      max_completion_tokens: 256,
      temperature: 0.2,
      seed: 7,
      response_format: { type: 'json_schema', json_schema: { name: 'RetryPolicy', schema: JSON_SCHEMA_OPENAI, strict: true } },
    });
    expect(result.warnings).toEqual([]);
  });

  it('moves the grammar and the regex into the system message, with warnings', async () => {
    const result = await generate({ ...REQUEST, ir: FUNCTION_IR });
    const system = `${MESSAGES[0]?.content}\n\nEngine constraints:\n- The output must be derivable from this grammar (lark notation):\n${LARK}\n- The whole output must match this regular expression: ${REGEX}`;
    expect(result.raw_request_body).toEqual({
      model: MODEL,
      messages: [{ role: 'system', content: system }, MESSAGES[1]],
      max_completion_tokens: 256,
      temperature: 0.2,
      seed: 7,
    });
    expect(result.warnings).toEqual([
      { code: 'moved_to_prompt', setting: 'grammar', message: 'OpenAI chat completions reads no grammar; the IR has lark, ebnf, gbnf: written into the prompt and left to validation.' },
      { code: 'moved_to_prompt', setting: 'regex', message: 'OpenAI chat completions reads no regex; the IR has regex: written into the prompt and left to validation.' },
    ]);
  });

  it('does not send a non-strict schema as strict: without json_schema_openai the schema goes into the prompt', async () => {
    const result = await generate({ ...REQUEST, ir: irWith({ shape: 'json', json_schema: JSON_SCHEMA, grammar: {}, regex: undefined }) });
    expect(result.raw_request_body['response_format']).toBeUndefined();
    expect(result.raw_request_body['messages']).toEqual([
      { role: 'system', content: `${MESSAGES[0]?.content}\n\nEngine constraints:\n- Answer with JSON that matches this JSON Schema: ${JSON.stringify(JSON_SCHEMA)}` },
      MESSAGES[1],
    ]);
    expect(result.warnings).toEqual([
      { code: 'moved_to_prompt', setting: 'json_schema', message: 'OpenAI chat completions reads json_schema_openai; the IR has json_schema: written into the prompt and left to validation.' },
    ]);
  });

  it('sends a raw prompt as one user message (no legacy completions)', async () => {
    const result = await generate({ prompt: 'Give the retry policy.', ir: JSON_IR, max_tokens: 64, temperature: 0 });
    expect(server.received[0]?.path).toBe('/v1/chat/completions');
    expect(result.raw_request_body['messages']).toEqual([{ role: 'user', content: 'Give the retry policy.' }]);
  });

  it('reads a refusal as an empty text with finish reason content_filter', async () => {
    const result = await generate(REQUEST, 'openai-refusal.json');
    expect({ text: result.text, finish_reason: result.finish_reason, usage: result.usage }).toEqual({
      text: '',
      finish_reason: 'content_filter',
      usage: { prompt_tokens: 112, completion_tokens: 10 },
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderResponseError } from '../../src/providers/errors.js';
import { flattenMessages } from '../../src/providers/prompt.js';
import { createSeedServiceProvider } from '../../src/providers/seed-service.js';
import type { ProviderRequest } from '../../src/providers/types.js';
import { collect, runProviderContract } from './contract.js';
import { SECRET, httpHarness } from './harness.js';
import { BARE_IR, CODE, FUNCTION_IR, JSON_IR, JSON_SCHEMA, LARK, MESSAGES, REGEX, irWith } from './ir.js';
import { fixtureReply, startServer, type TestServer } from './server.js';

const REQUEST: ProviderRequest = { messages: MESSAGES, ir: FUNCTION_IR, max_tokens: 256, temperature: 0.2 };
const OUTCOME = { text: CODE, usage: { prompt_tokens: 71, completion_tokens: 19 }, finish_reason: 'stop' as const };

runProviderContract({
  name: 'seed service',
  setup: () => httpHarness((baseUrl, apiKey) => createSeedServiceProvider({ baseUrl, apiKey }), { generate: 'seed-generate.json', stream: 'seed-generate.json' }),
  request: REQUEST,
  id: 'seed',
  model: 'default',
  generated: OUTCOME,
  streamed: OUTCOME,
});

/** The keys the service's ConstraintSpec accepts; any other one makes it drop all constraints. */
const CONSTRAINT_SPEC_KEYS = ['json_schema', 'grammar', 'regex_patterns', 'token_mask'];

describe('seed service requests', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.close();
  });

  async function generate(request: ProviderRequest, fixture = 'seed-generate.json') {
    server.reply(fixtureReply(fixture));
    const result = await createSeedServiceProvider({ baseUrl: server.url, apiKey: SECRET }).generate(request);
    expect(server.received.at(-1)?.json).toEqual(result.raw_request_body);
    return result;
  }

  it('posts {prompt, constraints, max_tokens, temperature} to /generate, the grammar in Lark for its guidance backend', async () => {
    const result = await generate({ ...REQUEST, seed: 7 });
    expect(server.received[0]?.path).toBe('/generate');
    expect(server.received[0]?.headers['authorization']).toBe(`Bearer ${SECRET}`);
    expect(result.raw_request_body).toEqual({ prompt: flattenMessages(MESSAGES), constraints: { grammar: LARK }, max_tokens: 256, temperature: 0.2 });
    expect(result.warnings.map((warning) => [warning.code, warning.setting])).toEqual([
      ['not_sent', 'regex'],
      ['unsupported', 'seed'],
    ]);
  });

  it('sends one ConstraintSpec key at most: json_schema, grammar or regex_patterns', async () => {
    const cases: Array<[ProviderRequest['ir'], Record<string, unknown>]> = [
      [JSON_IR, { json_schema: JSON_SCHEMA }],
      [FUNCTION_IR, { grammar: LARK }],
      [irWith({ grammar: {} }), { regex_patterns: [REGEX] }],
      [BARE_IR, {}],
    ];
    for (const [ir, constraints] of cases) {
      const body = (await generate({ ...REQUEST, ir })).raw_request_body;
      expect(body['constraints']).toEqual(constraints);
      expect(Object.keys(constraints).every((key) => CONSTRAINT_SPEC_KEYS.includes(key))).toBe(true);
    }
  });

  it('passes a raw prompt through untouched', async () => {
    const result = await generate({ prompt: 'Write parse_config:', ir: BARE_IR, max_tokens: 50, temperature: 0.7 });
    expect(result.raw_request_body).toEqual({ prompt: 'Write parse_config:', constraints: {}, max_tokens: 50, temperature: 0.7 });
  });

  it('turns finish_reason "error" into ProviderResponseError carrying the service\'s message', async () => {
    server.reply(fixtureReply('seed-generate-error.json'));
    const error = await createSeedServiceProvider({ baseUrl: server.url })
      .generate(REQUEST)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toBe(`${server.url}/generate: the seed service failed: CUDA out of memory. Tried to allocate 2.00 GiB`);
  });

  it('warns when the service says it generated without the constraints', async () => {
    const result = await generate(REQUEST, 'seed-generate-unconstrained.json');
    expect(result.warnings.at(-1)).toEqual({ code: 'not_enforced', setting: 'constraints', message: 'The seed service could not apply the constraints and generated without them.' });
  });

  it('cannot stream: yields the whole text as one part and says so', async () => {
    server.reply(fixtureReply('seed-generate.json'));
    const parts = await collect(createSeedServiceProvider({ baseUrl: server.url }).stream(REQUEST));
    expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta', 'finish']);
    expect(parts[0]?.type === 'start' ? parts[0].warnings.at(-1) : undefined).toEqual({ code: 'unsupported', setting: 'stream', message: 'seed does not stream; the whole text comes as one part.' });
  });
});

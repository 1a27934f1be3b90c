/**
 * Workers AI cannot run here (the binding reaches Cloudflare's GPUs), so these tests hand the
 * provider a recording binding that answers with the documented output shapes.
 */
import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../src/providers/errors.js';
import { createWorkersAIProvider, type AiBinding } from '../../src/providers/workers-ai.js';
import type { ProviderRequest } from '../../src/providers/types.js';
import { collect, runProviderContract } from './contract.js';
import { CODE, FUNCTION_IR, JSON_IR, JSON_SCHEMA, LARK, MESSAGES, REGEX } from './ir.js';
import { fixtureJson, fixtureText } from './server.js';

const MODEL = '@cf/meta/llama-3.1-8b-instruct';
const REQUEST: ProviderRequest = { messages: MESSAGES, ir: FUNCTION_IR, max_tokens: 256, temperature: 0.2, seed: 7 };

function streamOf(text: string, chunkSize = 9): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

class RecordingBinding implements AiBinding {
  readonly calls: Array<{ model: string; inputs: unknown }> = [];
  private readonly answers: Array<() => Promise<unknown>> = [];

  answer(next: () => Promise<unknown>): void {
    this.answers.push(next);
  }

  run(model: string, inputs: Record<string, unknown>): Promise<unknown> {
    this.calls.push({ model, inputs: JSON.parse(JSON.stringify(inputs)) });
    const next = this.answers.shift();
    return next === undefined ? Promise.reject(new Error('no answer scripted')) : next();
  }
}

runProviderContract({
  name: 'Workers AI',
  setup: async () => {
    const binding = new RecordingBinding();
    return {
      provider: createWorkersAIProvider({ binding, model: MODEL }),
      answerGenerate: () => binding.answer(async () => fixtureJson('workers-ai-text.json')),
      answerStream: () => binding.answer(async () => streamOf(fixtureText('workers-ai-stream.sse'))),
      answerNever: () => binding.answer(() => new Promise(() => undefined)),
      receivedBodies: () => binding.calls.map((call) => call.inputs),
      secret: undefined,
      close: async () => undefined,
    };
  },
  request: REQUEST,
  id: 'workers-ai',
  model: MODEL,
  generated: { text: CODE, usage: { prompt_tokens: 64, completion_tokens: 19 }, finish_reason: 'unknown' },
  streamed: { text: CODE, usage: { prompt_tokens: 64, completion_tokens: 19 }, finish_reason: 'unknown' },
});

describe('Workers AI inputs', () => {
  it('sends JSON mode: response_format json_schema carrying the schema itself, and reads the parsed object back as JSON text', async () => {
    const binding = new RecordingBinding();
    binding.answer(async () => fixtureJson('workers-ai-json.json'));
    const result = await createWorkersAIProvider({ binding, model: MODEL }).generate({ ...REQUEST, ir: JSON_IR });
    expect(binding.calls).toEqual([
      { model: MODEL, inputs: { messages: MESSAGES, max_tokens: 256, temperature: 0.2, seed: 7, response_format: { type: 'json_schema', json_schema: JSON_SCHEMA } } },
    ]);
    expect(result.text).toBe('{"name":"fetch-config","retries":3}');
    expect(result.usage).toEqual({ prompt_tokens: 98, completion_tokens: 12 });
    expect(result.warnings).toEqual([]);
  });

  it('drops response_format when streaming, since JSON mode does not stream, and says so', async () => {
    const binding = new RecordingBinding();
    binding.answer(async () => streamOf(fixtureText('workers-ai-stream.sse')));
    const parts = await collect(createWorkersAIProvider({ binding, model: MODEL }).stream({ ...REQUEST, ir: JSON_IR }));
    expect(binding.calls[0]?.inputs).toEqual({ messages: MESSAGES, max_tokens: 256, temperature: 0.2, seed: 7, stream: true });
    expect(parts[0]).toEqual({
      type: 'start',
      warnings: [{ code: 'not_sent', setting: 'json_schema', message: 'Workers AI JSON mode does not stream; the JSON Schema was not sent and is left to validation.' }],
      raw_request_body: { messages: MESSAGES, max_tokens: 256, temperature: 0.2, seed: 7, stream: true },
    });
  });

  it('writes the grammar and regex it cannot enforce into the system message', async () => {
    const binding = new RecordingBinding();
    binding.answer(async () => fixtureJson('workers-ai-text.json'));
    const result = await createWorkersAIProvider({ binding, model: MODEL }).generate(REQUEST);
    const system = `${MESSAGES[0]?.content}\n\nEngine constraints:\n- The output must be derivable from this grammar (lark notation):\n${LARK}\n- The whole output must match this regular expression: ${REGEX}`;
    expect(binding.calls[0]?.inputs).toEqual({ messages: [{ role: 'system', content: system }, MESSAGES[1]], max_tokens: 256, temperature: 0.2, seed: 7 });
    expect(result.warnings.map((warning) => [warning.code, warning.setting])).toEqual([
      ['moved_to_prompt', 'grammar'],
      ['moved_to_prompt', 'regex'],
    ]);
  });

  it('maps binding errors through their internal code to an HTTP status', async () => {
    const cases: Array<[string, number | undefined, boolean]> = [
      ['3040: Capacity temporarily exceeded, please try again.', 429, true],
      ['AiError: 3007: Request timeout', 408, true],
      ['5007: No such model @cf/none or task', 400, false],
      ['Something broke', undefined, false],
    ];
    for (const [message, status, retryable] of cases) {
      const binding = new RecordingBinding();
      binding.answer(async () => {
        throw new Error(message);
      });
      const error = await createWorkersAIProvider({ binding, model: MODEL })
        .generate(REQUEST)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderCallError);
      expect([(error as ProviderCallError).status, (error as ProviderCallError).isRetryable, (error as ProviderCallError).url]).toEqual([status, retryable, `workers-ai:${MODEL}`]);
    }
  });
});

/**
 * A timed-out generation is cancelled in a way the engine sees (the request is streamed, and the
 * abort closes the stream, which llama.cpp, vLLM and SGLang stop on) and is not retried by
 * default: a retry would ask a slow engine for the same long work again, behind the first.
 * Against the reference engine with a fault that holds the answer back forever; no timing is
 * asserted (the 1 s budget only has to outlast the request reaching the engine).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderTimeoutError } from '../../src/providers/errors.js';
import { createLlamaCppProvider } from '../../src/providers/llama-cpp.js';
import { withResilience } from '../../src/providers/resilient.js';
import type { ProviderV1 } from '../../src/providers/types.js';
import { createVllmProvider } from '../../src/providers/vllm.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { FUNCTION_IR, MESSAGES } from './ir.js';

const REQUEST = { messages: MESSAGES, ir: FUNCTION_IR, max_tokens: 32, temperature: 0 };

describe('a provider timeout', () => {
  let engine: ReferenceEngine;
  beforeEach(async () => {
    engine = await startReferenceEngine({ port: 0, faults: { stallMs: 'forever' } });
  });
  afterEach(async () => {
    await engine.close();
  });

  const providers: [string, (url: string) => ProviderV1][] = [
    ['vllm', (url) => createVllmProvider({ baseUrl: url, model: 'reference-engine' })],
    ['llama-cpp chat', (url) => createLlamaCppProvider({ baseUrl: url, model: 'reference-engine' })],
    ['llama-cpp /completion', (url) => createLlamaCppProvider({ baseUrl: url, model: 'reference-engine', route: 'completion' })],
  ];

  for (const [name, make] of providers) {
    it(`${name}: generate() streams, the timeout aborts the stream (the engine sees it), and it is not retried`, async () => {
      const provider = withResilience(make(engine.url), { retry: { timeoutMs: 1_000, retries: 2, sleep: async () => undefined } });
      const error = await provider.generate(REQUEST).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderTimeoutError);
      await vi.waitFor(() => expect(engine.requests[0]?.cancelled).toBe(true));
      expect(engine.requests).toHaveLength(1);
      expect((engine.requests[0]!.body as { stream?: unknown }).stream).toBe(true);
    });
  }

  it('is retried only when retryTimeouts is set, and each abandoned attempt is cancelled', async () => {
    const provider = withResilience(createVllmProvider({ baseUrl: engine.url, model: 'reference-engine' }), { retry: { timeoutMs: 1_000, retries: 2, retryTimeouts: true, sleep: async () => undefined } });
    await expect(provider.generate(REQUEST)).rejects.toBeInstanceOf(ProviderTimeoutError);
    await vi.waitFor(() => expect(engine.requests.map((request) => request.cancelled)).toEqual([true, true, true]));
  });

  it('a generation that is not held back still completes through the stream, with its text', async () => {
    engine.setFault(null);
    const provider = withResilience(createVllmProvider({ baseUrl: engine.url, model: 'reference-engine' }));
    const result = await provider.generate({ ...REQUEST, seed: 1 });
    expect(result.finish_reason === 'stop' || result.finish_reason === 'length').toBe(true);
    expect(result.raw_request_body.stream).toBe(true);
    expect(engine.requests[0]!.cancelled).toBeUndefined();
  });
});

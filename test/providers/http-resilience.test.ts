/** Retries, timeouts and the circuit breaker against a real HTTP server on 127.0.0.1. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/providers/circuit-breaker.js';
import { CircuitOpenError, ProviderCallError, ProviderResponseError, ProviderTimeoutError } from '../../src/providers/errors.js';
import { withResilience, type ResilienceOptions } from '../../src/providers/resilient.js';
import type { ProviderRequest, StreamPart } from '../../src/providers/types.js';
import { createVllmProvider } from '../../src/providers/vllm.js';
import { CODE, FUNCTION_IR, MESSAGES } from './ir.js';
import { fixtureReply, sseFixtureReply, startServer, text, type TestServer } from './server.js';

const REQUEST: ProviderRequest = { messages: MESSAGES, ir: FUNCTION_IR, max_tokens: 64, temperature: 0 };
const NOW = Date.UTC(2015, 9, 21, 7, 27, 30);

describe('resilient provider over HTTP', () => {
  let server: TestServer;
  let sleeps: number[];
  beforeEach(async () => {
    server = await startServer();
    sleeps = [];
  });
  afterEach(async () => {
    await server.close();
  });

  function provider(options: ResilienceOptions = {}, baseUrl = server.url) {
    const retry = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5, sleep: async (milliseconds: number) => void sleeps.push(milliseconds), ...options.retry };
    return withResilience(createVllmProvider({ baseUrl, model: 'm', now: () => NOW }), { ...options, retry });
  }

  it('retries a 500 and returns the next answer', async () => {
    server.reply(text('engine restarting', 500), fixtureReply('vllm-chat.json'));
    const result = await provider().generate(REQUEST);
    expect(result.text).toBe(CODE);
    expect(server.received.length).toBe(2);
    expect(sleeps).toEqual([50]);
  });

  it('waits the Retry-After of a 429 before trying again', async () => {
    server.reply(text('{"error":{"message":"rate limited"}}', 429, { 'retry-after': '1' }), fixtureReply('vllm-chat.json'));
    await expect(provider().generate(REQUEST)).resolves.toMatchObject({ text: CODE });
    expect(sleeps).toEqual([1000]);
    expect(server.received.length).toBe(2);
  });

  it('gives up at once when Retry-After (an HTTP date here) is past the cap, keeping the retry time', async () => {
    server.reply(text('overloaded', 503, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }));
    const error = await provider({ retry: { maxRetryAfterMs: 10_000 } })
      .generate(REQUEST)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect([(error as ProviderCallError).status, (error as ProviderCallError).retryAfterMs, (error as ProviderCallError).body]).toEqual([503, 30_000, 'overloaded']);
    expect([server.received.length, sleeps]).toEqual([1, []]);
  });

  it('times out an attempt that gets no answer, retries it when asked to (retryTimeouts), then fails with ProviderTimeoutError', async () => {
    server.reply({ kind: 'hang' }, { kind: 'hang' });
    const error = await provider({ retry: { timeoutMs: 100, retries: 1, retryTimeouts: true } })
      .generate(REQUEST)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect((error as Error).message).toBe(`${server.url}/ did not answer within 100 ms`);
    expect(server.received.length).toBe(2);
  });

  it('fails a malformed 200 body with ProviderResponseError and does not retry it', async () => {
    server.reply(text('{"id":"chatcmpl-1","choices":[{"message":', 200, { 'content-type': 'application/json' }));
    const error = await provider()
      .generate(REQUEST)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect([(error as ProviderResponseError).message, (error as ProviderResponseError).body]).toEqual([
      `${server.url}/v1/chat/completions: the response body is not JSON`,
      '{"id":"chatcmpl-1","choices":[{"message":',
    ]);
    expect(server.received.length).toBe(1);
  });

  it('does not retry a 400, and keeps its status and body', async () => {
    const body = '{"error":{"message":"Invalid grammar: unexpected token at line 1","type":"BadRequestError","code":400}}';
    server.reply(text(body, 400));
    const error = await provider()
      .generate(REQUEST)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect([(error as ProviderCallError).status, (error as ProviderCallError).isRetryable, (error as ProviderCallError).body]).toEqual([400, false, body]);
    expect([server.received.length, sleeps]).toEqual([1, []]);
  });

  it('retries a network error (nothing listening) and reports it without a status', async () => {
    const closed = await startServer();
    await closed.close();
    const error = await provider({ retry: { retries: 2 } }, closed.url)
      .generate(REQUEST)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect([(error as ProviderCallError).status, (error as ProviderCallError).isRetryable]).toEqual([undefined, true]);
    expect(sleeps).toEqual([50, 100]);
  });

  it('opens the circuit after repeated failures, refuses without calling, then probes and closes', async () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 30_000, now: () => now });
    const resilient = provider({ breaker, retry: { retries: 0 } });
    server.reply(text('down', 503), text('down', 503));
    await expect(resilient.generate(REQUEST)).rejects.toThrow(ProviderCallError);
    await expect(resilient.generate(REQUEST)).rejects.toThrow(ProviderCallError);
    now = 12_000;
    const refused = await resilient.generate(REQUEST).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect([(refused as CircuitOpenError).retryAfterMs, (refused as CircuitOpenError).endpoint]).toEqual([18_000, `${server.url}/`]);
    expect(server.received.length).toBe(2);
    now = 30_000;
    server.reply(fixtureReply('vllm-chat.json'));
    await expect(resilient.generate(REQUEST)).resolves.toMatchObject({ text: CODE });
    expect([server.received.length, breaker.state(resilient.endpoint)]).toEqual([3, 'closed']);
  });

  it('retries a stream that fails before its first part', async () => {
    server.reply(text('busy', 503), sseFixtureReply('vllm-chat.sse'));
    const parts: StreamPart[] = [];
    for await (const part of provider().stream(REQUEST)) parts.push(part);
    expect(parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('')).toBe(CODE);
    expect(parts.at(-1)).toEqual({ type: 'finish', finish_reason: 'stop', usage: { prompt_tokens: 87, completion_tokens: 19 } });
    expect([server.received.length, sleeps]).toEqual([2, [50]]);
  });

  it('times out a stream that stalls after it started, without retrying', async () => {
    server.reply(sseFixtureReply('vllm-chat.sse', 7, 250));
    const parts: string[] = [];
    const error = await (async () => {
      for await (const part of provider({ retry: { timeoutMs: 100 } }).stream(REQUEST)) parts.push(part.type);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(parts).toEqual(['start']);
    expect(server.received.length).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/providers/circuit-breaker.js';
import { CircuitOpenError, ProviderCallError, ProviderTimeoutError } from '../../src/providers/errors.js';
import { abortableSleep, callWithRetry, type RetryOptions } from '../../src/providers/resilience.js';

const URL_ = 'http://127.0.0.1:1/v1/chat/completions';

function failing(status: number, retryAfterMs?: number): ProviderCallError {
  return new ProviderCallError({ url: URL_, status, retryAfterMs });
}

/** Records the waits instead of waiting. */
function recordingSleep(): { sleeps: number[]; sleep: RetryOptions['sleep'] } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (milliseconds) => void sleeps.push(milliseconds) };
}

/** Fails with the given errors in turn, then answers 'ok'. */
function script(...errors: Error[]): { calls: number; run: () => Promise<string> } {
  const state = { calls: 0, run: async () => 'ok' };
  state.run = async () => {
    const error = errors[state.calls];
    state.calls += 1;
    if (error !== undefined) throw error;
    return 'ok';
  };
  return state;
}

describe('callWithRetry', () => {
  it('retries a 5xx with exponential backoff and full jitter', async () => {
    const { sleeps, sleep } = recordingSleep();
    const calls = script(failing(500), failing(503));
    await expect(callWithRetry(calls.run, { retries: 2, baseDelayMs: 100, maxDelayMs: 1000, sleep, random: () => 0.5 })).resolves.toBe('ok');
    expect(calls.calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('caps the backoff at maxDelayMs and gives up after the retries with the last error', async () => {
    const { sleeps, sleep } = recordingSleep();
    const last = failing(502);
    const calls = script(failing(500), failing(500), failing(500), failing(500), failing(500), last);
    await expect(callWithRetry(calls.run, { retries: 5, baseDelayMs: 100, maxDelayMs: 300, sleep, random: () => 0.999 })).rejects.toBe(last);
    expect(calls.calls).toBe(6);
    expect(sleeps).toEqual([99, 199, 299, 299, 299]);
  });

  it('waits exactly the Retry-After of a 429 instead of the backoff', async () => {
    const { sleeps, sleep } = recordingSleep();
    const calls = script(failing(429, 2000));
    await expect(callWithRetry(calls.run, { retries: 2, baseDelayMs: 100, sleep, random: () => 0.5 })).resolves.toBe('ok');
    expect(sleeps).toEqual([2000]);
  });

  it('passes the error on at once when Retry-After is longer than maxRetryAfterMs', async () => {
    const { sleeps, sleep } = recordingSleep();
    const error = failing(503, 120_000);
    const calls = script(error);
    await expect(callWithRetry(calls.run, { retries: 2, maxRetryAfterMs: 10_000, sleep })).rejects.toBe(error);
    expect([calls.calls, sleeps]).toEqual([1, []]);
  });

  it('does not retry a non-retryable 400', async () => {
    const { sleeps, sleep } = recordingSleep();
    const error = failing(400);
    const calls = script(error);
    await expect(callWithRetry(calls.run, { retries: 3, sleep })).rejects.toBe(error);
    expect([calls.calls, sleeps]).toEqual([1, []]);
  });

  it('times out each attempt, aborts its signal, and fails with ProviderTimeoutError', async () => {
    const { sleeps, sleep } = recordingSleep();
    const signals: AbortSignal[] = [];
    const outcome = callWithRetry(
      ({ signal }) => {
        signals.push(signal);
        return new Promise<never>(() => undefined);
      },
      { retries: 1, timeoutMs: 30, retryTimeouts: true, sleep, random: () => 0, endpoint: URL_ },
    );
    const error = await outcome.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect((error as ProviderTimeoutError).message).toBe(`${URL_} did not answer within 30 ms`);
    expect(signals.map((signal) => [signal.aborted, signal.reason instanceof ProviderTimeoutError])).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(sleeps).toEqual([0]);
  });

  it('stops when the caller aborts during the wait between attempts', async () => {
    const controller = new AbortController();
    const reason = new Error('client went away');
    const calls = script(failing(503), failing(503));
    const sleep: RetryOptions['sleep'] = (milliseconds, signal) => {
      controller.abort(reason);
      return abortableSleep(milliseconds, signal);
    };
    await expect(callWithRetry(calls.run, { retries: 3, sleep, signal: controller.signal })).rejects.toBe(reason);
    expect(calls.calls).toBe(1);
  });

  it('reports each retry', async () => {
    const events: Array<[number, number, number | undefined]> = [];
    const calls = script(failing(500), failing(429, 700));
    await callWithRetry(calls.run, {
      retries: 2,
      baseDelayMs: 10,
      sleep: async () => undefined,
      random: () => 0.5,
      onRetry: ({ attempt, delayMs, error }) => events.push([attempt, delayMs, (error as ProviderCallError).status]),
    });
    expect(events).toEqual([
      [0, 5, 500],
      [1, 700, 429],
    ]);
  });
});

describe('CircuitBreaker', () => {
  function clock(start = 1_000_000): { now: () => number; advance: (milliseconds: number) => void } {
    let time = start;
    return { now: () => time, advance: (milliseconds) => void (time += milliseconds) };
  }

  it('opens after the threshold of consecutive failures and fails fast with the retry time', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 30_000, now: time.now });
    breaker.recordFailure('a');
    breaker.recordFailure('a');
    expect(breaker.state('a')).toBe('closed');
    breaker.recordFailure('a');
    expect(breaker.state('a')).toBe('open');
    time.advance(10_000);
    const error = (() => {
      try {
        breaker.acquire('a');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect([(error as CircuitOpenError).retryAt, (error as CircuitOpenError).retryAfterMs]).toEqual([1_030_000, 20_000]);
    expect(breaker.state('b')).toBe('closed');
    expect(() => breaker.acquire('b')).not.toThrow();
  });

  it('forgets failures after a success', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 1000, now: clock().now });
    breaker.recordFailure('a');
    breaker.recordSuccess('a');
    breaker.recordFailure('a');
    expect(breaker.state('a')).toBe('closed');
  });

  it('lets exactly one probe through after the cool-down, and closes when it succeeds', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 5000, now: time.now });
    breaker.recordFailure('a');
    time.advance(5000);
    expect(breaker.state('a')).toBe('half_open');
    breaker.acquire('a');
    expect(() => breaker.acquire('a')).toThrow(CircuitOpenError);
    breaker.recordSuccess('a');
    expect(breaker.state('a')).toBe('closed');
    expect(() => breaker.acquire('a')).not.toThrow();
  });

  it('re-opens for a full cool-down when the probe fails', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 5000, now: time.now });
    breaker.recordFailure('a');
    time.advance(6000);
    breaker.acquire('a');
    breaker.recordFailure('a');
    expect(breaker.state('a')).toBe('open');
    time.advance(4999);
    expect(() => breaker.acquire('a')).toThrow(CircuitOpenError);
    time.advance(1);
    expect(breaker.state('a')).toBe('half_open');
  });

  it('run(): endpoint failures count, a rejected request (400) does not, an abort frees the probe', async () => {
    const time = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 1000, now: time.now });
    const fail = (error: Error) => () => Promise.reject(error);
    await expect(breaker.run('a', fail(failing(400)))).rejects.toThrow(ProviderCallError);
    await expect(breaker.run('a', fail(failing(400)))).rejects.toThrow(ProviderCallError);
    expect(breaker.state('a')).toBe('closed');
    await expect(breaker.run('a', fail(failing(503)))).rejects.toThrow(ProviderCallError);
    await expect(breaker.run('a', fail(new ProviderTimeoutError(URL_, 5)))).rejects.toThrow(ProviderTimeoutError);
    expect(breaker.state('a')).toBe('open');
    time.advance(1000);
    await expect(breaker.run('a', fail(new DOMException('aborted', 'AbortError')))).rejects.toThrow('aborted');
    expect(breaker.state('a')).toBe('half_open');
    await expect(breaker.run('a', async () => 'ok')).resolves.toBe('ok');
    expect(breaker.state('a')).toBe('closed');
  });
});

import { ProviderTimeoutError, isRetryableError } from './errors.js';

export type Sleep = (milliseconds: number, signal?: AbortSignal) => Promise<void>;

export interface RetryOptions {
  /** Attempts after the first one. */
  retries: number;
  /** Backoff ceiling of the first retry; doubles each retry. */
  baseDelayMs: number;
  /** Backoff ceiling, whatever the attempt. */
  maxDelayMs: number;
  /** The longest Retry-After honoured; a server asking for more gets its error passed on at once. */
  maxRetryAfterMs: number;
  /** Budget of one attempt; the attempt is aborted and fails with ProviderTimeoutError after it. */
  timeoutMs: number;
  /**
   * Whether an attempt that ran out of time is tried again. Off by default: a timed-out
   * generation is usually a long one on a slow engine, and a retry asks for the same work again
   * (an engine that does not see the abort, such as llama-server on a non-streamed request,
   * still runs the abandoned one, so retries queue behind it). See docs/providers.md.
   */
  retryTimeouts: boolean;
  /** Aborts the whole call, the wait between attempts included. */
  signal?: AbortSignal;
  sleep: Sleep;
  /** In [0, 1): the jitter source. */
  random: () => number;
  /** What the timeout error names: the endpoint, for the message. */
  endpoint: string;
  onRetry?: (event: { attempt: number; delayMs: number; error: unknown }) => void;
}

export const RETRY_DEFAULTS = {
  /** Three attempts in all: enough to ride out a restart or a brief overload without multiplying a real outage. */
  retries: 2,
  /** A quarter second: a busy engine sheds load in about that time. */
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  /** A Worker request should not sit idle longer than this; past it the caller gets a 503 with the server's retry time. */
  maxRetryAfterMs: 10_000,
  /** Code generation of a few hundred tokens on a loaded GPU takes tens of seconds; a minute means it is stuck. */
  timeoutMs: 60_000,
  /** A timeout is not retried: the same long generation would time out again, behind the first. */
  retryTimeouts: false,
} as const;

export function abortableSleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): uniform in [0, min(cap, base * 2^attempt)). */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(options.random() * ceiling);
}

/** The wait before the next attempt, or undefined when the server asks for longer than we wait. */
export function retryDelay(error: unknown, attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'random'>): number | undefined {
  const retryAfterMs = retryAfterOf(error);
  if (retryAfterMs === undefined) return backoffDelay(attempt, options);
  return retryAfterMs <= options.maxRetryAfterMs ? retryAfterMs : undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('retryAfterMs' in error)) return undefined;
  const value = (error as { retryAfterMs: unknown }).retryAfterMs;
  return typeof value === 'number' ? value : undefined;
}

export function resolveRetryOptions(options: Partial<RetryOptions>): RetryOptions {
  return {
    ...RETRY_DEFAULTS,
    sleep: abortableSleep,
    random: Math.random,
    endpoint: 'the inference endpoint',
    ...options,
  };
}

export interface Attempt {
  /** Aborted when this attempt times out or the whole call is aborted. */
  signal: AbortSignal;
  /** 0 for the first attempt. */
  attempt: number;
}

/**
 * Runs `run` until it succeeds, fails with a non-retryable error, or the retries are spent. Each
 * attempt gets its own deadline; retryable errors wait a backoff or the server's Retry-After.
 */
export async function callWithRetry<T>(run: (attempt: Attempt) => Promise<T>, partialOptions: Partial<RetryOptions> = {}): Promise<T> {
  const options = resolveRetryOptions(partialOptions);
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await withDeadline((signal) => run({ signal, attempt }), options);
    } catch (error) {
      if (options.signal?.aborted || !isRetryableError(error) || attempt >= options.retries) throw error;
      if (error instanceof ProviderTimeoutError && !options.retryTimeouts) throw error;
      const delayMs = retryDelay(error, attempt, options);
      if (delayMs === undefined) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await options.sleep(delayMs, options.signal);
    }
  }
}

/**
 * Runs `run` under a deadline and the caller's signal. Both abort the signal `run` gets, and the
 * returned promise rejects at once even if `run` ignores it.
 */
export async function withDeadline<T>(run: (signal: AbortSignal) => Promise<T>, options: Pick<RetryOptions, 'timeoutMs' | 'signal' | 'endpoint'>): Promise<T> {
  const controller = new AbortController();
  const outer = options.signal;
  if (outer?.aborted) throw abortReason(outer);
  const onOuterAbort = (): void => controller.abort(abortReason(outer));
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const timeout = new ProviderTimeoutError(options.endpoint, options.timeoutMs);
      controller.abort(timeout);
      reject(timeout);
    }, options.timeoutMs);
  });
  const outerAborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  const work = run(controller.signal);
  work.catch(() => undefined);
  outerAborted.catch(() => undefined);
  try {
    return await Promise.race([work, deadline, outerAborted]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

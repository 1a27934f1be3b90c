import type { CircuitBreaker } from './circuit-breaker.js';
import { countsAsEndpointFailure } from './errors.js';
import { callWithRetry, resolveRetryOptions, withDeadline, type RetryOptions } from './resilience.js';
import type { ProviderCallOptions, ProviderRequest, ProviderResult, ProviderV1, StreamPart } from './types.js';

export interface ResilienceOptions {
  retry?: Partial<Omit<RetryOptions, 'signal' | 'endpoint'>>;
  /** Shared by every provider of the isolate; keyed by `provider.endpoint`. */
  breaker?: CircuitBreaker;
}

/**
 * The same provider, with a deadline per attempt, retries with backoff and Retry-After, and a
 * circuit breaker per endpoint. A stream is retried only until its first part arrives (nothing
 * has reached the caller yet); after that, `timeoutMs` bounds the wait for each next part.
 */
export function withResilience(provider: ProviderV1, options: ResilienceOptions = {}): ProviderV1 {
  return {
    specificationVersion: 'v1',
    id: provider.id,
    model: provider.model,
    endpoint: provider.endpoint,
    generate: (request, callOptions = {}) => resilientGenerate(provider, request, callOptions, options),
    stream: (request, callOptions = {}) => resilientStream(provider, request, callOptions, options),
  };
}

function guarded<T>(provider: ProviderV1, breaker: CircuitBreaker | undefined, call: () => Promise<T>): Promise<T> {
  return breaker === undefined ? call() : breaker.run(provider.endpoint, call);
}

/**
 * generate() goes through the engine's stream: an engine stops a streamed generation when the
 * client goes away (llama.cpp, vLLM and SGLang notice it on their next write), while a
 * non-streamed one is run to its end after we gave up on it. So a timeout or the caller's abort
 * frees the engine instead of leaving it busy with an answer nobody reads.
 */
async function resilientGenerate(provider: ProviderV1, request: ProviderRequest, callOptions: ProviderCallOptions, options: ResilienceOptions): Promise<ProviderResult> {
  const result: ProviderResult = { text: '', usage: { prompt_tokens: null, completion_tokens: null }, finish_reason: 'unknown', warnings: [], raw_request_body: {} };
  for await (const part of resilientStream(provider, request, callOptions, options)) {
    if (part.type === 'start') {
      result.warnings = part.warnings.filter((warning) => !(warning.code === 'unsupported' && warning.setting === 'stream'));
      result.raw_request_body = part.raw_request_body;
    } else if (part.type === 'text-delta') result.text += part.text;
    else {
      result.finish_reason = part.finish_reason;
      result.usage = part.usage;
    }
  }
  return result;
}

interface OpenedStream {
  iterator: AsyncIterator<StreamPart>;
  first: IteratorResult<StreamPart>;
  controller: AbortController;
}

/** Links `source` to `target` for as long as the stream lives. */
function follow(source: AbortSignal | undefined, target: AbortController): void {
  if (source === undefined) return;
  if (source.aborted) target.abort(source.reason);
  else source.addEventListener('abort', () => target.abort(source.reason), { once: true });
}

async function* resilientStream(provider: ProviderV1, request: ProviderRequest, callOptions: ProviderCallOptions, options: ResilienceOptions): AsyncGenerator<StreamPart> {
  const retry = resolveRetryOptions({ ...options.retry, signal: callOptions.signal, endpoint: provider.endpoint });
  const opened = await callWithRetry<OpenedStream>(
    ({ signal }) =>
      guarded(provider, options.breaker, async () => {
        const controller = new AbortController();
        follow(signal, controller);
        follow(callOptions.signal, controller);
        const iterator = provider.stream(request, { ...callOptions, signal: controller.signal })[Symbol.asyncIterator]();
        return { iterator, first: await iterator.next(), controller };
      }),
    retry,
  );
  const { iterator, controller } = opened;
  let next = opened.first;
  try {
    while (next.done !== true) {
      yield next.value;
      next = await withDeadline(() => iterator.next(), { timeoutMs: retry.timeoutMs, signal: controller.signal, endpoint: provider.endpoint });
    }
  } catch (error) {
    if (options.breaker !== undefined && countsAsEndpointFailure(error)) options.breaker.recordFailure(provider.endpoint);
    controller.abort(error);
    throw error;
  } finally {
    // Not awaited: a part still pending may only settle once the abort reaches the engine call.
    if (next.done !== true) iterator.return?.().catch(() => undefined);
  }
}

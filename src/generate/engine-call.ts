import type { Attempt, GenerateRequest, Usage } from '../constraints/generate-api.js';
import type { Parsers } from '../extract/parser.js';
import { withResilience, type ChatMessage, type CircuitBreaker, type FinishReason, type ProviderWarning, type RetryOptions } from '../providers/index.js';
import type { IrStore } from './ir-store.js';
import type { ConfiguredProvider } from './providers.js';
import type { ResolvedIr } from './resolve.js';

export interface GenerateServices {
  parsers: () => Promise<Parsers>;
  store: IrStore;
  provider: ConfiguredProvider;
  /** Retry settings (timeout, retries, sleep and jitter injectable) and the isolate's circuit breaker. */
  retry?: Partial<Omit<RetryOptions, 'signal' | 'endpoint' | 'onRetry'>>;
  breaker?: CircuitBreaker;
  /** The caller went away: aborts the engine call. */
  signal?: AbortSignal;
  /** Milliseconds, for timings. */
  now?: () => number;
}

/** Streaming: told when each attempt starts and about each piece of text as the engine writes it. */
export interface GenerateListener {
  onAttempt(attempt: number): void;
  onToken(attempt: number, text: string): void;
}

export interface EngineAnswer {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  warnings: ProviderWarning[];
}

export function emptyAnswer(): EngineAnswer {
  return { text: '', finishReason: 'unknown', usage: { prompt_tokens: null, completion_tokens: null }, warnings: [] };
}

export interface EngineCall {
  services: GenerateServices;
  request: GenerateRequest;
  resolved: ResolvedIr;
  messages: ChatMessage[];
  attempt: number;
  listener: GenerateListener | undefined;
  /** Filled with each retry inside the call. */
  retries: Attempt['retries'];
}

/** Fills `answer` as the engine writes, so a call that breaks mid-stream still shows what came. */
export async function callEngine({ services, request, resolved, messages, attempt, listener, retries }: EngineCall, answer: EngineAnswer): Promise<void> {
  const provider = withResilience(services.provider.provider, {
    retry: { ...services.retry, onRetry: ({ delayMs, error }) => retries.push({ delay_ms: delayMs, error: String((error as Error)?.message ?? error).slice(0, 200) }) },
    ...(services.breaker ? { breaker: services.breaker } : {}),
  });
  const call = { messages, ir: resolved.ir, max_tokens: request.max_tokens, temperature: request.temperature, ...(request.seed === undefined ? {} : { seed: request.seed }) };
  const options = services.signal ? { signal: services.signal } : {};
  if (!listener) {
    const result = await provider.generate(call, options);
    Object.assign(answer, { text: result.text, finishReason: result.finish_reason, usage: result.usage, warnings: result.warnings });
    return;
  }
  for await (const part of provider.stream(call, options)) {
    if (part.type === 'start') answer.warnings = part.warnings;
    else if (part.type === 'text-delta') {
      answer.text += part.text;
      listener.onToken(attempt, part.text);
    } else {
      answer.finishReason = part.finish_reason;
      answer.usage = part.usage;
    }
  }
}

import { AnankeError } from '../errors.js';
import type { CircuitBreakerOptions } from './circuit-breaker.js';
import { createLlamaCppProvider, type LlamaCppRoute } from './llama-cpp.js';
import { createOpenAIProvider } from './openai.js';
import type { RetryOptions } from './resilience.js';
import { createSeedServiceProvider } from './seed-service.js';
import { createSglangProvider, type SglangBackend, type SglangRoute } from './sglang.js';
import type { ProviderV1 } from './types.js';
import { createVllmProvider, type VllmBackend } from './vllm.js';
import { createWorkersAIProvider, type AiBinding } from './workers-ai.js';

/**
 * Which engine to call, where, and with which key: from Worker vars, secrets and bindings only.
 * Nothing here reads a request body, so no caller can point the function at another URL.
 */
export interface ProviderBindings {
  /** vllm | sglang | llama-cpp | openai | workers-ai | seed */
  INFERENCE_PROVIDER?: string;
  /** Server root (vllm, sglang, llama-cpp, seed); for openai, where /chat/completions is appended. */
  INFERENCE_BASE_URL?: string;
  INFERENCE_MODEL?: string;
  /** Secret. */
  INFERENCE_API_KEY?: string;
  /** vllm: xgrammar | guidance; sglang: xgrammar | llguidance. */
  INFERENCE_BACKEND?: string;
  /** sglang: openai | native; llama-cpp: chat | completion. */
  INFERENCE_ROUTE?: string;
  INFERENCE_TIMEOUT_MS?: string;
  INFERENCE_RETRIES?: string;
  INFERENCE_BREAKER_FAILURES?: string;
  INFERENCE_BREAKER_COOLDOWN_MS?: string;
  /** The Workers AI binding (`[ai] binding = "AI"`). */
  AI?: AiBinding;
  /** The seed system's own names, read when the INFERENCE_* ones are absent. */
  MODAL_ENDPOINT?: string;
  MODAL_API_KEY?: string;
  MODAL_MODEL?: string;
}

export const PROVIDER_IDS = ['vllm', 'sglang', 'llama-cpp', 'openai', 'workers-ai', 'seed'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

const VARS_HINT = 'under [vars] in wrangler.toml';

function notConfigured(message: string, hint: string, missing: string): AnankeError {
  return new AnankeError('unavailable', message, hint, { reason: 'provider_not_configured', setting: missing });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function providerId(bindings: ProviderBindings): ProviderId {
  const requested = nonEmpty(bindings.INFERENCE_PROVIDER);
  const hint = `Set INFERENCE_PROVIDER to one of ${PROVIDER_IDS.join(', ')} ${VARS_HINT}.`;
  if (requested === undefined) throw notConfigured('No inference provider is configured: INFERENCE_PROVIDER is not set.', hint, 'INFERENCE_PROVIDER');
  const known = PROVIDER_IDS.find((id) => id === requested.toLowerCase());
  if (known === undefined) throw notConfigured(`INFERENCE_PROVIDER is "${requested}", which is not a known provider.`, hint, 'INFERENCE_PROVIDER');
  return known;
}

function baseUrl(bindings: ProviderBindings, id: ProviderId, fallback?: string): string {
  const value = nonEmpty(bindings.INFERENCE_BASE_URL) ?? (id === 'seed' ? nonEmpty(bindings.MODAL_ENDPOINT) : undefined) ?? fallback;
  const hint = `Set INFERENCE_BASE_URL to the ${id} server's root URL (e.g. https://gpu-1.example.com:8000) ${VARS_HINT}, or run \`wrangler secret put INFERENCE_BASE_URL\` to keep the address private.`;
  if (value === undefined) throw notConfigured(`The ${id} provider needs INFERENCE_BASE_URL, which is not set.`, hint, 'INFERENCE_BASE_URL');
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw notConfigured(`INFERENCE_BASE_URL is not a URL.`, hint, 'INFERENCE_BASE_URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw notConfigured(`INFERENCE_BASE_URL must be http(s), not ${parsed.protocol}`, hint, 'INFERENCE_BASE_URL');
  return value;
}

function model(bindings: ProviderBindings, id: ProviderId, fallback?: string): string {
  const value = nonEmpty(bindings.INFERENCE_MODEL) ?? (id === 'seed' ? nonEmpty(bindings.MODAL_MODEL) : undefined) ?? fallback;
  if (value !== undefined) return value;
  throw notConfigured(
    `The ${id} provider needs INFERENCE_MODEL, which is not set.`,
    `Set INFERENCE_MODEL to the model name the server serves (e.g. Qwen/Qwen2.5-Coder-7B-Instruct, or @cf/meta/llama-3.1-8b-instruct for Workers AI) ${VARS_HINT}.`,
    'INFERENCE_MODEL',
  );
}

function apiKey(bindings: ProviderBindings, id: ProviderId): string | undefined {
  return nonEmpty(bindings.INFERENCE_API_KEY) ?? (id === 'seed' ? nonEmpty(bindings.MODAL_API_KEY) : undefined);
}

function requiredApiKey(bindings: ProviderBindings, id: ProviderId): string {
  const key = apiKey(bindings, id);
  if (key !== undefined) return key;
  throw notConfigured(`The ${id} provider needs an API key, and the INFERENCE_API_KEY secret is not set.`, 'Run `wrangler secret put INFERENCE_API_KEY` and paste the key.', 'INFERENCE_API_KEY');
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], name: string, id: ProviderId): T | undefined {
  const requested = nonEmpty(value);
  if (requested === undefined) return undefined;
  const known = allowed.find((candidate) => candidate === requested.toLowerCase());
  if (known !== undefined) return known;
  throw notConfigured(`${name} is "${requested}", which ${id} does not have.`, `Set ${name} to one of ${allowed.join(', ')} ${VARS_HINT}, or remove it.`, name);
}

/** The provider the bindings describe. Throws AnankeError (503) naming the exact fix when they are incomplete. */
export function providerFromConfig(bindings: ProviderBindings): ProviderV1 {
  const id = providerId(bindings);
  switch (id) {
    case 'vllm':
      return createVllmProvider({
        baseUrl: baseUrl(bindings, id),
        model: model(bindings, id),
        apiKey: apiKey(bindings, id),
        backend: choice<VllmBackend>(bindings.INFERENCE_BACKEND, ['xgrammar', 'guidance'], 'INFERENCE_BACKEND', id),
      });
    case 'sglang':
      return createSglangProvider({
        baseUrl: baseUrl(bindings, id),
        model: model(bindings, id),
        apiKey: apiKey(bindings, id),
        backend: choice<SglangBackend>(bindings.INFERENCE_BACKEND, ['xgrammar', 'llguidance'], 'INFERENCE_BACKEND', id),
        route: choice<SglangRoute>(bindings.INFERENCE_ROUTE, ['openai', 'native'], 'INFERENCE_ROUTE', id),
      });
    case 'llama-cpp':
      return createLlamaCppProvider({
        baseUrl: baseUrl(bindings, id),
        model: model(bindings, id, 'default'),
        apiKey: apiKey(bindings, id),
        route: choice<LlamaCppRoute>(bindings.INFERENCE_ROUTE, ['chat', 'completion'], 'INFERENCE_ROUTE', id),
      });
    case 'openai':
      return createOpenAIProvider({ baseUrl: nonEmpty(bindings.INFERENCE_BASE_URL) === undefined ? undefined : baseUrl(bindings, id), model: model(bindings, id), apiKey: requiredApiKey(bindings, id) });
    case 'workers-ai':
      if (bindings.AI === undefined) {
        throw notConfigured('The workers-ai provider needs the AI binding, which is not bound.', 'Add `[ai]` with `binding = "AI"` to wrangler.toml and deploy again.', 'AI');
      }
      return createWorkersAIProvider({ binding: bindings.AI, model: model(bindings, id) });
    case 'seed':
      return createSeedServiceProvider({ baseUrl: baseUrl(bindings, id), apiKey: apiKey(bindings, id), model: model(bindings, id, 'default') });
  }
}

function integer(value: string | undefined, name: string, minimum: number): number | undefined {
  const text = nonEmpty(value);
  if (text === undefined) return undefined;
  const parsed = Number(text);
  if (Number.isInteger(parsed) && parsed >= minimum) return parsed;
  throw notConfigured(`${name} is "${text}", not a whole number >= ${minimum}.`, `Set ${name} to a whole number >= ${minimum} ${VARS_HINT}, or remove it for the default.`, name);
}

/** Retry and breaker settings from vars; absent ones keep their defaults (resilience.ts, circuit-breaker.ts). */
export function resilienceFromConfig(bindings: ProviderBindings): { retry: Partial<RetryOptions>; breaker: Partial<CircuitBreakerOptions> } {
  const timeoutMs = integer(bindings.INFERENCE_TIMEOUT_MS, 'INFERENCE_TIMEOUT_MS', 1);
  const retries = integer(bindings.INFERENCE_RETRIES, 'INFERENCE_RETRIES', 0);
  const failureThreshold = integer(bindings.INFERENCE_BREAKER_FAILURES, 'INFERENCE_BREAKER_FAILURES', 1);
  const coolDownMs = integer(bindings.INFERENCE_BREAKER_COOLDOWN_MS, 'INFERENCE_BREAKER_COOLDOWN_MS', 0);
  return {
    retry: { ...(timeoutMs === undefined ? {} : { timeoutMs }), ...(retries === undefined ? {} : { retries }) },
    breaker: { ...(failureThreshold === undefined ? {} : { failureThreshold }), ...(coolDownMs === undefined ? {} : { coolDownMs }) },
  };
}

import { describe, expect, it } from 'vitest';
import { AnankeError } from '../../src/errors.js';
import { providerFromConfig, resilienceFromConfig, type ProviderBindings } from '../../src/providers/registry.js';
import type { AiBinding } from '../../src/providers/workers-ai.js';

function failure(bindings: ProviderBindings): { status: number; code: string; message: string; hint: string; setting: unknown } {
  try {
    providerFromConfig(bindings);
  } catch (error) {
    if (!(error instanceof AnankeError)) throw error;
    return { status: error.status, code: error.code, message: error.message, hint: error.hint, setting: error.details?.['setting'] };
  }
  throw new Error('expected providerFromConfig to throw');
}

const AI: AiBinding = { run: async () => ({ response: '' }) };

describe('providerFromConfig', () => {
  it('builds each provider from vars, secrets and bindings', () => {
    const built = [
      providerFromConfig({ INFERENCE_PROVIDER: 'vllm', INFERENCE_BASE_URL: 'http://gpu-1:8000', INFERENCE_MODEL: 'qwen', INFERENCE_BACKEND: 'guidance' }),
      providerFromConfig({ INFERENCE_PROVIDER: 'SGLang', INFERENCE_BASE_URL: 'http://gpu-2:30000', INFERENCE_MODEL: 'qwen', INFERENCE_ROUTE: 'native' }),
      providerFromConfig({ INFERENCE_PROVIDER: 'llama-cpp', INFERENCE_BASE_URL: 'http://127.0.0.1:8080/' }),
      providerFromConfig({ INFERENCE_PROVIDER: 'openai', INFERENCE_MODEL: 'gpt-4o-2024-08-06', INFERENCE_API_KEY: 'sk-1' }),
      providerFromConfig({ INFERENCE_PROVIDER: 'workers-ai', INFERENCE_MODEL: '@cf/meta/llama-3.1-8b-instruct', AI }),
      providerFromConfig({ INFERENCE_PROVIDER: 'seed', MODAL_ENDPOINT: 'https://ananke--inference.modal.run', MODAL_API_KEY: 'k' }),
    ];
    expect(built.map((provider) => [provider.id, provider.model, provider.endpoint])).toEqual([
      ['vllm', 'qwen', 'http://gpu-1:8000/'],
      ['sglang', 'qwen', 'http://gpu-2:30000/'],
      ['llama-cpp', 'default', 'http://127.0.0.1:8080/'],
      ['openai', 'gpt-4o-2024-08-06', 'https://api.openai.com/v1'],
      ['workers-ai', '@cf/meta/llama-3.1-8b-instruct', 'workers-ai:@cf/meta/llama-3.1-8b-instruct'],
      ['seed', 'default', 'https://ananke--inference.modal.run/'],
    ]);
  });

  it('names the exact wrangler command for a missing secret', () => {
    expect(failure({ INFERENCE_PROVIDER: 'openai', INFERENCE_MODEL: 'gpt-4o' })).toEqual({
      status: 503,
      code: 'unavailable',
      message: 'The openai provider needs an API key, and the INFERENCE_API_KEY secret is not set.',
      hint: 'Run `wrangler secret put INFERENCE_API_KEY` and paste the key.',
      setting: 'INFERENCE_API_KEY',
    });
  });

  it('says which providers exist when the id is unknown or missing', () => {
    const hint = 'Set INFERENCE_PROVIDER to one of vllm, sglang, llama-cpp, openai, workers-ai, seed under [vars] in wrangler.toml.';
    expect(failure({ INFERENCE_PROVIDER: 'tgi' })).toMatchObject({ message: 'INFERENCE_PROVIDER is "tgi", which is not a known provider.', hint });
    expect(failure({})).toMatchObject({ message: 'No inference provider is configured: INFERENCE_PROVIDER is not set.', hint });
  });

  it('rejects a missing or non-http base URL, a missing model, an unknown backend and a missing AI binding', () => {
    expect(failure({ INFERENCE_PROVIDER: 'vllm', INFERENCE_MODEL: 'q' }).setting).toBe('INFERENCE_BASE_URL');
    expect(failure({ INFERENCE_PROVIDER: 'vllm', INFERENCE_MODEL: 'q', INFERENCE_BASE_URL: 'file:///etc/passwd' }).message).toBe('INFERENCE_BASE_URL must be http(s), not file:');
    expect(failure({ INFERENCE_PROVIDER: 'sglang', INFERENCE_BASE_URL: 'http://h' }).setting).toBe('INFERENCE_MODEL');
    expect(failure({ INFERENCE_PROVIDER: 'vllm', INFERENCE_MODEL: 'q', INFERENCE_BASE_URL: 'http://h', INFERENCE_BACKEND: 'outlines' })).toMatchObject({
      message: 'INFERENCE_BACKEND is "outlines", which vllm does not have.',
      hint: 'Set INFERENCE_BACKEND to one of xgrammar, guidance under [vars] in wrangler.toml, or remove it.',
    });
    expect(failure({ INFERENCE_PROVIDER: 'workers-ai', INFERENCE_MODEL: '@cf/x' })).toMatchObject({ setting: 'AI', hint: 'Add `[ai]` with `binding = "AI"` to wrangler.toml and deploy again.' });
  });
});

describe('resilienceFromConfig', () => {
  it('reads whole numbers and leaves absent settings to the defaults', () => {
    expect(resilienceFromConfig({ INFERENCE_TIMEOUT_MS: '45000', INFERENCE_RETRIES: '0', INFERENCE_BREAKER_FAILURES: '3' })).toEqual({
      retry: { timeoutMs: 45_000, retries: 0 },
      breaker: { failureThreshold: 3 },
    });
    expect(resilienceFromConfig({})).toEqual({ retry: {}, breaker: {} });
    expect(() => resilienceFromConfig({ INFERENCE_RETRIES: '-1' })).toThrow('INFERENCE_RETRIES is "-1", not a whole number >= 0.');
  });
});

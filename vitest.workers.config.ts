import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// One project per Worker: each runs its tests inside workerd with that Worker's own wrangler config.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './functions/extract/wrangler.toml' } })],
        test: { name: 'extract-worker', include: ['test/workers/extract*.test.ts'], testTimeout: 60_000 },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './functions/compile/wrangler.toml' } })],
        test: { name: 'compile-worker', include: ['test/workers/compile*.test.ts'], testTimeout: 60_000 },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // Each stage Worker is played by a handler that echoes what it received, so forwarding is observable.
              serviceBindings: Object.fromEntries(
                ['EXTRACT', 'COMPILE', 'GENERATE'].map((stage) => [
                  stage,
                  async (request: Request) => Response.json({ stage: stage.toLowerCase(), method: request.method, path: new URL(request.url).pathname, body: await request.text() }),
                ]),
              ),
            },
          }),
        ],
        test: { name: 'gateway', include: ['test/workers/gateway*.test.ts'], testTimeout: 60_000 },
      },
      {
        plugins: [cloudflareTest({ miniflare: { compatibilityDate: '2026-04-01', kvNamespaces: ['CONSTRAINT_CACHE'] } })],
        test: { name: 'cache-kv', include: ['test/workers/cache-*.test.ts'], testTimeout: 60_000 },
      },
      {
        plugins: [
          // The inference URLs are the Worker's own bindings, pointing at reference engines the globalSetup starts on loopback.
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './functions/generate/wrangler.toml' },
            miniflare: {
              bindings: {
                INFERENCE_PROVIDER: 'vllm',
                INFERENCE_BASE_URL: inject('referenceEngineUrl'),
                INFERENCE_MODEL: 'reference-engine',
                INFERENCE_RETRIES: '0',
                INFERENCE_PROVIDERS: JSON.stringify({
                  'local-llama': { INFERENCE_PROVIDER: 'llama-cpp', INFERENCE_BASE_URL: inject('referenceEngineUrl') },
                  malformed: { INFERENCE_PROVIDER: 'vllm', INFERENCE_BASE_URL: inject('malformedEngineUrl'), INFERENCE_MODEL: 'reference-engine' },
                  unconstrained: { INFERENCE_PROVIDER: 'vllm', INFERENCE_BASE_URL: inject('unconstrainedEngineUrl'), INFERENCE_MODEL: 'reference-engine' },
                }),
              },
            },
          })),
        ],
        test: { name: 'generate-worker', include: ['test/workers/generate*.test.ts'], globalSetup: ['test/generate/engine.global-setup.ts'], testTimeout: 60_000 },
      },
    ],
  },
});

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
              // The stage Worker is played by a handler that echoes what it received, so forwarding is observable.
              serviceBindings: {
                EXTRACT: async (request: Request) =>
                  Response.json({ stage: 'extract', method: request.method, path: new URL(request.url).pathname, body: await request.text() }),
              },
            },
          }),
        ],
        test: { name: 'gateway', include: ['test/workers/gateway*.test.ts'], testTimeout: 60_000 },
      },
      {
        plugins: [cloudflareTest({ miniflare: { compatibilityDate: '2026-04-01', kvNamespaces: ['CONSTRAINT_CACHE'] } })],
        test: { name: 'cache-kv', include: ['test/workers/cache-*.test.ts'], testTimeout: 60_000 },
      },
    ],
  },
});

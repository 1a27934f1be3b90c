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
        plugins: [cloudflareTest({ miniflare: { compatibilityDate: '2026-04-01', kvNamespaces: ['CONSTRAINT_CACHE'] } })],
        test: { name: 'cache-kv', include: ['test/workers/cache-*.test.ts'], testTimeout: 60_000 },
      },
    ],
  },
});

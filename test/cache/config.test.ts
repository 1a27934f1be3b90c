import { describe, expect, it } from 'vitest';
import { cacheFromConfig, type CacheBindings, type ConfiguredCache } from '../../src/cache/config.js';
import { LayeredCache } from '../../src/cache/layered.js';
import type { CacheLogger } from '../../src/cache/logger.js';
import { UpstashCache } from '../../src/cache/upstash.js';
import { useRedisFixture } from './redis-fixture.js';

const redis = useRedisFixture();

function configure(bindings: CacheBindings): ConfiguredCache & { logged: { message: string; fields: Record<string, unknown> }[] } {
  const logged: { message: string; fields: Record<string, unknown> }[] = [];
  const logger: CacheLogger = { warn: (message, fields) => logged.push({ message, fields }) };
  return { ...cacheFromConfig(bindings, { logger, upstash: { keyPrefix: redis.nextPrefix() } }), logged };
}

function upstashSecrets(): CacheBindings {
  return { UPSTASH_REDIS_REST_URL: redis.bridge.url, UPSTASH_REDIS_REST_TOKEN: redis.bridge.token };
}

describe('cacheFromConfig', () => {
  it('uses the memory cache, silently, when nothing is configured', () => {
    const { cache, warnings, logged } = configure({});
    expect(cache.name).toBe('memory');
    expect(warnings).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('puts memory in front of Upstash when both secrets are set, and it works end to end', async () => {
    const { cache, warnings } = configure(upstashSecrets());
    expect(warnings).toEqual([]);
    expect(cache).toBeInstanceOf(LayeredCache);
    const layered = cache as LayeredCache;
    expect([layered.memory.name, layered.remote.name]).toEqual(['memory', 'upstash']);
    await cache.set('ir_configured', 'value');
    const prefix = (layered.remote as UpstashCache).keyPrefix;
    expect(await redis.keysUnder(prefix)).toEqual([`${prefix}ir_configured`]);
  });

  it('uses Upstash alone for CACHE_BACKEND=upstash', () => {
    const { cache } = configure({ ...upstashSecrets(), CACHE_BACKEND: ' Upstash ' });
    expect(cache).toBeInstanceOf(UpstashCache);
  });

  it('warns with the exact command when the token is missing, and falls back to memory', () => {
    const { cache, warnings, logged } = configure({ UPSTASH_REDIS_REST_URL: redis.bridge.url, UPSTASH_REDIS_REST_TOKEN: '  ' });
    expect(cache.name).toBe('memory');
    expect(warnings).toEqual([
      {
        code: 'cache_secret_missing',
        message: 'Upstash Redis is not configured: UPSTASH_REDIS_REST_TOKEN is not set; the Upstash cache is off.',
        fix: 'wrangler secret put UPSTASH_REDIS_REST_TOKEN',
      },
    ]);
    expect(logged).toEqual([
      { message: warnings[0]?.message, fields: { code: 'cache_secret_missing', fix: 'wrangler secret put UPSTASH_REDIS_REST_TOKEN', cache: 'memory' } },
    ]);
  });

  it('names both secrets when CACHE_BACKEND=upstash has neither', () => {
    const { cache, warnings } = configure({ CACHE_BACKEND: 'upstash' });
    expect(cache.name).toBe('memory');
    expect(warnings.map((warning) => warning.fix)).toEqual([
      'wrangler secret put UPSTASH_REDIS_REST_URL && wrangler secret put UPSTASH_REDIS_REST_TOKEN',
    ]);
  });

  it('says how to bind KV when CACHE_BACKEND=kv has no binding', () => {
    const { cache, warnings } = configure({ CACHE_BACKEND: 'kv' });
    expect(cache.name).toBe('memory');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.code).toBe('cache_binding_missing');
    expect(warnings[0]?.fix).toContain('wrangler kv namespace create CONSTRAINT_CACHE');
  });

  it('warns when CACHE_BACKEND=layered has no remote, and when CACHE_BACKEND is unknown', () => {
    expect(configure({ CACHE_BACKEND: 'layered' }).warnings.map((warning) => warning.code)).toEqual(['cache_binding_missing']);
    const unknown = configure({ ...upstashSecrets(), CACHE_BACKEND: 'redis' });
    expect(unknown.warnings.map((warning) => warning.code)).toEqual(['cache_backend_unknown']);
    expect(unknown.cache.name).toBe('layered');
  });

  it('honours CACHE_BACKEND=memory even with secrets set', () => {
    const { cache, warnings } = configure({ ...upstashSecrets(), CACHE_BACKEND: 'memory' });
    expect([cache.name, warnings]).toEqual(['memory', []]);
  });

  it('turns an unusable Upstash URL into a warning instead of a crash', () => {
    const { cache, warnings } = configure({ UPSTASH_REDIS_REST_URL: 'redis.example', UPSTASH_REDIS_REST_TOKEN: 'token' });
    expect(cache.name).toBe('memory');
    expect(warnings.map((warning) => warning.code)).toEqual(['cache_config_invalid']);
    expect(warnings[0]?.fix).toBe('Copy the https REST URL from the Upstash console and run `wrangler secret put UPSTASH_REDIS_REST_URL`.');
  });
});

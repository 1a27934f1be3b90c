import { reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { cacheFromConfig } from '../../src/cache/config.js';
import { KvCache, KV_MIN_TTL_SECONDS, kvExpirationTtl } from '../../src/cache/kv.js';
import { LayeredCache } from '../../src/cache/layered.js';
import { MemoryCache } from '../../src/cache/memory.js';
import { runCacheContract, type ExpiryProbe } from '../cache/contract.js';

const namespace = (env as unknown as { CONSTRAINT_CACHE: KVNamespace }).CONSTRAINT_CACHE;
const silent = { warn: () => undefined };

/**
 * KV will not expire anything sooner than 60 s, too long to wait for in a test: the contract
 * checks the expiration KV recorded instead (list() reports it in seconds since the epoch).
 */
const kvExpiry: ExpiryProbe = {
  kind: 'remaining',
  minimumTtlSeconds: KV_MIN_TTL_SECONDS,
  async remainingTtlSeconds(key) {
    const listed = await namespace.list({ prefix: key });
    const expiration = listed.keys.find((entry) => entry.name === key)?.expiration;
    return expiration === undefined ? undefined : expiration - Date.now() / 1000;
  },
};

runCacheContract('kv', async () => {
  await reset();
  return { cache: new KvCache(namespace), expiry: kvExpiry };
});

runCacheContract('layered', async () => {
  await reset();
  return { cache: new LayeredCache(new MemoryCache(), new KvCache(namespace), { logger: silent }), expiry: kvExpiry };
});

describe('KvCache inside workerd', () => {
  it('raises a TTL under 60 s to 60 s and rounds up to whole seconds', () => {
    expect([1, 59.2, 60, 61.5, 3600].map(kvExpirationTtl)).toEqual([60, 60, 60, 62, 3600]);
  });

  it('writes plain text values that other KV readers see unchanged', async () => {
    await reset();
    const cache = new KvCache(namespace);
    await cache.set('ir_text', '{"id":"ir_text"}');
    expect(await namespace.get('ir_text', 'text')).toBe('{"id":"ir_text"}');
  });

  it('cacheFromConfig(env) puts memory in front of the CONSTRAINT_CACHE binding', async () => {
    await reset();
    const { cache, warnings } = cacheFromConfig({ CONSTRAINT_CACHE: namespace }, { logger: silent });
    expect(warnings).toEqual([]);
    expect(cache).toBeInstanceOf(LayeredCache);
    expect((cache as LayeredCache).remote.name).toBe('kv');
    await cache.set('ir_configured', 'value', { ttlSeconds: 300 });
    expect(await namespace.get('ir_configured', 'text')).toBe('value');
    expect(cacheFromConfig({ CONSTRAINT_CACHE: namespace, CACHE_BACKEND: 'kv' }, { logger: silent }).cache).toBeInstanceOf(KvCache);
  });
});

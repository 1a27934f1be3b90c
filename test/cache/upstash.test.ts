import { describe, expect, it } from 'vitest';
import { UpstashCache } from '../../src/cache/upstash.js';
import { freePort } from '../support/redis-server.js';
import { replyText } from '../support/resp.js';
import { runCacheContract } from './contract.js';
import { useRedisFixture } from './redis-fixture.js';

const redis = useRedisFixture();
const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

runCacheContract('upstash', () => ({ cache: redis.upstash(), expiry: { kind: 'wait', sleep } }));

describe('UpstashCache against redis-server through the REST bridge', () => {
  it('stores values under its key prefix, with SET EX in whole seconds for a TTL', async () => {
    const cache = redis.upstash();
    await cache.set('ir_plain', '{"a":1}');
    await cache.set('ir_minutes', 'v', { ttlSeconds: 120 });
    await cache.set('ir_fraction', 'v', { ttlSeconds: 1.2 });
    const client = redis.server.client;
    expect(replyText(await client.command('GET', `${cache.keyPrefix}ir_plain`))).toBe('{"a":1}');
    expect(await client.command('TTL', `${cache.keyPrefix}ir_plain`)).toBe(-1);
    expect(await client.command('TTL', `${cache.keyPrefix}ir_minutes`)).toBe(120);
    expect(await client.command('TTL', `${cache.keyPrefix}ir_fraction`)).toBe(2);
    expect(await redis.keysUnder(cache.keyPrefix)).toEqual(['ir_fraction', 'ir_minutes', 'ir_plain'].map((key) => cache.keyPrefix + key));
  });

  it('keeps two prefixes apart in one database', async () => {
    const first = redis.upstash();
    const second = redis.upstash();
    await first.set('ir_shared', 'from first');
    expect(await second.get('ir_shared')).toBeUndefined();
    await second.set('ir_shared', 'from second');
    expect([await first.get('ir_shared'), await second.get('ir_shared')]).toEqual(['from first', 'from second']);
  });

  it('throws an unavailable error, counted, when the token is wrong', async () => {
    const cache = redis.upstash({ token: 'not-the-token' });
    await expect(cache.get('ir_any')).rejects.toMatchObject({
      code: 'unavailable',
      status: 503,
      details: { cache: 'upstash', operation: 'get', reason: 'error' },
    });
    await expect(cache.get('ir_any')).rejects.toThrow('The upstash cache failed a get: UpstashError: Unauthorized');
    expect(cache.stats()).toEqual({ hits: 0, misses: 0, sets: 0, deletes: 0, errors: 2, timeouts: 0 });
  });

  it('cuts the echoed command out of error messages after 200 characters', async () => {
    const cache = redis.upstash({ token: 'not-the-token' });
    const error = await cache.set('ir_big', 'x'.repeat(100_000)).then(
      () => new Error('expected the set to fail'),
      (caught: unknown) => caught as Error,
    );
    expect(error.message.startsWith('The upstash cache failed a set: UpstashError: Unauthorized, command was:')).toBe(true);
    expect(error.message.length).toBe('The upstash cache failed a set: '.length + 200 + 3);
  });

  it('aborts a call that outlives timeoutMs and counts a timeout', async () => {
    const cache = redis.upstash({ timeoutMs: 100 });
    redis.bridge.delayMs = 400;
    try {
      const started = performance.now();
      await expect(cache.get('ir_slow')).rejects.toMatchObject({
        code: 'unavailable',
        message: 'The upstash cache did not answer a get within 100 ms.',
        details: { reason: 'timeout', timeout_ms: 100 },
      });
      expect(performance.now() - started).toBeLessThan(350);
    } finally {
      redis.bridge.delayMs = 0;
    }
    expect(cache.stats()).toEqual({ hits: 0, misses: 0, sets: 0, deletes: 0, errors: 0, timeouts: 1 });
  });

  it('fails fast with an error when nothing listens at the URL (no retries by default)', async () => {
    const port = await freePort();
    const cache = new UpstashCache({ url: `http://127.0.0.1:${port}`, token: 'unused' });
    const started = performance.now();
    await expect(cache.set('ir_nowhere', 'v')).rejects.toMatchObject({ code: 'unavailable', details: { reason: 'error' } });
    expect(performance.now() - started).toBeLessThan(500);
    expect(cache.stats().errors).toBe(1);
  });
});

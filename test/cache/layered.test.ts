import { describe, expect, it } from 'vitest';
import { LayeredCache, LAYERED_CACHE_DEFAULTS, type LayeredCacheOptions } from '../../src/cache/layered.js';
import type { CacheLogger } from '../../src/cache/logger.js';
import { MemoryCache } from '../../src/cache/memory.js';
import { lookupInCache } from '../../src/cache/index.js';
import type { ConstraintCache } from '../../src/cache/types.js';
import { startUpstashBridge } from '../support/upstash-bridge.js';
import { runCacheContract } from './contract.js';
import { useRedisFixture } from './redis-fixture.js';

const redis = useRedisFixture();
const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

interface LoggedWarning {
  message: string;
  fields: Record<string, unknown>;
}

function collectingLogger(): CacheLogger & { warnings: LoggedWarning[] } {
  const warnings: LoggedWarning[] = [];
  return { warnings, warn: (message, fields) => warnings.push({ message, fields }) };
}

function layered(remote: ConstraintCache, options: LayeredCacheOptions = {}): LayeredCache & { logged: LoggedWarning[] } {
  const logger = collectingLogger();
  return Object.assign(new LayeredCache(new MemoryCache(), remote, { logger, ...options }), { logged: logger.warnings });
}

runCacheContract('layered', () => ({ cache: layered(redis.upstash()), expiry: { kind: 'wait', sleep } }));

describe('LayeredCache: memory in front of Upstash', () => {
  it('defaults to a 50 ms read timeout, a 1 s write timeout and a 300 s memory fill', () => {
    expect(LAYERED_CACHE_DEFAULTS).toEqual({ readTimeoutMs: 50, writeTimeoutMs: 1000, fillTtlSeconds: 300 });
  });

  it('answers a memory hit without asking the remote', async () => {
    const cache = layered(redis.upstash());
    await cache.set('ir_hot', 'value');
    const requestsBefore = redis.bridge.requestCount;
    expect(await cache.lookup('ir_hot')).toEqual({ status: 'hit', value: 'value', layer: 'memory' });
    expect(redis.bridge.requestCount).toBe(requestsBefore);
  });

  it('writes through to the remote, and fills memory from a remote hit', async () => {
    const remote = redis.upstash();
    const writer = layered(remote);
    await writer.set('ir_shared', 'compiled', { ttlSeconds: 120 });
    expect(await redis.server.client.command('TTL', `${remote.keyPrefix}ir_shared`)).toBe(120);

    const reader = layered(remote);
    expect(await reader.lookup('ir_shared')).toEqual({ status: 'hit', value: 'compiled', layer: 'remote' });
    const requestsBefore = redis.bridge.requestCount;
    expect(await reader.lookup('ir_shared')).toEqual({ status: 'hit', value: 'compiled', layer: 'memory' });
    expect(redis.bridge.requestCount).toBe(requestsBefore);
    expect(reader.layerStats()).toEqual({
      layered: { hits: 2, misses: 0, sets: 0, deletes: 0, errors: 0, timeouts: 0 },
      memory: { hits: 1, misses: 1, sets: 1, deletes: 0, errors: 0, timeouts: 0 },
      // The writer and the reader share this remote instance: the writer's set is counted here too.
      remote: { hits: 1, misses: 0, sets: 1, deletes: 0, errors: 0, timeouts: 0 },
    });
  });

  it('deletes from both layers', async () => {
    const remote = redis.upstash();
    const cache = layered(remote);
    await cache.set('ir_gone', 'value');
    await cache.delete('ir_gone');
    expect(await redis.keysUnder(remote.keyPrefix)).toEqual([]);
    expect(await cache.lookup('ir_gone')).toEqual({ status: 'miss' });
  });

  it('hands the remote write to waitUntil and resolves once memory holds the value', async () => {
    const remote = redis.upstash();
    const cache = layered(remote);
    const handedOff: Promise<unknown>[] = [];
    redis.bridge.delayMs = 200;
    try {
      await cache.set('ir_background', 'value', { waitUntil: (promise) => handedOff.push(promise) });
      expect(handedOff).toHaveLength(1);
      let remoteWriteDone = false;
      void handedOff[0]?.then(() => (remoteWriteDone = true));
      expect(await cache.get('ir_background')).toBe('value');
      expect(remoteWriteDone).toBe(false);
      await cache.flush();
      expect(remoteWriteDone).toBe(true);
      await expect(handedOff[0]).resolves.toBeUndefined();
      expect(await redis.keysUnder(remote.keyPrefix)).toEqual([`${remote.keyPrefix}ir_background`]);
    } finally {
      redis.bridge.delayMs = 0;
    }
    expect(cache.stats()).toEqual({ hits: 1, misses: 0, sets: 1, deletes: 0, errors: 0, timeouts: 0 });
  });
});

describe('LayeredCache fails open', () => {
  it('a remote that throws (wrong token): get misses as bypass, set and delete resolve, all counted and logged', async () => {
    const remote = redis.upstash({ token: 'not-the-token' });
    const cache = layered(remote);
    expect(await cache.lookup('ir_cold')).toEqual({ status: 'bypass' });
    await expect(cache.set('ir_cold', 'compiled')).resolves.toBeUndefined();
    expect(await cache.lookup('ir_cold')).toEqual({ status: 'hit', value: 'compiled', layer: 'memory' });
    await expect(cache.delete('ir_cold')).resolves.toBeUndefined();
    expect(await cache.get('ir_cold')).toBeUndefined();
    expect(cache.stats()).toEqual({ hits: 1, misses: 2, sets: 1, deletes: 1, errors: 4, timeouts: 0 });
    expect(cache.logged.map((entry) => [entry.fields['operation'], entry.fields['reason']])).toEqual([
      ['get', 'error'],
      ['set', 'error'],
      ['delete', 'error'],
      ['get', 'error'],
    ]);
    expect(cache.logged[0]).toEqual({
      message: 'cache remote failed; continuing without it',
      fields: {
        cache: 'upstash',
        operation: 'get',
        key: 'ir_cold',
        reason: 'error',
        error: `The upstash cache failed a get: UpstashError: Unauthorized, command was: ["get","${remote.keyPrefix}ir_cold"]`,
      },
    });
  });

  it('a remote that stalls past the read timeout: get answers a miss within the timeout', async () => {
    const remote = redis.upstash();
    const cache = layered(remote, { readTimeoutMs: 50, writeTimeoutMs: 100 });
    await remote.set('ir_slow', 'compiled');
    redis.bridge.delayMs = 400;
    try {
      let started = performance.now();
      expect(await cache.lookup('ir_slow')).toEqual({ status: 'bypass' });
      // The bridge holds answers for 400 ms: finishing well before that means the timeout cut in.
      expect(performance.now() - started).toBeLessThan(350);
      started = performance.now();
      await expect(cache.set('ir_other', 'value')).resolves.toBeUndefined();
      expect(performance.now() - started).toBeLessThan(350);
    } finally {
      redis.bridge.delayMs = 0;
    }
    expect(cache.stats()).toEqual({ hits: 0, misses: 1, sets: 1, deletes: 0, errors: 0, timeouts: 2 });
    expect(cache.logged.map((entry) => entry.fields)).toEqual([
      { cache: 'upstash', operation: 'get', key: 'ir_slow', reason: 'timeout', error: 'The upstash cache did not answer a get within 50 ms.' },
      { cache: 'upstash', operation: 'set', key: 'ir_other', reason: 'timeout', error: 'The upstash cache did not answer a set within 100 ms.' },
    ]);
    await sleep(450);
  });

  it('the bridge stopped mid-test: memory still answers, the rest misses, nothing throws', async () => {
    const bridge = await startUpstashBridge({ redisPort: redis.server.port });
    const remote = redis.upstash({ url: bridge.url, token: bridge.token });
    const cache = layered(remote);
    await cache.set('ir_before', 'kept in memory');
    await remote.set('ir_remote_only', 'unreachable soon');
    await bridge.stop();

    expect(await cache.lookup('ir_before')).toEqual({ status: 'hit', value: 'kept in memory', layer: 'memory' });
    expect(await cache.lookup('ir_remote_only')).toEqual({ status: 'bypass' });
    await expect(cache.set('ir_after', 'memory only')).resolves.toBeUndefined();
    expect(await cache.get('ir_after')).toBe('memory only');
    await expect(cache.delete('ir_before')).resolves.toBeUndefined();
    expect(cache.stats()).toEqual({ hits: 2, misses: 1, sets: 2, deletes: 1, errors: 3, timeouts: 0 });
    expect(cache.logged.map((entry) => [entry.fields['operation'], entry.fields['reason']])).toEqual([
      ['get', 'error'],
      ['set', 'error'],
      ['delete', 'error'],
    ]);
    expect(String(cache.logged[0]?.fields['error'])).toContain('fetch failed');
  });

  it('still throws for a bad key: that is the caller\'s bug, not the remote\'s', async () => {
    const cache = layered(redis.upstash({ token: 'not-the-token' }));
    await expect(cache.get('')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(cache.set('ok', 'v', { ttlSeconds: -5 })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(cache.stats().errors).toBe(0);
  });
});

describe('lookupInCache', () => {
  it('reports hit, miss and bypass for a plain remote cache too', async () => {
    const healthy = redis.upstash();
    await healthy.set('ir_known', 'value');
    expect(await lookupInCache(healthy, 'ir_known')).toEqual({ status: 'hit', value: 'value' });
    expect(await lookupInCache(healthy, 'ir_unknown')).toEqual({ status: 'miss' });
    expect(await lookupInCache(redis.upstash({ token: 'not-the-token' }), 'ir_known')).toEqual({ status: 'bypass' });
    await expect(lookupInCache(healthy, '')).rejects.toMatchObject({ code: 'invalid_request' });
  });
});

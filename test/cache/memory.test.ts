import { describe, expect, it } from 'vitest';
import { MemoryCache, MEMORY_CACHE_DEFAULTS, memoryEntryBytes } from '../../src/cache/memory.js';
import { runCacheContract } from './contract.js';

function manualClock(start = 1_700_000_000_000): { now: () => number; advanceSeconds: (seconds: number) => void } {
  let current = start;
  return { now: () => current, advanceSeconds: (seconds) => (current += seconds * 1000) };
}

runCacheContract('memory', () => {
  const clock = manualClock();
  return { cache: new MemoryCache({ now: clock.now }), expiry: { kind: 'clock', advanceSeconds: clock.advanceSeconds } };
});

describe('MemoryCache bounds', () => {
  it('defaults to 1,000 entries and 32 MiB', () => {
    const cache = new MemoryCache();
    expect([cache.maxEntries, cache.maxBytes]).toEqual([1000, 32 * 1024 * 1024]);
    expect(MEMORY_CACHE_DEFAULTS).toEqual({ maxEntries: 1000, maxBytes: 33_554_432 });
  });

  it('evicts the least recently used entry past the entry bound', async () => {
    const cache = new MemoryCache({ maxEntries: 3 });
    await cache.set('a', '1');
    await cache.set('b', '2');
    await cache.set('c', '3');
    expect(await cache.get('a')).toBe('1');
    await cache.set('d', '4');
    expect(cache.size).toBe(3);
    expect(await cache.get('b')).toBeUndefined();
    expect([await cache.get('a'), await cache.get('c'), await cache.get('d')]).toEqual(['1', '3', '4']);
  });

  it('evicts by total size, counting 2 bytes per UTF-16 unit of key and value', async () => {
    expect(memoryEntryBytes('k1', 'x'.repeat(48))).toBe(100);
    const cache = new MemoryCache({ maxBytes: 250 });
    await cache.set('k1', 'x'.repeat(48));
    await cache.set('k2', 'y'.repeat(48));
    expect(cache.bytes).toBe(200);
    await cache.set('k3', 'z'.repeat(48));
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBe(200);
    expect(await cache.get('k1')).toBeUndefined();
    expect(await cache.get('k2')).toBe('y'.repeat(48));
  });

  it('does not store a value larger than the whole budget, and drops the old value of that key', async () => {
    const cache = new MemoryCache({ maxBytes: 100 });
    await cache.set('small', 'fits');
    await cache.set('big', 'old');
    await cache.set('big', 'x'.repeat(60));
    expect(await cache.get('big')).toBeUndefined();
    expect(await cache.get('small')).toBe('fits');
    expect(cache.bytes).toBe(memoryEntryBytes('small', 'fits'));
    expect(cache.stats()).toMatchObject({ sets: 3, hits: 1, misses: 1 });
  });

  it('replacing a key updates the byte count instead of adding to it', async () => {
    const cache = new MemoryCache();
    await cache.set('key', 'x'.repeat(100));
    await cache.set('key', 'y'.repeat(10));
    expect(cache.bytes).toBe(memoryEntryBytes('key', 'y'.repeat(10)));
    expect(cache.size).toBe(1);
  });

  it('frees an expired entry when it is read', async () => {
    const clock = manualClock();
    const cache = new MemoryCache({ now: clock.now });
    await cache.set('brief', 'value', { ttlSeconds: 0.5 });
    clock.advanceSeconds(0.499);
    expect(await cache.get('brief')).toBe('value');
    clock.advanceSeconds(0.001);
    expect(await cache.get('brief')).toBeUndefined();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });

  it('a read refreshes recency but not the TTL', async () => {
    const clock = manualClock();
    const cache = new MemoryCache({ now: clock.now });
    await cache.set('ttl', 'value', { ttlSeconds: 10 });
    clock.advanceSeconds(9);
    expect(await cache.get('ttl')).toBe('value');
    clock.advanceSeconds(1);
    expect(await cache.get('ttl')).toBeUndefined();
  });
});

/**
 * The contract every ConstraintCache keeps, run against each implementation (memory in Node,
 * Upstash through the bridge to redis-server, layered, KV inside workerd). No Node APIs here:
 * workerd imports this file too. Time is handed in through the expiry probe.
 */
import { describe, expect, it } from 'vitest';
import type { CacheName, CacheStats, ConstraintCache } from '../../src/cache/types.js';

/** How a test can watch an entry expire without long sleeps. */
export type ExpiryProbe =
  /** The cache reads an injected clock that the test moves. */
  | { kind: 'clock'; advanceSeconds(seconds: number): void }
  /** Real time, with a 1 s TTL: the test waits just past it. */
  | { kind: 'wait'; sleep(milliseconds: number): Promise<void> }
  /**
   * The backend's own view of the remaining TTL (undefined: no expiry), for a backend whose
   * minimum TTL is too long to wait for (KV: 60 s).
   */
  | { kind: 'remaining'; minimumTtlSeconds: number; remainingTtlSeconds(key: string): Promise<number | undefined> };

export interface CacheUnderTest {
  cache: ConstraintCache;
  expiry: ExpiryProbe;
}

export type MakeCache = () => CacheUnderTest | Promise<CacheUnderTest>;

const ZERO: CacheStats = { hits: 0, misses: 0, sets: 0, deletes: 0, errors: 0, timeouts: 0 };

function stats(partial: Partial<CacheStats>): CacheStats {
  return { ...ZERO, ...partial };
}

/** Compiled IR as the compile stage stores it: canonical JSON text. */
const IR_JSON = JSON.stringify({
  id: 'ir_3f9a0c',
  compiler_version: '0.1.0',
  json_schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
  grammar: { gbnf: 'root ::= "def " [a-z_]+ "(" ")"' },
  forbidden_strings: ['eval(', 'exec('],
  warnings: [],
});

/** Strings a careless client would parse, decode or drop. */
const AWKWARD_VALUES: readonly [string, string][] = [
  ['compiled IR JSON', IR_JSON],
  ['a JSON number', '123'],
  ['a JSON null', 'null'],
  ['a JSON boolean', 'true'],
  ['a JSON string', '"quoted"'],
  ['the empty string', ''],
  ['a Redis status word', 'OK'],
  ['text that is valid base64', 'YmFy'],
  ['non-ASCII text', 'héllo 世界 🚀 — ünïcödé'],
  ['control characters', 'line one\r\nline two\ttab\u0000nul'],
];

export function runCacheContract(name: CacheName, makeCache: MakeCache): void {
  describe(`ConstraintCache contract: ${name}`, () => {
    it('reports its name and starts with zero stats', async () => {
      const { cache } = await makeCache();
      expect(cache.name).toBe(name);
      expect(cache.stats()).toEqual(ZERO);
    });

    it('misses a key that was never set', async () => {
      const { cache } = await makeCache();
      expect(await cache.get('ir_never_set')).toBeUndefined();
      expect(cache.stats()).toEqual(stats({ misses: 1 }));
    });

    for (const [label, value] of AWKWARD_VALUES) {
      it(`returns ${label} exactly as set`, async () => {
        const { cache } = await makeCache();
        await cache.set('ir_value', value);
        const read = await cache.get('ir_value');
        expect(typeof read).toBe('string');
        expect(read).toBe(value);
        expect(cache.stats()).toEqual(stats({ sets: 1, hits: 1 }));
      });
    }

    it('round-trips a 512 KiB value', async () => {
      const { cache } = await makeCache();
      const large = JSON.stringify({ rules: Array.from({ length: 8192 }, (_, index) => `rule_${String(index).padStart(5, '0')}_${'x'.repeat(50)}`) });
      expect(large.length).toBeGreaterThan(512 * 1024);
      await cache.set('ir_large', large);
      expect(await cache.get('ir_large')).toBe(large);
    });

    it('keeps the latest value when a key is set twice', async () => {
      const { cache } = await makeCache();
      await cache.set('ir_twice', 'first');
      await cache.set('ir_twice', 'second');
      expect(await cache.get('ir_twice')).toBe('second');
      expect(cache.stats()).toEqual(stats({ sets: 2, hits: 1 }));
    });

    it('deletes a key, and deleting a missing key resolves', async () => {
      const { cache } = await makeCache();
      await cache.set('ir_doomed', IR_JSON);
      await cache.delete('ir_doomed');
      expect(await cache.get('ir_doomed')).toBeUndefined();
      await expect(cache.delete('ir_doomed')).resolves.toBeUndefined();
      expect(cache.stats()).toEqual(stats({ sets: 1, deletes: 2, misses: 1 }));
    });

    it('counts a miss, set, hit, delete, miss sequence exactly', async () => {
      const { cache } = await makeCache();
      expect(await cache.get('ir_sequence')).toBeUndefined();
      await cache.set('ir_sequence', IR_JSON);
      expect(await cache.get('ir_sequence')).toBe(IR_JSON);
      await cache.delete('ir_sequence');
      expect(await cache.get('ir_sequence')).toBeUndefined();
      expect(cache.stats()).toEqual({ hits: 1, misses: 2, sets: 1, deletes: 1, errors: 0, timeouts: 0 });
    });

    it('hands out stats as a snapshot', async () => {
      const { cache } = await makeCache();
      const before = cache.stats();
      before.hits = 99;
      await cache.get('ir_snapshot');
      expect(before).toEqual(stats({ hits: 99 }));
      expect(cache.stats()).toEqual(stats({ misses: 1 }));
    });

    it('keeps keys that differ by case, space or separator apart', async () => {
      const { cache } = await makeCache();
      const keys = ['ir:a', 'ir:A', 'ir:a ', 'ir/a', 'ir:ä', 'ir:a:b c/d?e=f#g'];
      for (const key of keys) await cache.set(key, `value of ${key}`);
      for (const key of keys) expect(await cache.get(key)).toBe(`value of ${key}`);
    });

    it('accepts a key of exactly 512 bytes, counted in UTF-8', async () => {
      const { cache } = await makeCache();
      for (const key of ['k'.repeat(512), 'é'.repeat(256)]) {
        await cache.set(key, key.slice(0, 8));
        expect(await cache.get(key)).toBe(key.slice(0, 8));
      }
    });

    it('rejects an empty key or one over 512 bytes, before touching storage', async () => {
      const { cache } = await makeCache();
      for (const key of ['', 'k'.repeat(513), 'é'.repeat(257)]) {
        await expect(cache.get(key)).rejects.toMatchObject({ code: 'invalid_request', status: 400 });
        await expect(cache.set(key, 'value')).rejects.toMatchObject({ code: 'invalid_request' });
        await expect(cache.delete(key)).rejects.toMatchObject({ code: 'invalid_request' });
      }
      await expect(cache.get('k'.repeat(513))).rejects.toThrow('Cache key is 513 bytes; the limit is 512 bytes');
      expect(cache.stats()).toEqual(ZERO);
    });

    it('rejects a TTL that is not a positive finite number of seconds', async () => {
      const { cache } = await makeCache();
      for (const ttlSeconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(cache.set('ir_ttl', 'value', { ttlSeconds })).rejects.toMatchObject({ code: 'invalid_request' });
      }
      expect(await cache.get('ir_ttl')).toBeUndefined();
    });

    it('serves 25 concurrent writes and reads without mixing them up', async () => {
      const { cache } = await makeCache();
      const keys = Array.from({ length: 25 }, (_, index) => `ir_concurrent_${index}`);
      await Promise.all(keys.map((key) => cache.set(key, `${key}:${IR_JSON}`)));
      const values = await Promise.all(keys.map((key) => cache.get(key)));
      expect(values).toEqual(keys.map((key) => `${key}:${IR_JSON}`));
      expect(cache.stats()).toEqual(stats({ sets: 25, hits: 25 }));
    });

    it('expires an entry after its TTL and keeps one without a TTL', async () => {
      const { cache, expiry } = await makeCache();
      await checkExpiry(cache, expiry);
    });
  });
}

async function checkExpiry(cache: ConstraintCache, expiry: ExpiryProbe): Promise<void> {
  switch (expiry.kind) {
    case 'clock': {
      await cache.set('ir_short', 'short-lived', { ttlSeconds: 2 });
      await cache.set('ir_forever', 'kept');
      expiry.advanceSeconds(1.5);
      expect(await cache.get('ir_short')).toBe('short-lived');
      expiry.advanceSeconds(0.6);
      expect(await cache.get('ir_short')).toBeUndefined();
      expiry.advanceSeconds(10 * 365 * 24 * 3600);
      expect(await cache.get('ir_forever')).toBe('kept');
      return;
    }
    case 'wait': {
      await cache.set('ir_short', 'short-lived', { ttlSeconds: 1 });
      await cache.set('ir_longer', 'kept', { ttlSeconds: 60 });
      await cache.set('ir_forever', 'kept');
      expect(await cache.get('ir_short')).toBe('short-lived');
      await expiry.sleep(1100);
      expect(await cache.get('ir_short')).toBeUndefined();
      expect(await cache.get('ir_longer')).toBe('kept');
      expect(await cache.get('ir_forever')).toBe('kept');
      return;
    }
    case 'remaining': {
      await cache.set('ir_short', 'short-lived', { ttlSeconds: 1 });
      await cache.set('ir_hour', 'kept', { ttlSeconds: 3600 });
      await cache.set('ir_forever', 'kept');
      const shortRemaining = await expiry.remainingTtlSeconds('ir_short');
      const hourRemaining = await expiry.remainingTtlSeconds('ir_hour');
      // A TTL under the backend's minimum is raised to the minimum, not dropped.
      expect(shortRemaining).toBeGreaterThan(expiry.minimumTtlSeconds - 3);
      expect(shortRemaining).toBeLessThanOrEqual(expiry.minimumTtlSeconds + 1);
      expect(hourRemaining).toBeGreaterThan(3600 - 3);
      expect(hourRemaining).toBeLessThanOrEqual(3600 + 1);
      expect(await expiry.remainingTtlSeconds('ir_forever')).toBeUndefined();
      expect(await cache.get('ir_short')).toBe('short-lived');
      return;
    }
  }
}

import { cacheRemoteError, type CacheOperation } from './errors.js';
import { CacheCounters } from './stats.js';
import {
  validateCacheKey,
  validateCacheValue,
  validateTtlSeconds,
  type CacheSetOptions,
  type CacheStats,
  type ConstraintCache,
} from './types.js';

/** The part of a Workers `KVNamespace` binding this cache uses (a real binding satisfies it). */
export interface KvNamespaceLike {
  get(key: string, type: 'text'): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

/** KV rejects an `expirationTtl` below 60 seconds. */
export const KV_MIN_TTL_SECONDS = 60;

/** The TTL actually sent to KV: whole seconds, never below KV's minimum. */
export function kvExpirationTtl(ttlSeconds: number): number {
  return Math.max(KV_MIN_TTL_SECONDS, Math.ceil(ttlSeconds));
}

/**
 * Workers KV, bound as `CONSTRAINT_CACHE`: `new KvCache(env.CONSTRAINT_CACHE)`.
 *
 * - TTLs under 60 s are raised to 60 s (KV's minimum), so an entry may outlive the TTL asked for.
 * - KV is eventually consistent: a write is visible at once in the location that made it, and in
 *   other locations within about 60 s; a delete likewise. Keys are content hashes of immutable IR,
 *   so a stale read returns the same bytes a fresh one would.
 * - KV allows one write per second to the same key; a second write may be rejected (an error).
 * Errors are counted and rethrown: put a LayeredCache in front to fail open.
 */
export class KvCache implements ConstraintCache {
  readonly name = 'kv' as const;
  private readonly counters = new CacheCounters();

  constructor(private readonly namespace: KvNamespaceLike) {}

  async get(key: string): Promise<string | undefined> {
    validateCacheKey(key);
    const value = await this.call('get', () => this.namespace.get(key, 'text'));
    this.counters.count(value === null ? 'misses' : 'hits');
    return value ?? undefined;
  }

  async set(key: string, value: string, options: CacheSetOptions = {}): Promise<void> {
    validateCacheKey(key);
    validateCacheValue(value);
    validateTtlSeconds(options.ttlSeconds);
    const putOptions = options.ttlSeconds === undefined ? undefined : { expirationTtl: kvExpirationTtl(options.ttlSeconds) };
    await this.call('set', () => this.namespace.put(key, value, putOptions));
    this.counters.count('sets');
  }

  async delete(key: string): Promise<void> {
    validateCacheKey(key);
    await this.call('delete', () => this.namespace.delete(key));
    this.counters.count('deletes');
  }

  stats(): CacheStats {
    return this.counters.snapshot();
  }

  private async call<T>(operation: CacheOperation, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.counters.count('errors');
      throw cacheRemoteError('kv', operation, error);
    }
  }
}

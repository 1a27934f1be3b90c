import { AnankeError } from '../errors.js';

/** Which implementation a cache is: reported in stats, logs and the compile response. */
export type CacheName = 'memory' | 'kv' | 'upstash' | 'layered' | 'disk';

/**
 * Counters since the cache was created. `errors` and `timeouts` are disjoint: a remote call that
 * ran out of time counts as a timeout only.
 */
export interface CacheStats {
  hits: number;
  misses: number;
  sets: number;
  deletes: number;
  errors: number;
  timeouts: number;
}

/** Hands a promise to the platform so it may finish after the response (`ctx.waitUntil`). */
export type WaitUntil = (promise: Promise<unknown>) => void;

export interface CacheWriteOptions {
  /**
   * Remote writes of a layered cache are passed here instead of being awaited: the call resolves
   * once the in-memory layer holds the value. Other caches ignore it and always await the write.
   */
  waitUntil?: WaitUntil;
}

export interface CacheSetOptions extends CacheWriteOptions {
  /** Seconds until the entry expires; absent means no expiry. Must be a positive finite number. */
  ttlSeconds?: number;
}

/** Stores compiled IR JSON (a string) under its content hash. */
export interface ConstraintCache {
  readonly name: CacheName;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: CacheSetOptions): Promise<void>;
  delete(key: string, options?: CacheWriteOptions): Promise<void>;
  stats(): CacheStats;
}

/** Workers KV's key limit, applied to every cache so a key that works in one works in all. */
export const MAX_CACHE_KEY_BYTES = 512;

const utf8 = new TextEncoder();

export function validateCacheKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) {
    throw new AnankeError('invalid_request', 'Cache key is empty.', 'Use the compiled IR id (its content hash) as the key.');
  }
  const keyBytes = utf8.encode(key).byteLength;
  if (keyBytes > MAX_CACHE_KEY_BYTES) {
    throw new AnankeError(
      'invalid_request',
      `Cache key is ${keyBytes} bytes; the limit is ${MAX_CACHE_KEY_BYTES} bytes (Workers KV's key limit).`,
      'Hash long keys first: the compiled IR id is a short content hash.',
      { key_bytes: keyBytes, max_key_bytes: MAX_CACHE_KEY_BYTES },
    );
  }
}

export function validateTtlSeconds(ttlSeconds: number | undefined): void {
  if (ttlSeconds === undefined) return;
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new AnankeError(
      'invalid_request',
      `Cache TTL must be a positive number of seconds, got ${String(ttlSeconds)}.`,
      'Pass ttlSeconds > 0, or leave it out for an entry that does not expire.',
    );
  }
}

export function validateCacheValue(value: string): void {
  if (typeof value !== 'string') {
    throw new AnankeError('invalid_request', `Cache values are strings, got ${typeof value}.`, 'Store the compiled IR as canonical JSON text.');
  }
}

export function emptyStats(): CacheStats {
  return { hits: 0, misses: 0, sets: 0, deletes: 0, errors: 0, timeouts: 0 };
}

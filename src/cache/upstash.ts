import { Redis } from '@upstash/redis/cloudflare';
import { cacheRemoteError, cacheTimeoutError, type CacheOperation } from './errors.js';
import { CacheCounters } from './stats.js';
import {
  validateCacheKey,
  validateCacheValue,
  validateTtlSeconds,
  type CacheSetOptions,
  type CacheStats,
  type ConstraintCache,
} from './types.js';

export interface UpstashCacheOptions {
  /** UPSTASH_REDIS_REST_URL. */
  url: string;
  /** UPSTASH_REDIS_REST_TOKEN. */
  token: string;
  /** Budget for one call, retries included. */
  timeoutMs?: number;
  /** Retries on a network error (not on a timeout or a Redis error). */
  retries?: number;
  /** Prepended to every key, so several deployments or test runs can share one database. */
  keyPrefix?: string;
}

export const UPSTASH_CACHE_DEFAULTS = {
  /** Upstash answers in single-digit ms in-region; a second means it is not answering. */
  timeoutMs: 1000,
  /** A cache miss costs one compile; waiting through the client's default 5 retries costs more. */
  retries: 0,
  retryBackoffMs: 20,
  keyPrefix: '',
} as const;

/**
 * Upstash Redis over its REST API (`@upstash/redis`), which works from Workers. Values are stored
 * as given (automatic JSON deserialization is off, so IR JSON comes back as the same text), TTLs
 * become `SET ... EX <whole seconds>`, and every call is aborted after `timeoutMs`. Auto-pipelining
 * is off so each call is one request with its own deadline. Errors and timeouts are counted and
 * rethrown: put a LayeredCache in front to fail open. Upstash takes requests up to 10 MB.
 */
export class UpstashCache implements ConstraintCache {
  readonly name = 'upstash' as const;
  readonly keyPrefix: string;
  readonly timeoutMs: number;
  private readonly redis: Redis;
  private readonly counters = new CacheCounters();

  constructor(options: UpstashCacheOptions) {
    this.keyPrefix = options.keyPrefix ?? UPSTASH_CACHE_DEFAULTS.keyPrefix;
    this.timeoutMs = options.timeoutMs ?? UPSTASH_CACHE_DEFAULTS.timeoutMs;
    const timeoutMs = this.timeoutMs;
    this.redis = new Redis({
      url: options.url,
      token: options.token,
      automaticDeserialization: false,
      enableAutoPipelining: false,
      enableTelemetry: false,
      retry: { retries: options.retries ?? UPSTASH_CACHE_DEFAULTS.retries, backoff: () => UPSTASH_CACHE_DEFAULTS.retryBackoffMs },
      signal: () => AbortSignal.timeout(timeoutMs),
    });
  }

  async get(key: string): Promise<string | undefined> {
    validateCacheKey(key);
    const value = await this.call('get', () => this.redis.get<string>(this.keyPrefix + key));
    this.counters.count(value === null ? 'misses' : 'hits');
    return value ?? undefined;
  }

  async set(key: string, value: string, options: CacheSetOptions = {}): Promise<void> {
    validateCacheKey(key);
    validateCacheValue(value);
    validateTtlSeconds(options.ttlSeconds);
    const fullKey = this.keyPrefix + key;
    const ttlSeconds = options.ttlSeconds;
    await this.call('set', () =>
      ttlSeconds === undefined ? this.redis.set(fullKey, value) : this.redis.set(fullKey, value, { ex: Math.ceil(ttlSeconds) }),
    );
    this.counters.count('sets');
  }

  async delete(key: string): Promise<void> {
    validateCacheKey(key);
    await this.call('delete', () => this.redis.del(this.keyPrefix + key));
    this.counters.count('deletes');
  }

  stats(): CacheStats {
    return this.counters.snapshot();
  }

  private async call<T>(operation: CacheOperation, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isAbort(error)) {
        this.counters.count('timeouts');
        throw cacheTimeoutError('upstash', operation, this.timeoutMs);
      }
      this.counters.count('errors');
      throw cacheRemoteError('upstash', operation, error);
    }
  }
}

/** `AbortSignal.timeout` rejects fetch with a DOMException named TimeoutError (AbortError on older runtimes). */
function isAbort(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('name' in error)) return false;
  return error.name === 'TimeoutError' || error.name === 'AbortError';
}

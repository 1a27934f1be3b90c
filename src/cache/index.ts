import { isAnankeError } from '../errors.js';
import { LayeredCache, type CacheLookup } from './layered.js';
import type { ConstraintCache } from './types.js';

export * from './types.js';
export { MemoryCache, MEMORY_CACHE_DEFAULTS, type MemoryCacheOptions } from './memory.js';
export { KvCache, KV_MIN_TTL_SECONDS, kvExpirationTtl, type KvNamespaceLike } from './kv.js';
export { UpstashCache, UPSTASH_CACHE_DEFAULTS, type UpstashCacheOptions } from './upstash.js';
export {
  LayeredCache,
  LAYERED_CACHE_DEFAULTS,
  type CacheLookup,
  type CacheLookupStatus,
  type LayeredCacheOptions,
  type LayeredStats,
} from './layered.js';
export { consoleCacheLogger, type CacheLogger } from './logger.js';
export { cacheTimeoutError, cacheRemoteError, isCacheTimeout, withTimeout, type CacheOperation } from './errors.js';
export {
  cacheFromConfig,
  type CacheBindings,
  type CacheConfigWarning,
  type CacheConfigWarningCode,
  type CacheFactoryOptions,
  type ConfiguredCache,
} from './config.js';

/**
 * A read that says whether the cache was usable, for the compile response's `cache` field: a
 * layered cache reports `bypass` when its remote failed; any other cache that throws (other than
 * for a bad key) is reported as `bypass` too.
 */
export async function lookupInCache(cache: ConstraintCache, key: string): Promise<CacheLookup> {
  if (cache instanceof LayeredCache) return cache.lookup(key);
  try {
    const value = await cache.get(key);
    return value === undefined ? { status: 'miss' } : { status: 'hit', value };
  } catch (error) {
    if (isAnankeError(error) && error.code === 'invalid_request') throw error;
    return { status: 'bypass' };
  }
}

import { cacheTimeoutError, isCacheTimeout, truncate, withTimeout, type CacheOperation } from './errors.js';
import { consoleCacheLogger, type CacheLogger } from './logger.js';
import { CacheCounters } from './stats.js';
import {
  validateCacheKey,
  validateCacheValue,
  validateTtlSeconds,
  type CacheSetOptions,
  type CacheStats,
  type CacheWriteOptions,
  type ConstraintCache,
} from './types.js';

export interface LayeredCacheOptions {
  /** Longest wait for the remote on a read before answering a miss. */
  readTimeoutMs?: number;
  /** Longest wait for the remote on a write or delete before giving up on it. */
  writeTimeoutMs?: number;
  /** Memory TTL for a value found in the remote (its remote TTL is unknown here). */
  fillTtlSeconds?: number;
  logger?: CacheLogger;
}

export const LAYERED_CACHE_DEFAULTS = {
  /** A miss costs one compile (milliseconds); waiting longer than that for the cache is a loss. */
  readTimeoutMs: 50,
  /** Writes usually run in `waitUntil`, after the response: they may take longer. */
  writeTimeoutMs: 1000,
  /** Keys are content hashes, so a filled value is never wrong; this bounds staleness after a delete. */
  fillTtlSeconds: 300,
} as const;

/** `bypass`: the remote could not be asked (error or timeout), so the caller compiles without it. */
export type CacheLookupStatus = 'hit' | 'miss' | 'bypass';

export interface CacheLookup {
  status: CacheLookupStatus;
  value?: string;
  layer?: 'memory' | 'remote';
}

export interface LayeredStats {
  layered: CacheStats;
  memory: CacheStats;
  remote: CacheStats;
}

/**
 * A per-isolate memory cache in front of a remote one (KV or Upstash), failing open: a remote that
 * throws or is slower than its timeout never fails the caller. The failure is counted (`errors` or
 * `timeouts`), logged through the logger, and the call answers a miss (get) or resolves (set,
 * delete). A bypassed read also counts as a miss. Key, value and TTL errors are the caller's and
 * are thrown.
 *
 * Remote writes: `set(key, value, { waitUntil: ctx.waitUntil.bind(ctx) })` resolves once memory
 * holds the value and hands the remote write (a promise that never rejects) to `waitUntil`.
 * Without `waitUntil` the call awaits the remote write. `flush()` awaits every write in flight.
 *
 * Build one per isolate (module scope), not per request, or the memory layer never hits.
 */
export class LayeredCache implements ConstraintCache {
  readonly name = 'layered' as const;
  readonly readTimeoutMs: number;
  readonly writeTimeoutMs: number;
  readonly fillTtlSeconds: number;
  private readonly logger: CacheLogger;
  private readonly counters = new CacheCounters();
  private readonly pendingWrites = new Set<Promise<void>>();

  constructor(
    readonly memory: ConstraintCache,
    readonly remote: ConstraintCache,
    options: LayeredCacheOptions = {},
  ) {
    this.readTimeoutMs = options.readTimeoutMs ?? LAYERED_CACHE_DEFAULTS.readTimeoutMs;
    this.writeTimeoutMs = options.writeTimeoutMs ?? LAYERED_CACHE_DEFAULTS.writeTimeoutMs;
    this.fillTtlSeconds = options.fillTtlSeconds ?? LAYERED_CACHE_DEFAULTS.fillTtlSeconds;
    this.logger = options.logger ?? consoleCacheLogger;
  }

  async lookup(key: string): Promise<CacheLookup> {
    validateCacheKey(key);
    const local = await this.memory.get(key);
    if (local !== undefined) return this.hit(local, 'memory');
    let remote: string | undefined;
    try {
      remote = await withTimeout(this.remote.get(key), this.readTimeoutMs, () =>
        cacheTimeoutError(this.remote.name, 'get', this.readTimeoutMs),
      );
    } catch (error) {
      this.recordFailure('get', key, error);
      this.counters.count('misses');
      return { status: 'bypass' };
    }
    if (remote === undefined) {
      this.counters.count('misses');
      return { status: 'miss' };
    }
    await this.memory.set(key, remote, { ttlSeconds: this.fillTtlSeconds });
    return this.hit(remote, 'remote');
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.lookup(key)).value;
  }

  async set(key: string, value: string, options: CacheSetOptions = {}): Promise<void> {
    validateCacheKey(key);
    validateCacheValue(value);
    validateTtlSeconds(options.ttlSeconds);
    const ttl = options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds };
    await this.memory.set(key, value, ttl);
    this.counters.count('sets');
    await this.handOff(this.failOpen('set', key, this.remote.set(key, value, ttl)), options);
  }

  async delete(key: string, options: CacheWriteOptions = {}): Promise<void> {
    validateCacheKey(key);
    await this.memory.delete(key);
    this.counters.count('deletes');
    await this.handOff(this.failOpen('delete', key, this.remote.delete(key)), options);
  }

  stats(): CacheStats {
    return this.counters.snapshot();
  }

  layerStats(): LayeredStats {
    return { layered: this.stats(), memory: this.memory.stats(), remote: this.remote.stats() };
  }

  /** Resolves when every remote write started so far has finished or been given up on. */
  async flush(): Promise<void> {
    await Promise.all([...this.pendingWrites]);
  }

  private hit(value: string, layer: 'memory' | 'remote'): CacheLookup {
    this.counters.count('hits');
    return { status: 'hit', value, layer };
  }

  private async handOff(remoteWrite: Promise<void>, options: CacheWriteOptions): Promise<void> {
    this.pendingWrites.add(remoteWrite);
    void remoteWrite.finally(() => this.pendingWrites.delete(remoteWrite));
    if (options.waitUntil !== undefined) options.waitUntil(remoteWrite);
    else await remoteWrite;
  }

  private failOpen(operation: CacheOperation, key: string, remoteCall: Promise<void>): Promise<void> {
    const bounded = withTimeout(remoteCall, this.writeTimeoutMs, () => cacheTimeoutError(this.remote.name, operation, this.writeTimeoutMs));
    return bounded.then(
      () => undefined,
      (error: unknown) => this.recordFailure(operation, key, error),
    );
  }

  private recordFailure(operation: CacheOperation, key: string, error: unknown): void {
    const timedOut = isCacheTimeout(error);
    this.counters.count(timedOut ? 'timeouts' : 'errors');
    this.logger.warn('cache remote failed; continuing without it', {
      cache: this.remote.name,
      operation,
      key,
      reason: timedOut ? 'timeout' : 'error',
      error: truncate(error instanceof Error ? error.message : String(error)),
    });
  }
}

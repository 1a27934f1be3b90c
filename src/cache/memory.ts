import { CacheCounters } from './stats.js';
import {
  validateCacheKey,
  validateCacheValue,
  validateTtlSeconds,
  type CacheSetOptions,
  type CacheStats,
  type ConstraintCache,
} from './types.js';

export interface MemoryCacheOptions {
  /** Most entries kept; the least recently used goes first. */
  maxEntries?: number;
  /** Most bytes kept, counted as 2 bytes per UTF-16 code unit of key and value (what V8 may hold). */
  maxBytes?: number;
  /** Milliseconds since the epoch; injectable so tests move time without sleeping. */
  now?: () => number;
}

export const MEMORY_CACHE_DEFAULTS = {
  /** Compiled IRs are a few KB to a few hundred KB: 1,000 of them fit the byte bound below. */
  maxEntries: 1000,
  /** A quarter of a Worker isolate's 128 MB, leaving room for parse trees and requests. */
  maxBytes: 32 * 1024 * 1024,
} as const;

interface MemoryEntry {
  value: string;
  bytes: number;
  expiresAt: number | undefined;
}

export function memoryEntryBytes(key: string, value: string): number {
  return 2 * (key.length + value.length);
}

/**
 * Per-isolate LRU. A Map keeps insertion order, so re-inserting on read makes the first key the
 * least recently used. Expiry is checked when an entry is read; expired entries that are never
 * read again leave through LRU eviction.
 */
export class MemoryCache implements ConstraintCache {
  readonly name = 'memory' as const;
  readonly maxEntries: number;
  readonly maxBytes: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, MemoryEntry>();
  private readonly counters = new CacheCounters();
  private totalBytes = 0;

  constructor(options: MemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? MEMORY_CACHE_DEFAULTS.maxEntries;
    this.maxBytes = options.maxBytes ?? MEMORY_CACHE_DEFAULTS.maxBytes;
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<string | undefined> {
    validateCacheKey(key);
    const entry = this.entries.get(key);
    if (entry === undefined || this.isExpired(entry)) {
      if (entry !== undefined) this.remove(key, entry);
      this.counters.count('misses');
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.counters.count('hits');
    return entry.value;
  }

  async set(key: string, value: string, options: CacheSetOptions = {}): Promise<void> {
    validateCacheKey(key);
    validateCacheValue(value);
    validateTtlSeconds(options.ttlSeconds);
    this.counters.count('sets');
    const previous = this.entries.get(key);
    if (previous !== undefined) this.remove(key, previous);
    const bytes = memoryEntryBytes(key, value);
    // An entry larger than the whole budget would evict everything and still not fit.
    if (bytes > this.maxBytes) return;
    const expiresAt = options.ttlSeconds === undefined ? undefined : this.now() + options.ttlSeconds * 1000;
    this.entries.set(key, { value, bytes, expiresAt });
    this.totalBytes += bytes;
    this.evictOverflow();
  }

  async delete(key: string): Promise<void> {
    validateCacheKey(key);
    this.counters.count('deletes');
    const entry = this.entries.get(key);
    if (entry !== undefined) this.remove(key, entry);
  }

  stats(): CacheStats {
    return this.counters.snapshot();
  }

  /** Entries held now, expired ones not yet read included. */
  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  private isExpired(entry: MemoryEntry): boolean {
    return entry.expiresAt !== undefined && this.now() >= entry.expiresAt;
  }

  private remove(key: string, entry: MemoryEntry): void {
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  private evictOverflow(): void {
    while (this.entries.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      const oldest = this.entries.entries().next();
      if (oldest.done === true) return;
      const [key, entry] = oldest.value;
      this.remove(key, entry);
    }
  }
}

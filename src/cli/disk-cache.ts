/**
 * The CLI's compile cache on disk (Node only): compiled IR under its content-addressed key, in the
 * user's cache directory, so a second `ananke compile` or `ananke generate` of the same constraints
 * reads the IR instead of building grammars again. Same contract as the Workers' caches
 * (test/cache/contract.ts). The cache is an optimisation: an entry that cannot be read is a miss and
 * a write that fails is skipped, each with a warning; only a bad key or TTL throws.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { CacheLogger } from '../cache/logger.js';
import { CacheCounters } from '../cache/stats.js';
import { validateCacheKey, validateCacheValue, validateTtlSeconds, type CacheSetOptions, type CacheStats, type ConstraintCache } from '../cache/types.js';

/** Bumped when the entry layout changes: old entries are then simply never read. */
const LAYOUT = 'v1';
/** Expired entries and stray temp files are swept at most this often (on a write). */
export const DISK_CACHE_PRUNE_INTERVAL_MS = 24 * 3600 * 1000;
/** A temp file older than this belongs to a write that died. */
const STALE_TEMP_MS = 3600 * 1000;

export interface DiskCacheOptions {
  /** The cache directory; entries live under `<directory>/v1/`. Created on the first write. */
  directory: string;
  /** Where unreadable entries and failed writes are reported. */
  logger?: CacheLogger;
  /** Milliseconds since the epoch; injectable so tests move time without sleeping. */
  now?: () => number;
}

/** The first line of an entry file; the value's bytes follow it. */
interface EntryHeader {
  key: string;
  /** Milliseconds since the epoch, or null for no expiry. */
  expires_at: number | null;
  bytes: number;
  sha256: string;
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const utf8 = new TextDecoder('utf-8', { fatal: true });

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function describe(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

/** The value of an entry file, or why it is not a usable entry for `key`. */
function parseEntry(bytes: Buffer, key: string): { value: string; header: EntryHeader } | { corrupt: string } {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return { corrupt: 'no header line' };
  let header: EntryHeader;
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as EntryHeader;
  } catch {
    return { corrupt: 'the header is not JSON' };
  }
  if (typeof header !== 'object' || header === null || typeof header.key !== 'string' || typeof header.bytes !== 'number' || typeof header.sha256 !== 'string' || !(header.expires_at === null || typeof header.expires_at === 'number')) {
    return { corrupt: 'the header lacks key, bytes, sha256 or expires_at' };
  }
  if (header.key !== key) return { corrupt: 'it holds another key' };
  const body = bytes.subarray(newline + 1);
  if (body.byteLength !== header.bytes) return { corrupt: `${body.byteLength} bytes of value where the header says ${header.bytes} (truncated?)` };
  if (sha256(body) !== header.sha256) return { corrupt: 'the value does not match its sha256' };
  try {
    return { value: utf8.decode(body), header };
  } catch {
    return { corrupt: 'the value is not UTF-8' };
  }
}

export class DiskCache implements ConstraintCache {
  readonly name = 'disk' as const;
  readonly directory: string;
  private readonly root: string;
  private readonly logger: CacheLogger | undefined;
  private readonly now: () => number;
  private readonly counters = new CacheCounters();
  private pruneChecked = false;

  constructor(options: DiskCacheOptions) {
    this.directory = options.directory;
    this.root = join(options.directory, LAYOUT);
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
  }

  /** Where the entry of `key` lives: named by the key's sha256, so any key is a safe file name. */
  pathOf(key: string): string {
    const hash = sha256(key);
    return join(this.root, hash.slice(0, 2), hash);
  }

  async get(key: string): Promise<string | undefined> {
    validateCacheKey(key);
    const path = this.pathOf(key);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      // Not there (ENOTDIR: the cache folder is a file; the failed write said so).
      if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') this.unusable(path, `it cannot be read (${describe(error)})`);
      this.counters.count('misses');
      return undefined;
    }
    const entry = parseEntry(bytes, key);
    if ('corrupt' in entry) {
      this.unusable(path, entry.corrupt);
      this.counters.count('misses');
      return undefined;
    }
    if (entry.header.expires_at !== null && this.now() >= entry.header.expires_at) {
      await rm(path, { force: true }).catch(() => undefined);
      this.counters.count('misses');
      return undefined;
    }
    this.counters.count('hits');
    return entry.value;
  }

  /** Writes a temp file beside the entry and renames it into place: a reader sees the old entry or the new one, never half of one. */
  async set(key: string, value: string, options: CacheSetOptions = {}): Promise<void> {
    validateCacheKey(key);
    validateCacheValue(value);
    validateTtlSeconds(options.ttlSeconds);
    this.counters.count('sets');
    const path = this.pathOf(key);
    const body = Buffer.from(value, 'utf8');
    const header: EntryHeader = { key, expires_at: options.ttlSeconds === undefined ? null : this.now() + options.ttlSeconds * 1000, bytes: body.byteLength, sha256: sha256(body) };
    const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]));
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      this.counters.count('errors');
      this.logger?.warn(`cannot write the compile cache entry ${path}: ${describe(error)}; continuing without caching it`, { cache: 'disk', path });
      return;
    }
    await this.pruneIfDue();
  }

  async delete(key: string): Promise<void> {
    validateCacheKey(key);
    this.counters.count('deletes');
    const path = this.pathOf(key);
    try {
      await rm(path, { force: true });
    } catch (error) {
      this.counters.count('errors');
      this.logger?.warn(`cannot delete the compile cache entry ${path}: ${describe(error)}`, { cache: 'disk', path });
    }
  }

  stats(): CacheStats {
    return this.counters.snapshot();
  }

  /**
   * Removes expired entries, entries that cannot be read, and temp files of writes that died.
   * Reads only each entry's header line. Returns how many files it removed.
   */
  async prune(): Promise<number> {
    let removed = 0;
    const now = this.now();
    const shards = await readdir(this.root).catch(() => [] as string[]);
    for (const shard of shards) {
      const directory = join(this.root, shard);
      const names = await readdir(directory).catch(() => [] as string[]);
      for (const name of names) {
        const path = join(directory, name);
        if (await this.isDead(path, name, now)) {
          await rm(path, { force: true }).catch(() => undefined);
          removed += 1;
        }
      }
    }
    return removed;
  }

  /** Prunes when the last sweep (the mtime of `<directory>/v1/.pruned`) is older than a day; checked once per process. */
  private async pruneIfDue(): Promise<void> {
    if (this.pruneChecked) return;
    this.pruneChecked = true;
    const marker = join(this.root, '.pruned');
    const last = await stat(marker).then((info) => info.mtimeMs, () => undefined);
    const now = this.now();
    if (last !== undefined && now - last < DISK_CACHE_PRUNE_INTERVAL_MS) return;
    try {
      await writeFile(marker, '');
      await utimes(marker, now / 1000, now / 1000);
      await this.prune();
    } catch {
      // Pruning is housekeeping: a failure here never fails a command.
    }
  }

  private async isDead(path: string, name: string, now: number): Promise<boolean> {
    if (name.endsWith('.tmp')) {
      const info = await stat(path).catch(() => undefined);
      return info !== undefined && now - info.mtimeMs > STALE_TEMP_MS;
    }
    if (!/^[0-9a-f]{64}$/.test(name)) return false;
    const handle = await open(path, 'r').catch(() => undefined);
    if (!handle) return false;
    try {
      const buffer = Buffer.alloc(2048);
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, 0);
      const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
      if (newline < 0) return true;
      const header = JSON.parse(buffer.subarray(0, newline).toString('utf8')) as Partial<EntryHeader>;
      return typeof header.expires_at === 'number' && now >= header.expires_at;
    } catch {
      return true;
    } finally {
      await handle.close();
    }
  }

  private unusable(path: string, reason: string): void {
    this.counters.count('errors');
    this.logger?.warn(`ignored the compile cache entry ${path}: ${reason}; it is compiled again and overwritten`, { cache: 'disk', path });
  }
}

export interface CacheDirectoryChoice {
  /** `--cache-dir`. */
  flag?: string | undefined;
  /** `--no-cache`. */
  disabled?: boolean | undefined;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/**
 * Where the CLI keeps compiled IR: `--cache-dir`, else ANANKE_CACHE_DIR, else
 * `$XDG_CACHE_HOME/ananke` (an absolute XDG_CACHE_HOME only, as the XDG spec says), else
 * `~/.cache/ananke`. Undefined with `--no-cache`.
 */
export function cacheDirectory(choice: CacheDirectoryChoice): string | undefined {
  if (choice.disabled) return undefined;
  const env = choice.env ?? process.env;
  if (choice.flag) return choice.flag;
  if (env['ANANKE_CACHE_DIR']) return env['ANANKE_CACHE_DIR'];
  const xdg = env['XDG_CACHE_HOME'];
  return join(xdg && isAbsolute(xdg) ? xdg : join(choice.home ?? homedir(), '.cache'), 'ananke');
}

/** Cache warnings as the CLI prints every warning: one `warning:` line on stderr. */
export const stderrCacheLogger: CacheLogger = {
  warn(message) {
    process.stderr.write(`warning: ${message}\n`);
  },
};

import { KvCache, type KvNamespaceLike } from './kv.js';
import { LayeredCache, type LayeredCacheOptions } from './layered.js';
import { consoleCacheLogger, type CacheLogger } from './logger.js';
import { MemoryCache, type MemoryCacheOptions } from './memory.js';
import { UpstashCache, type UpstashCacheOptions } from './upstash.js';
import type { ConstraintCache } from './types.js';

/** The Worker bindings and secrets the cache reads. Extra fields of `env` are ignored. */
export interface CacheBindings {
  CONSTRAINT_CACHE?: KvNamespaceLike;
  UPSTASH_REDIS_REST_URL?: string;
  UPSTASH_REDIS_REST_TOKEN?: string;
  /** memory | kv | upstash | layered. Absent: layered when a remote is configured, else memory. */
  CACHE_BACKEND?: string;
}

export interface CacheFactoryOptions {
  memory?: MemoryCacheOptions;
  layered?: Omit<LayeredCacheOptions, 'logger'>;
  upstash?: Pick<UpstashCacheOptions, 'timeoutMs' | 'retries' | 'keyPrefix'>;
  logger?: CacheLogger;
}

export type CacheConfigWarningCode = 'cache_secret_missing' | 'cache_binding_missing' | 'cache_backend_unknown' | 'cache_config_invalid';

/** Configuration problems never throw: the cache degrades to what is configured and says how to fix it. */
export interface CacheConfigWarning {
  code: CacheConfigWarningCode;
  message: string;
  fix: string;
}

export interface ConfiguredCache {
  cache: ConstraintCache;
  warnings: CacheConfigWarning[];
}

type Backend = 'memory' | 'kv' | 'upstash' | 'layered' | 'auto';
const BACKENDS: readonly Backend[] = ['memory', 'kv', 'upstash', 'layered'];

const KV_BINDING_FIX =
  'Run `wrangler kv namespace create CONSTRAINT_CACHE` and add its id under [[kv_namespaces]] with binding = "CONSTRAINT_CACHE" in wrangler.toml.';

/**
 * Chooses the cache from bindings and secrets:
 * - CACHE_BACKEND=memory: the per-isolate LRU only.
 * - CACHE_BACKEND=kv or upstash: that remote alone (errors reach the caller).
 * - CACHE_BACKEND=layered, or unset: memory in front of KV if CONSTRAINT_CACHE is bound, else of
 *   Upstash if both secrets are set, else memory alone.
 * Call once per isolate and keep the result: a new memory layer per request never hits.
 */
export function cacheFromConfig(bindings: CacheBindings, options: CacheFactoryOptions = {}): ConfiguredCache {
  const warnings: CacheConfigWarning[] = [];
  const backend = resolveBackend(bindings.CACHE_BACKEND, warnings);
  const cache = chooseCache(backend, bindings, options, warnings);
  const logger = options.logger ?? consoleCacheLogger;
  for (const warning of warnings) logger.warn(warning.message, { code: warning.code, fix: warning.fix, cache: cache.name });
  return { cache, warnings };
}

function resolveBackend(requested: string | undefined, warnings: CacheConfigWarning[]): Backend {
  const normalized = requested?.trim().toLowerCase() ?? '';
  if (normalized === '') return 'auto';
  const known = BACKENDS.find((backend) => backend === normalized);
  if (known !== undefined) return known;
  warnings.push({
    code: 'cache_backend_unknown',
    message: `CACHE_BACKEND is "${requested}", which is not one of ${BACKENDS.join(', ')}; choosing from the bindings instead.`,
    fix: `Set CACHE_BACKEND to one of ${BACKENDS.join(', ')} in [vars] of wrangler.toml, or remove it.`,
  });
  return 'auto';
}

function chooseCache(backend: Backend, bindings: CacheBindings, options: CacheFactoryOptions, warnings: CacheConfigWarning[]): ConstraintCache {
  const memory = (): MemoryCache => new MemoryCache(options.memory);
  if (backend === 'memory') return memory();
  if (backend === 'kv') return kvCache(bindings, warnings) ?? memory();
  const upstash = upstashCache(bindings, options, warnings, backend === 'upstash');
  if (backend === 'upstash') return upstash ?? memory();
  const remote = bindings.CONSTRAINT_CACHE === undefined ? upstash : new KvCache(bindings.CONSTRAINT_CACHE);
  if (remote === undefined) {
    if (backend === 'layered') warnings.push(noRemoteWarning());
    return memory();
  }
  return new LayeredCache(memory(), remote, { ...options.layered, logger: options.logger ?? consoleCacheLogger });
}

function kvCache(bindings: CacheBindings, warnings: CacheConfigWarning[]): KvCache | undefined {
  if (bindings.CONSTRAINT_CACHE !== undefined) return new KvCache(bindings.CONSTRAINT_CACHE);
  warnings.push({
    code: 'cache_binding_missing',
    message: 'CACHE_BACKEND is kv but no KV namespace is bound as CONSTRAINT_CACHE; using the in-memory cache.',
    fix: KV_BINDING_FIX,
  });
  return undefined;
}

/** Warns about a half-configured Upstash always, and about an absent one only when it was asked for. */
function upstashCache(
  bindings: CacheBindings,
  options: CacheFactoryOptions,
  warnings: CacheConfigWarning[],
  required: boolean,
): UpstashCache | undefined {
  const url = nonEmpty(bindings.UPSTASH_REDIS_REST_URL);
  const token = nonEmpty(bindings.UPSTASH_REDIS_REST_TOKEN);
  if (url !== undefined && token !== undefined) return buildUpstash(url, token, options, warnings);
  const missing = [url === undefined ? 'UPSTASH_REDIS_REST_URL' : undefined, token === undefined ? 'UPSTASH_REDIS_REST_TOKEN' : undefined].filter(
    (name): name is string => name !== undefined,
  );
  if (missing.length === 2 && !required) return undefined;
  warnings.push({
    code: 'cache_secret_missing',
    message: `Upstash Redis is not configured: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set; the Upstash cache is off.`,
    fix: missing.map((name) => `wrangler secret put ${name}`).join(' && '),
  });
  return undefined;
}

function buildUpstash(url: string, token: string, options: CacheFactoryOptions, warnings: CacheConfigWarning[]): UpstashCache | undefined {
  try {
    return new UpstashCache({ url, token, ...options.upstash });
  } catch (error) {
    warnings.push({
      code: 'cache_config_invalid',
      message: `UPSTASH_REDIS_REST_URL is not a usable URL (${error instanceof Error ? error.message : String(error)}); the Upstash cache is off.`,
      fix: 'Copy the https REST URL from the Upstash console and run `wrangler secret put UPSTASH_REDIS_REST_URL`.',
    });
    return undefined;
  }
}

function noRemoteWarning(): CacheConfigWarning {
  return {
    code: 'cache_binding_missing',
    message: 'CACHE_BACKEND is layered but neither CONSTRAINT_CACHE (KV) nor the Upstash secrets are set; using the in-memory cache alone.',
    fix: `${KV_BINDING_FIX} Or: wrangler secret put UPSTASH_REDIS_REST_URL && wrangler secret put UPSTASH_REDIS_REST_TOKEN`,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

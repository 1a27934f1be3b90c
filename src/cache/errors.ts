import { AnankeError } from '../errors.js';
import type { CacheName } from './types.js';

export type CacheOperation = 'get' | 'set' | 'delete';

/** Remote error bodies can echo the whole command (value included): keep messages short. */
export const MAX_CAUSE_CHARS = 200;

export function truncate(text: string, maxChars = MAX_CAUSE_CHARS): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}...` : text;
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return truncate(`${cause.name}: ${cause.message}`);
  return truncate(String(cause));
}

export function cacheTimeoutError(cache: CacheName, operation: CacheOperation, timeoutMs: number): AnankeError {
  return new AnankeError(
    'unavailable',
    `The ${cache} cache did not answer a ${operation} within ${timeoutMs} ms.`,
    'Check the remote cache is reachable from this region, or raise its timeout.',
    { cache, operation, reason: 'timeout', timeout_ms: timeoutMs },
  );
}

export function cacheRemoteError(cache: CacheName, operation: CacheOperation, cause: unknown): AnankeError {
  if (isCacheTimeout(cause)) return cause;
  return new AnankeError(
    'unavailable',
    `The ${cache} cache failed a ${operation}: ${describeCause(cause)}`,
    'Check the cache binding or the UPSTASH_REDIS_REST_URL / UPSTASH_REDIS_REST_TOKEN secrets.',
    { cache, operation, reason: 'error' },
  );
}

export function isCacheTimeout(error: unknown): error is AnankeError {
  return error instanceof AnankeError && error.details?.['reason'] === 'timeout';
}

/**
 * Resolves or rejects like `promise`, or rejects with `onTimeout()` after `timeoutMs`. The
 * underlying call cannot be cancelled (KV has no signal), so its late rejection is swallowed here.
 */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  promise.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

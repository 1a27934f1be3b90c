/** Where a cache reports what it swallowed. Injected, so tests can read it and Workers can ship it. */
export interface CacheLogger {
  warn(message: string, fields: Record<string, unknown>): void;
}

/** One JSON line per event: Workers Logs and `wrangler tail` index the fields. */
export const consoleCacheLogger: CacheLogger = {
  warn(message, fields) {
    console.warn(JSON.stringify({ level: 'warn', message, ...fields }));
  },
};

import { emptyStats, type CacheStats } from './types.js';

export class CacheCounters {
  private readonly counts: CacheStats = emptyStats();

  count(field: keyof CacheStats): void {
    this.counts[field] += 1;
  }

  snapshot(): CacheStats {
    return { ...this.counts };
  }
}

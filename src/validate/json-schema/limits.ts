/** Budgets of the interpreting validator, with why each has its value. */
export const JSON_SCHEMA_LIMITS = {
  /** Errors kept per result: a repair prompt or a report needs the first few, not thousands. */
  maxErrors: 100,
  /**
   * Nested schema evaluations on one path. Each level costs a few JS stack frames; workerd's
   * stack holds several thousand, and no real schema or generated document nests this deep.
   */
  maxDepth: 256,
} as const;

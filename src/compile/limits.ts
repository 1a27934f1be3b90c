import { AnankeError } from '../errors.js';

/**
 * Budgets of the compile stage, each with why it has its value. Exceeding one is a 422: the
 * constraints are valid but too large to turn into a grammar an engine will load quickly.
 */
export const COMPILE_LIMITS = {
  /** Rules in one emitted grammar: XGrammar and llama.cpp compile per rule; past this, grammar compile time dominates a request. */
  maxGrammarRules: 6_000,
  /** Bytes of one emitted grammar text: engines keep grammars in a cache keyed by text, and llama.cpp parses it on every request. */
  maxGrammarBytes: 1_500_000,
  /** Bracket nesting the code grammars follow: real code rarely nests deeper, and every level adds a copy of the bracket rules. */
  maxNestingDepth: 16,
  /** Forbidden patterns in one grammar: each adds Aho-Corasick states to every free-text automaton. */
  maxForbidPatterns: 200,
  /** Characters in one forbidden pattern or allowed module name: longer ones are better checked by the validator. */
  maxPatternLength: 200,
  /** States of one automaton while it is determinised: bounds memory and time of the subset construction. */
  maxAutomatonStates: 20_000,
  /** Bounded repetitions are unrolled in automata: larger counts belong in a validator, not in a DFA. */
  maxRepeatCount: 100,
} as const;

export type CompileLimit = keyof typeof COMPILE_LIMITS;

/** Throws the 422 for a budget that was exceeded, naming the limit so the caller can act on it. */
export function exceeded(limit: CompileLimit, actual: number, hint: string): never {
  throw new AnankeError(
    'unprocessable',
    `grammar limit ${limit} exceeded: ${actual} > ${COMPILE_LIMITS[limit]}`,
    hint,
    { limit, actual, max: COMPILE_LIMITS[limit] },
  );
}

export function checkLimit(limit: CompileLimit, actual: number, hint: string): void {
  if (actual > COMPILE_LIMITS[limit]) exceeded(limit, actual, hint);
}

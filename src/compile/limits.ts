import { AnankeError } from '../errors.js';

/**
 * Budgets of the compile stage, each with why it has its value. Exceeding one is a 422: the
 * constraints are valid but too large to turn into a grammar an engine will load quickly.
 */
export const COMPILE_LIMITS = {
  /**
   * Rules in one code grammar, its decode budget. XGrammar compiles every rule against the whole
   * vocabulary: measured with the Llama-3 vocabulary (128,256 tokens, `npm run bench:engine`), a
   * rule of our automata costs 15 to 40 ms of compile, so 200 rules are 3 to 8 s before the first
   * token of a new grammar. Over it, constraints are left to the validator (code-shape.ts) rather
   * than refused.
   */
  maxGrammarRules: 200,
  /** Bytes of one emitted grammar text: engines keep grammars in a cache keyed by text, and llama.cpp parses it on every request. */
  maxGrammarBytes: 16_000,
  /**
   * Share of names an inferred naming convention must hold for in the codebase before a grammar
   * enforces it: a grammar rejects every exception, including the codebase's own (a module
   * grammar from a convention kept at 80% rejects the file it came from).
   */
  minDecodeConfidence: 0.95,
  /** Forbidden patterns in one grammar: each adds states to the word automaton. */
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

/**
 * The engine's stand-in for a model: a fixed score per byte token, a mild pull towards ending,
 * and a seeded generator. The same seed and prompt always give the same sequence of draws.
 */
import type { BracketTracker } from './brackets.js';
import { EOS_TOKEN_ID } from './vocabulary.js';

/** End-of-sequence score at step 0, its growth per generated token, and its ceiling. */
const END_SCORE_START = -1;
const END_SCORE_PER_TOKEN = 0.15;
const END_SCORE_MAX = 4;
/**
 * Where a grammar leaves many bytes open (free text), closing bytes get a bonus, and every
 * other non-word byte a bonus growing with length: in most grammars free text is left through
 * punctuation, so this keeps outputs short without knowing the grammar.
 */
const OPEN_CHOICE_SIZE = 12;
const CLOSING_BONUS = 2.5;
const EXIT_BONUS_PER_TOKEN = 0.1;
const EXIT_BONUS_MAX = 3;
const CLOSING_BYTES = new Set([...'"\')]},;'].map((character) => character.charCodeAt(0)));
/** Whitespace right after whitespace, so JSON stays compact and text has single spaces. */
const WHITESPACE_RUN_PENALTY = 3;
/** While a bracket is open: the end and a wrong closing bracket are unlikely, the right one likelier. */
const OPEN_BRACKET_END_PENALTY = 12;
const WRONG_CLOSER_PENALTY = 6;
const EXPECTED_CLOSER_BONUS = 1.5;
/** Right after the outermost bracket closed, the end is what a model would write. */
const BALANCED_END_BONUS = 6;

export interface SamplingContext {
  /** Tokens generated so far. */
  step: number;
  /** The token generated last; undefined at the start. */
  previous: number | undefined;
  /** Whether a grammar is in force (the free-text bonuses only make sense under one). */
  constrained: boolean;
  /** Brackets the text leaves open (see brackets.ts); absent: not tracked. */
  brackets?: BracketTracker;
}

export type RandomSource = () => number;

/** mulberry32: a 32-bit state generator, uniform in [0, 1). */
export function createRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a of the seed and the prompt, so different prompts draw differently. */
export function generationSeed(seed: number, prompt: string): number {
  let hash = 0x811c9dc5;
  for (const character of `${seed}\u0000${prompt}`) {
    hash ^= character.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function tokenScore(token: number, context: SamplingContext, allowedCount: number): number {
  const brackets = context.constrained ? context.brackets : undefined;
  if (token === EOS_TOKEN_ID) {
    const end = Math.min(END_SCORE_MAX, END_SCORE_START + END_SCORE_PER_TOKEN * context.step);
    if (!brackets) return end;
    if (brackets.depth > 0) return end - OPEN_BRACKET_END_PENALTY;
    return brackets.justBalanced ? end + BALANCED_END_BONUS : end;
  }
  let score = byteScore(token) + bracketScore(token, brackets);
  if (isWhitespace(token) && context.previous !== undefined && isWhitespace(context.previous)) score -= WHITESPACE_RUN_PENALTY;
  if (context.constrained && allowedCount >= OPEN_CHOICE_SIZE && !isWordByte(token) && token > 0x20 && token < 0x7f) {
    score += Math.min(EXIT_BONUS_MAX, EXIT_BONUS_PER_TOKEN * context.step);
    if (CLOSING_BYTES.has(token)) score += CLOSING_BONUS;
  }
  return score;
}

function bracketScore(byte: number, brackets: BracketTracker | undefined): number {
  if (!brackets || !brackets.isCloser(byte)) return 0;
  const expected = brackets.expectedCloser;
  if (expected === undefined) return brackets.depth > 0 ? 0 : -WRONG_CLOSER_PENALTY;
  return byte === expected ? EXPECTED_CLOSER_BONUS : -WRONG_CLOSER_PENALTY;
}

function byteScore(byte: number): number {
  if (isWordByte(byte)) return 0;
  if (byte > 0x20 && byte < 0x7f) return -0.5;
  if (byte === 0x20) return -1;
  if (byte === 0x0a) return -2;
  if (byte === 0x09 || byte === 0x0d) return -4;
  if (byte >= 0x80) return -3;
  return -6;
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0d;
}

function isWordByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f;
}

/**
 * Draws one of `allowed` with probability proportional to exp(score / temperature). At
 * temperature 0 the best score wins and the generator breaks ties.
 */
export function sampleToken(allowed: readonly number[], context: SamplingContext, temperature: number, random: RandomSource): number {
  if (allowed.length === 0) throw new Error('sampleToken needs at least one allowed token');
  const scores = allowed.map((token) => tokenScore(token, context, allowed.length));
  const best = Math.max(...scores);
  if (temperature <= 0) {
    const tied = allowed.filter((_, index) => scores[index] === best);
    return tied[Math.floor(random() * tied.length)] ?? tied[0]!;
  }
  const weights = scores.map((score) => Math.exp((score - best) / temperature));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let remaining = random() * total;
  for (let index = 0; index < allowed.length; index += 1) {
    remaining -= weights[index]!;
    if (remaining < 0) return allowed[index]!;
  }
  return allowed[allowed.length - 1]!;
}

export interface MultiByteTokens {
  tokenBytes(token: number): Uint8Array;
  endTokenIds: readonly number[];
}

/**
 * Sampling over a real vocabulary (tens of thousands of allowed tokens) with the byte sampler's
 * behaviour: first a byte is drawn, by `sampleToken`, among the first bytes of the allowed tokens
 * (the end counting as one choice, the end token), then a token among those starting with it,
 * uniformly. Drawing straight among 100k tokens would leave the end token no weight at all.
 * `context.previous` is the last byte written.
 */
export function sampleByFirstByte(allowed: readonly number[], vocabulary: MultiByteTokens, context: SamplingContext, temperature: number, random: RandomSource): number {
  if (allowed.length === 0) throw new Error('sampleByFirstByte needs at least one allowed token');
  const groups = new Map<number, number[]>();
  for (const token of allowed) {
    const lead = vocabulary.endTokenIds.includes(token) ? EOS_TOKEN_ID : vocabulary.tokenBytes(token)[0]!;
    const group = groups.get(lead);
    if (group) group.push(token);
    else groups.set(lead, [token]);
  }
  const lead = sampleToken([...groups.keys()].sort((a, b) => a - b), context, temperature, random);
  const group = groups.get(lead)!;
  return group[Math.floor(random() * group.length)] ?? group[0]!;
}

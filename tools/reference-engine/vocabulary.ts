/**
 * The engine's vocabulary: one token per byte (ids 0..255) and an end-of-sequence token (256).
 * Byte tokens are spelled `<0xNN>` so XGrammar reads them as byte-fallback tokens, which lets a
 * grammar over Unicode text be matched one UTF-8 byte at a time.
 */
import type { XGrammar } from './xgrammar.js';

export const BYTE_TOKEN_COUNT = 256;
export const EOS_TOKEN_ID = 256;
export const VOCABULARY_SIZE = 257;

export function encodedVocabulary(): string[] {
  const tokens = Array.from({ length: BYTE_TOKEN_COUNT }, (_, byte) => `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
  tokens.push('</s>');
  return tokens;
}

export function createTokenizerInfo(xgrammar: XGrammar) {
  return xgrammar.TokenizerInfo.createTokenizerInfo(encodedVocabulary(), 'byte_fallback', false, VOCABULARY_SIZE, [EOS_TOKEN_ID]);
}

/** Token ids below `size` whose bit is set in an XGrammar bitmask (bit i of word i >> 5 allows token i). */
export function allowedTokens(bitmask: Int32Array, size = VOCABULARY_SIZE): number[] {
  const allowed: number[] = [];
  for (let first = 0; first < size; first += 32) {
    const word = bitmask[first >> 5] ?? 0;
    if (word === 0) continue;
    for (let token = first; token < Math.min(first + 32, size); token += 1) {
      if ((word >>> (token & 31)) & 1) allowed.push(token);
    }
  }
  return allowed;
}

/** What an unconstrained request may emit: printable ASCII, newline, and the end token. */
export const UNCONSTRAINED_TOKENS: readonly number[] = [
  0x0a,
  ...Array.from({ length: 0x7e - 0x20 + 1 }, (_, offset) => 0x20 + offset),
  EOS_TOKEN_ID,
];

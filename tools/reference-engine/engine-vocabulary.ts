/**
 * The vocabulary the engine masks and samples over, chosen at start-up (`--vocab`):
 * - `bytes` (the default): 256 byte tokens and an end token, see vocabulary.ts;
 * - `llama3`: the real Llama-3 vocabulary (128,256 tokens, see llama3-vocabulary.ts), so a local
 *   run or a test sees what a grammar costs and does with a real tokenizer.
 */
import { createLlama3TokenizerInfo, LLAMA3_VOCABULARY_SIZE, llama3Tokenizer, llama3Vocabulary } from './llama3-vocabulary.js';
import { sampleByFirstByte, sampleToken, type RandomSource, type SamplingContext } from './sampler.js';
import { createTokenizerInfo, EOS_TOKEN_ID, UNCONSTRAINED_TOKENS, VOCABULARY_SIZE } from './vocabulary.js';
import type { XGrammar } from './xgrammar.js';

export const VOCABULARY_NAMES = ['bytes', 'llama3'] as const;
export type VocabularyName = (typeof VOCABULARY_NAMES)[number];

type TokenizerInfo = Awaited<ReturnType<XGrammar['TokenizerInfo']['createTokenizerInfo']>>;

export interface EngineVocabulary {
  name: VocabularyName;
  /** Bits in XGrammar's bitmask: the logits width. */
  size: number;
  /** Tokens that end the text; the first is the one reported as `matched` by SGLang's route. */
  endTokenIds: readonly number[];
  createTokenizerInfo(xgrammar: XGrammar): Promise<TokenizerInfo>;
  /** The UTF-8 bytes a token adds to the text (none for an end token). */
  tokenBytes(token: number): Uint8Array;
  /** What an unconstrained request may draw: printable ASCII and newline text, and the end token. */
  unconstrainedTokens: readonly number[];
  /** Tokens never drawn even when a mask allows them (special tokens, which a server's detokenizer drops). */
  isExcluded(token: number): boolean;
  promptTokenCount(prompt: string): number;
  sample(allowed: readonly number[], context: SamplingContext, temperature: number, random: RandomSource): number;
}

export function byteVocabulary(): EngineVocabulary {
  const bytes = Array.from({ length: VOCABULARY_SIZE }, (_, token) => (token === EOS_TOKEN_ID ? new Uint8Array(0) : Uint8Array.of(token)));
  return {
    name: 'bytes',
    size: VOCABULARY_SIZE,
    endTokenIds: [EOS_TOKEN_ID],
    createTokenizerInfo,
    tokenBytes: (token) => bytes[token]!,
    unconstrainedTokens: UNCONSTRAINED_TOKENS,
    isExcluded: () => false,
    promptTokenCount: (prompt) => Buffer.byteLength(prompt),
    sample: sampleToken,
  };
}

export async function llama3EngineVocabulary(): Promise<EngineVocabulary> {
  const vocabulary = llama3Vocabulary();
  const tokenizer = await llama3Tokenizer();
  const endTokenIds = vocabulary.stopTokenIds;
  const isEnd = (token: number) => endTokenIds.includes(token);
  const empty = new Uint8Array(0);
  const tokenBytes = (token: number) => (isEnd(token) ? empty : vocabulary.tokenBytes(token));
  const isExcluded = (token: number) => vocabulary.specialTokenIds.has(token) && !isEnd(token);
  return {
    name: 'llama3',
    size: LLAMA3_VOCABULARY_SIZE,
    endTokenIds,
    createTokenizerInfo: createLlama3TokenizerInfo,
    tokenBytes,
    unconstrainedTokens: printableTokens(LLAMA3_VOCABULARY_SIZE, tokenBytes, isExcluded, endTokenIds),
    isExcluded,
    promptTokenCount: (prompt) => tokenizer.encode(prompt).length,
    sample: (allowed, context, temperature, random) => sampleByFirstByte(allowed, { tokenBytes, endTokenIds }, context, temperature, random),
  };
}

function printableTokens(size: number, tokenBytes: (token: number) => Uint8Array, isExcluded: (token: number) => boolean, endTokenIds: readonly number[]): number[] {
  const printable: number[] = [];
  for (let token = 0; token < size; token += 1) {
    if (isExcluded(token) || endTokenIds.includes(token)) continue;
    if (tokenBytes(token).every((byte) => byte === 0x0a || (byte >= 0x20 && byte <= 0x7e))) printable.push(token);
  }
  return [...printable, endTokenIds[0]!];
}

export function loadEngineVocabulary(name: VocabularyName = 'bytes'): Promise<EngineVocabulary> {
  return name === 'llama3' ? llama3EngineVocabulary() : Promise.resolve(byteVocabulary());
}

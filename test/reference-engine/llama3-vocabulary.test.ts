// The reference engine over the real Llama-3 vocabulary (--vocab llama3): the encoded vocabulary
// is tokenizer.json's, in id order, as vLLM hands it to XGrammar; text and token ids agree with the
// package's own tokenizer; and what the engine generates under a grammar is inside that grammar.
// Timeouts are generous on purpose: a 128k vocabulary is slow to load on a busy machine, and
// nothing here depends on speed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byteLevelDecoder, LLAMA3_VOCABULARY_SIZE, llama3Tokenizer, llama3Vocabulary, type TextTokenizer } from '../../tools/reference-engine/llama3-vocabulary.js';
import { createRandom, sampleByFirstByte } from '../../tools/reference-engine/sampler.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { Utf8Guard } from '../../tools/reference-engine/utf8.js';
import { allowedTokens } from '../../tools/reference-engine/vocabulary.js';
import { loadXGrammar } from '../../tools/reference-engine/xgrammar.js';
import { post } from './http.js';

const LOAD_TIMEOUT_MS = 300_000;
const REQUEST_TIMEOUT_MS = 300_000;

const CALL_GRAMMAR = `root ::= "def " name "(" name? "):\\n    return " value "\\n"
name ::= [a-z_] [a-z0-9_]{0,11}
value ::= name | [0-9]{1,4}
`;

const CODE = 'def load_order(session, order_id: int) -> Order:\n    order = await session.get(Order, order_id)\n    return order  # é, 😀\n';

describe('the Llama-3 vocabulary', () => {
  let tokenizer: TextTokenizer;

  beforeAll(async () => {
    tokenizer = await llama3Tokenizer();
  }, LOAD_TIMEOUT_MS);

  it('is tokenizer.json in id order: byte-level spellings, added tokens at the end, 128,256 in all', () => {
    const vocabulary = llama3Vocabulary();
    expect(vocabulary.encoded).toHaveLength(LLAMA3_VOCABULARY_SIZE);
    expect([vocabulary.encoded[198], vocabulary.encoded[220], vocabulary.encoded[9906]]).toEqual(['Ċ', 'Ġ', 'Hello']);
    expect([vocabulary.encoded[128000], vocabulary.encoded[128255]]).toEqual(['<|begin_of_text|>', '<|reserved_special_token_250|>']);
    expect(vocabulary.stopTokenIds).toEqual([128009, 128001]);
    expect(vocabulary.specialTokenIds.size).toBe(256);
  });

  it('decodes GPT-2 byte-level spellings to bytes', () => {
    const decode = byteLevelDecoder();
    expect([...decode('Ġ')]).toEqual([0x20]);
    expect([...decode('Ċ')]).toEqual([0x0a]);
    expect([...decode('Ã©')]).toEqual([0xc3, 0xa9]);
    expect(() => decode('\u4e00')).toThrow(/not a byte-level token spelling/);
  });

  it("tokenises text to ids whose bytes are the text again, as the package's tokenizer decodes them", () => {
    const ids = tokenizer.encode(CODE);
    const bytes = Buffer.concat(ids.map((id) => llama3Vocabulary().tokenBytes(id)));
    expect(bytes.toString('utf8')).toBe(CODE);
    expect(tokenizer.decode(ids)).toBe(CODE);
    expect(ids.length).toBeLessThan(Buffer.byteLength(CODE) / 2);
  });
});

describe('sampling over a multi-byte vocabulary', () => {
  const spellings = new Map<number, string>([
    [1, 'abc'],
    [2, 'ab'],
    [3, ')'],
    [4, ');'],
    [5, ' '],
  ]);
  const vocabulary = { tokenBytes: (token: number) => new TextEncoder().encode(spellings.get(token) ?? ''), endTokenIds: [9] };

  it('draws a first byte as the byte sampler would, then a token starting with it', () => {
    const random = createRandom(7);
    const context = { step: 0, previous: undefined, constrained: false };
    for (let draw = 0; draw < 20; draw += 1) expect([1, 2]).toContain(sampleByFirstByte([1, 2, 5], vocabulary, context, 0, random));
    expect(sampleByFirstByte([9], vocabulary, context, 1, random)).toBe(9);
    const late = { step: 200, previous: 0x61, constrained: true };
    expect(sampleByFirstByte([1, 3, 4, 9], vocabulary, late, 0, random)).toBe(9);
  });

  it('checks whole tokens against UTF-8, and reads masks wider than 257 tokens', () => {
    const guard = new Utf8Guard();
    expect(guard.allowsAll(Uint8Array.of(0xc3, 0xa9, 0x41))).toBe(true);
    expect(guard.allowsAll(Uint8Array.of(0xe2, 0x82))).toBe(true);
    expect(guard.allowsAll(Uint8Array.of(0xc3, 0x41))).toBe(false);
    guard.push(0xe2);
    expect(guard.allowsAll(Uint8Array.of(0x82, 0xac))).toBe(true);
    expect(guard.allowsAll(Uint8Array.of(0x41))).toBe(false);
    const bitmask = new Int32Array(Math.ceil(LLAMA3_VOCABULARY_SIZE / 32));
    for (const token of [0, 40_000, LLAMA3_VOCABULARY_SIZE - 1]) bitmask[token >> 5]! |= 1 << (token & 31);
    expect(allowedTokens(bitmask, LLAMA3_VOCABULARY_SIZE)).toEqual([0, 40_000, LLAMA3_VOCABULARY_SIZE - 1]);
  });
});

describe('the reference engine with --vocab llama3', () => {
  let engine: ReferenceEngine;
  let tokenizer: TextTokenizer;

  beforeAll(async () => {
    engine = await startReferenceEngine({ port: 0, vocabulary: 'llama3' });
    tokenizer = await llama3Tokenizer();
  }, LOAD_TIMEOUT_MS);

  afterAll(async () => {
    await engine?.close();
  });

  it(
    'generates text inside the grammar, counts tokens in the real vocabulary, and ends with a Llama-3 stop token',
    async () => {
      const xgrammar = await loadXGrammar();
      const grammar = await xgrammar.Grammar.fromEBNF(CALL_GRAMMAR, 'root');
      let finished = 0;
      try {
        for (const seed of [1, 2, 3, 4, 5]) {
          const answer = await post(engine.url, '/v1/completions', { prompt: 'Write a function.', max_tokens: 64, seed, structured_outputs: { grammar: CALL_GRAMMAR } });
          expect(answer.status).toBe(200);
          const [choice] = answer.json.choices;
          expect(answer.json.usage.prompt_tokens).toBe(tokenizer.encode('Write a function.').length);
          if (choice.finish_reason !== 'stop') continue;
          finished += 1;
          expect(await xgrammar.Testings.isGrammarAcceptString(grammar, choice.text)).toBe(true);
          expect(answer.json.usage.completion_tokens).toBeLessThan(Buffer.byteLength(choice.text) + 1);
        }
      } finally {
        grammar.dispose();
      }
      expect(finished).toBeGreaterThanOrEqual(3);
      const sglang = await post(engine.url, '/generate', { text: 'x', sampling_params: { max_new_tokens: 64, ebnf: CALL_GRAMMAR, sampling_seed: 1 } });
      expect(sglang.json.meta_info.finish_reason).toEqual({ type: 'stop', matched: expect.toBeOneOf([128009, 128001]) });
    },
    REQUEST_TIMEOUT_MS,
  );

  it(
    'keeps a JSON Schema and unconstrained text printable',
    async () => {
      const schema = { type: 'object', properties: { ok: { type: 'boolean' }, level: { enum: ['low', 'high'] } }, required: ['ok', 'level'], additionalProperties: false };
      let finished = 0;
      for (const seed of [1, 2, 3]) {
        const constrained = await post(engine.url, '/v1/completions', { prompt: 'json', max_tokens: 64, seed, structured_outputs: { json: schema } });
        const [choice] = constrained.json.choices;
        if (choice.finish_reason !== 'stop') continue;
        finished += 1;
        const value = JSON.parse(choice.text);
        expect(Object.keys(value).sort()).toEqual(['level', 'ok']);
        expect([typeof value.ok, ['low', 'high'].includes(value.level)]).toEqual(['boolean', true]);
      }
      expect(finished).toBeGreaterThanOrEqual(2);
      const free = await post(engine.url, '/completion', { prompt: 'x', n_predict: 24, seed: 3 });
      expect(free.json.content).toMatch(/^[\x20-\x7e\n]*$/);
      expect(free.json.tokens_evaluated).toBe(1);
    },
    REQUEST_TIMEOUT_MS,
  );
});

it(
  'main.ts takes --vocab llama3 and refuses an unknown vocabulary',
  async () => {
    const refused = spawn(process.execPath, ['--import', 'tsx', 'tools/reference-engine/main.ts', '--vocab', 'gpt2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const [refusedCode] = (await once(refused, 'exit')) as [number | null];
    expect(refusedCode).toBe(2);
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/reference-engine/main.ts', '--port', '0', '--vocab', 'llama3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [firstLine] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const url = /^reference engine listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine)![1]!;
      const answer = await post(url, '/completion', { prompt: 'x', grammar: 'root ::= [0-9]{2}', seed: 1 });
      expect(answer.json.content).toMatch(/^[0-9]{2}$/);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  },
  LOAD_TIMEOUT_MS,
);

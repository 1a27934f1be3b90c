/**
 * Checks the engine-table entries marked "measured" against the real XGrammar JSON Schema
 * converter (@mlc-ai/web-xgrammar 0.1.27, the WASM build of the library vLLM and SGLang use by
 * default): where the table says xgrammar ignores a keyword, xgrammar must accept a text that
 * breaks it, our validator must reject that text, and normalizeSchema must report the keyword.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeSchema } from '../../src/compile/json-schema/normalize.js';
import { validateJsonSchema } from '../../src/validate/json-schema.js';

interface Disposable { dispose(): void }
interface Matcher extends Disposable { _acceptString(text: string): boolean; acceptToken(id: number): boolean }
interface XGrammar {
  TokenizerInfo: { createTokenizerInfo(vocab: string[], type: string, prependSpace: boolean, size: undefined, stop: number[]): Promise<Disposable> };
  GrammarCompiler: { createGrammarCompiler(tokenizer: Disposable): Promise<Disposable & { compileJSONSchema(schema: string, anyWhitespace: boolean): Promise<Disposable> }> };
  GrammarMatcher: { createGrammarMatcher(compiled: Disposable): Promise<Matcher> };
}

/** The package is a UMD bundle whose Emscripten core expects CommonJS globals in Node. */
async function loadXGrammar(): Promise<XGrammar> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@mlc-ai/web-xgrammar');
  Object.assign(globalThis, { require, __filename: entry, __dirname: dirname(entry) });
  await import(entry);
  return (globalThis as unknown as { xgrammar: XGrammar }).xgrammar;
}

const STOP_TOKEN = 0;
let xgrammar: XGrammar;
let tokenizer: Disposable;
let compiler: Awaited<ReturnType<XGrammar['GrammarCompiler']['createGrammarCompiler']>>;

beforeAll(async () => {
  xgrammar = await loadXGrammar();
  tokenizer = await xgrammar.TokenizerInfo.createTokenizerInfo(['</s>', 'a'], 'raw', false, undefined, [STOP_TOKEN]);
  compiler = await xgrammar.GrammarCompiler.createGrammarCompiler(tokenizer);
});

afterAll(() => {
  compiler.dispose();
  tokenizer.dispose();
});

/** Whether xgrammar's grammar for `schema` accepts exactly `text` (then the stop token). */
async function xgrammarAccepts(schema: unknown, text: string): Promise<boolean> {
  const compiled = await compiler.compileJSONSchema(JSON.stringify(schema), true);
  const matcher = await xgrammar.GrammarMatcher.createGrammarMatcher(compiled);
  try {
    return matcher._acceptString(text) && matcher.acceptToken(STOP_TOKEN);
  } finally {
    matcher.dispose();
    compiled.dispose();
  }
}

const OBJECT_AB = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } };
const ignored: { name: string; schema: Record<string, unknown>; text: string; path: string; action: string }[] = [
  { name: 'not', schema: { type: 'integer', not: { const: 3 } }, text: '3', path: '#/not', action: 'dropped' },
  { name: 'if/then', schema: { ...OBJECT_AB, if: { required: ['a'] }, then: { required: ['b'] } }, text: '{"a": "x"}', path: '#/if', action: 'dropped' },
  { name: 'dependentRequired', schema: { ...OBJECT_AB, dependentRequired: { a: ['b'] } }, text: '{"a": "x"}', path: '#/dependentRequired', action: 'dropped' },
  { name: 'uniqueItems', schema: { type: 'array', items: { type: 'integer' }, uniqueItems: true }, text: '[1, 1]', path: '#/uniqueItems', action: 'rejected' },
  { name: 'contains', schema: { type: 'array', items: { type: 'integer' }, contains: { const: 1 } }, text: '[2]', path: '#/contains', action: 'rejected' },
  { name: 'multipleOf', schema: { type: 'integer', multipleOf: 3 }, text: '4', path: '#/multipleOf', action: 'rejected' },
  { name: 'minLength beside pattern', schema: { type: 'string', pattern: '^a+$', minLength: 3 }, text: '"a"', path: '#/minLength', action: 'rejected' },
  { name: 'keywords beside $ref', schema: { $defs: { a: { type: 'integer' } }, $ref: '#/$defs/a', maximum: 3 }, text: '7', path: '#/maximum', action: 'dropped' },
  { name: 'allOf with two schemas', schema: { allOf: [{ type: 'integer' }, { minimum: 2 }] }, text: '"text"', path: '#/allOf', action: 'dropped' },
  { name: 'keywords beside allOf', schema: { type: 'object', allOf: [{ required: ['a'] }] }, text: '"text"', path: '#/type', action: 'dropped' },
];

describe('xgrammar facts in the engine table, measured with @mlc-ai/web-xgrammar 0.1.27', () => {
  it.each(ignored)('$name: xgrammar accepts $text, which the schema forbids, and the table reports it', async (example) => {
    expect(validateJsonSchema(example.schema, JSON.parse(example.text)).valid).toBe(false);
    expect(await xgrammarAccepts(example.schema, example.text)).toBe(true);
    const warning = normalizeSchema(example.schema, { engines: ['xgrammar'] }).warnings.find((candidate) => candidate.path === example.path);
    expect(warning?.action).toBe(example.action);
  });

  it('strict mode closes objects that leave additionalProperties unset, as the table says', async () => {
    const open = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const text = '{"a": "x", "b": 1}';
    expect(validateJsonSchema(open, JSON.parse(text)).valid).toBe(true);
    expect(await xgrammarAccepts(open, text)).toBe(false);
    expect(await xgrammarAccepts({ ...open, additionalProperties: true }, text)).toBe(true);
    const warning = normalizeSchema(open, { engines: ['xgrammar'] }).warnings.find((candidate) => candidate.keyword === 'additionalProperties');
    expect(warning?.action).toBe('rewritten');
  });

  it('enforces keywords the table calls supported: maxLength, enum, oneOf read as anyOf', async () => {
    expect(await xgrammarAccepts({ type: 'string', maxLength: 3 }, '"abcd"')).toBe(false);
    expect(await xgrammarAccepts({ type: 'string', enum: ['a', 'b'] }, '"c"')).toBe(false);
    expect(await xgrammarAccepts({ oneOf: [{ type: 'integer' }, { minimum: 0 }] }, '5')).toBe(true);
  });

  it('has loose numeric bounds in this build (the reference engine): measured, not in the table', async () => {
    // minimum 5 compiles to [5-9] | [1-9][0-9]*, which accepts 4.
    expect(await xgrammarAccepts({ type: 'integer', minimum: 5 }, '4')).toBe(true);
    expect(await xgrammarAccepts({ type: 'integer', minimum: 5 }, '-1')).toBe(false);
    // minimum 0.5 on a number compiles its "." as any character, so "0x5" (not JSON) is accepted.
    expect(await xgrammarAccepts({ type: 'number', minimum: 0.5 }, '0x5')).toBe(true);
    expect(await xgrammarAccepts({ type: 'number', minimum: 0.5 }, '0.4')).toBe(false);
  });
});

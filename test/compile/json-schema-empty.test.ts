/**
 * The empty schema `{}` means "any value" in JSON Schema and to our validator. llama.cpp's
 * converter (common/json-schema-to-grammar.cpp visit(): `schema.empty() || schema_type == "object"`
 * -> the object primitive) reads it as "any JSON object", so the engine table warns for llama.cpp.
 * XGrammar (@mlc-ai/web-xgrammar, as vLLM and SGLang) is run here: it reads `{}` as any value.
 * OpenAI strict mode has answered 400 to a nested `{}` (can1357/oh-my-pi#211); llguidance not checked.
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
  GrammarCompiler: { createGrammarCompiler(tokenizer: Disposable): Promise<Disposable & { compileGrammar(grammar: Disposable): Promise<Disposable> }> };
  GrammarMatcher: { createGrammarMatcher(compiled: Disposable): Promise<Matcher> };
  Grammar: { fromJSONSchema(schema: string): Promise<Disposable> };
}

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

/** Whether Grammar.fromJSONSchema(schema) accepts exactly `text`. */
async function xgrammarAccepts(schema: unknown, text: string): Promise<boolean> {
  const grammar = await xgrammar.Grammar.fromJSONSchema(JSON.stringify(schema));
  const compiled = await compiler.compileGrammar(grammar);
  const matcher = await xgrammar.GrammarMatcher.createGrammarMatcher(compiled);
  try {
    return matcher._acceptString(text) && matcher.acceptToken(STOP_TOKEN);
  } finally {
    matcher.dispose();
    compiled.dispose();
    grammar.dispose();
  }
}

const VALUES = ['{"items": ["x"]}', '["x"]', '"x"', '1', '-2.5', 'true', 'null'];
const ITEMS_ANY = { type: 'object', properties: { items: { type: 'array', items: {} } }, required: ['items'], additionalProperties: false };

describe('the empty schema {} per engine', () => {
  it.each(VALUES)('XGrammar reads {} as any value, as our validator does: %s', async (text) => {
    expect(validateJsonSchema({}, JSON.parse(text)).valid).toBe(true);
    expect(await xgrammarAccepts({}, text)).toBe(true);
  });

  it('XGrammar reads a nested {} as any value too: {"items": ["x"]} under items: {}', async () => {
    expect(validateJsonSchema(ITEMS_ANY, { items: ['x'] }).valid).toBe(true);
    expect(await xgrammarAccepts(ITEMS_ANY, '{"items": ["x"]}')).toBe(true);
  });

  it('the report warns for llama.cpp (any object only) and OpenAI strict (refused) at every empty schema, and for no other engine', () => {
    const warnings = normalizeSchema(ITEMS_ANY).warnings.filter((warning) => /empty schema/.test(warning.message));
    expect(warnings.map((warning) => [warning.engine, warning.path, warning.action])).toEqual([
      ['llama_cpp', '#/properties/items/items/type', 'rewritten'],
      ['openai_strict', '#/properties/items/items/type', 'rejected'],
    ]);
    expect(warnings[0]!.message).toContain('any JSON object');
    const root = normalizeSchema({}).warnings.filter((warning) => /empty schema/.test(warning.message));
    expect(root.map((warning) => warning.engine)).toEqual(['llama_cpp']);
  });

  it('a typed schema is not warned about', () => {
    const typed = { type: 'array', items: { type: ['object', 'array', 'string', 'number', 'boolean', 'null'] } };
    expect(normalizeSchema(typed).warnings.filter((warning) => /empty schema/.test(warning.message))).toEqual([]);
  });
});

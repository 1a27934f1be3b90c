/**
 * @mlc-ai/web-xgrammar in Node. The package is a UMD bundle with its WASM embedded as base64; it
 * reaches for `require`, `__filename`, `await import('module')` (for `createRequire`) and
 * `console.error` when the module instantiates. We evaluate the bundle with a `createRequire`
 * shim in place of that dynamic import (vitest's sandbox has no dynamic import callback for
 * evaluated code) and our own console, so XGrammar's message for
 * a bad grammar (`EBNF parser error at line L, column C: ...`, printed through the module's
 * printErr) becomes the error we throw instead of the bare `Aborted()`. After an abort the
 * instance is dropped and the next call loads a fresh one (about 20 ms).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const BUNDLE_PATH = require.resolve('@mlc-ai/web-xgrammar');

interface XGrammarGrammar {
  dispose(): void;
  toString(): string;
}

interface XGrammarTokenizerInfo {
  dispose(): void;
}

interface XGrammarCompiled {
  dispose(): void;
}

interface XGrammarMatcher {
  acceptToken(tokenId: number): boolean;
  isTerminated(): boolean;
  dispose(): void;
}

export interface XGrammarModule {
  Grammar: { fromEBNF(text: string, root?: string): Promise<XGrammarGrammar> };
  Testings: { isGrammarAcceptString(grammar: XGrammarGrammar, input: string): Promise<boolean> };
  TokenizerInfo: { createTokenizerInfo(vocab: string[], vocabType?: string, prependSpace?: boolean, vocabSize?: number, stopTokenIds?: number[]): Promise<XGrammarTokenizerInfo> };
  GrammarCompiler: { createGrammarCompiler(info: XGrammarTokenizerInfo, cacheEnabled?: boolean): Promise<{ compileGrammar(grammar: XGrammarGrammar): Promise<XGrammarCompiled>; dispose(): void }> };
  GrammarMatcher: { createGrammarMatcher(compiled: XGrammarCompiled, stopTokens?: number[], terminateWithoutStop?: boolean): Promise<XGrammarMatcher> };
}

/** A grammar XGrammar refused, with its own message and position. */
export class XGrammarError extends Error {
  override readonly name = 'XGrammarError';
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string) {
    super(message);
    const position = /line (\d+), column (\d+)/.exec(message);
    this.line = position ? Number(position[1]) : undefined;
    this.column = position ? Number(position[2]) : undefined;
  }
}

let bundleText: string | undefined;
let instance: { module: XGrammarModule; errors: string[] } | undefined;

const MODULE_IMPORT = "await import('module')";

function loadInstance(): { module: XGrammarModule; errors: string[] } {
  if (bundleText === undefined) {
    const original = readFileSync(BUNDLE_PATH, 'utf8');
    if (!original.includes(MODULE_IMPORT)) throw new Error(`@mlc-ai/web-xgrammar changed: ${MODULE_IMPORT} not found in ${BUNDLE_PATH}`);
    bundleText = original.replaceAll(MODULE_IMPORT, '__nodeModuleShim');
  }
  const errors: string[] = [];
  const capture = (...parts: unknown[]): void => {
    errors.push(parts.map(String).join(' '));
  };
  const quietConsole = { ...console, error: capture, warn: capture };
  const moduleObject = { exports: {} as XGrammarModule };
  // The bundle expects CommonJS globals; evaluating it as a function body supplies them.
  const factory = new Function('exports', 'module', 'require', '__filename', '__dirname', 'console', '__nodeModuleShim', bundleText) as (...args: unknown[]) => void;
  factory(moduleObject.exports, moduleObject, require, BUNDLE_PATH, BUNDLE_PATH.replace(/\/[^/]*$/, ''), quietConsole, { createRequire });
  return { module: moduleObject.exports, errors };
}

function current(): { module: XGrammarModule; errors: string[] } {
  instance ??= loadInstance();
  return instance;
}

/** Runs one XGrammar call; turns an abort into XGrammarError with the captured message. */
async function guarded<T>(call: (module: XGrammarModule) => Promise<T>): Promise<T> {
  const active = current();
  active.errors.length = 0;
  try {
    return await call(active.module);
  } catch (error) {
    instance = undefined;
    const message = active.errors.filter((line) => !/^Aborted\(/.test(line)).map((line) => line.replace(/^\[FATAL\] \S+:\d+: /, '')).join('\n');
    throw new XGrammarError(message || String(error));
  }
}

export async function xgrammar(): Promise<XGrammarModule> {
  return current().module;
}

/** Parses EBNF (or GBNF, where the syntax coincides) with XGrammar; throws XGrammarError. */
export async function parseGrammar(text: string, root = 'root'): Promise<XGrammarGrammar> {
  return guarded((module) => module.Grammar.fromEBNF(text, root));
}

/** Parses the grammar once and reports, for each input, whether XGrammar accepts it. */
export async function acceptance(text: string, inputs: readonly string[], root = 'root'): Promise<boolean[]> {
  const grammar = await parseGrammar(text, root);
  try {
    const results: boolean[] = [];
    for (const input of inputs) results.push(await guarded((module) => module.Testings.isGrammarAcceptString(grammar, input)));
    return results;
  } finally {
    grammar.dispose();
  }
}

export async function accepts(text: string, input: string): Promise<boolean> {
  const [result] = await acceptance(text, [input]);
  return result!;
}

/**
 * Feeds the input byte by byte through a GrammarMatcher compiled against a 256-token vocabulary
 * (one token per byte, as `byte_level` tokenizers spell bytes) plus an end token: the same path a
 * server takes when it masks logits.
 */
export async function matcherAccepts(text: string, input: string): Promise<boolean> {
  return guarded(async (module) => {
    const vocabulary = [...BYTE_LEVEL_ALPHABET, '</s>'];
    const info = await module.TokenizerInfo.createTokenizerInfo(vocabulary, 'byte_level', false, vocabulary.length, [256]);
    const compiler = await module.GrammarCompiler.createGrammarCompiler(info, false);
    const grammar = await module.Grammar.fromEBNF(text, 'root');
    const compiled = await compiler.compileGrammar(grammar);
    const matcher = await module.GrammarMatcher.createGrammarMatcher(compiled, [256]);
    try {
      for (const byte of new TextEncoder().encode(input)) {
        if (!matcher.acceptToken(byte)) return false;
      }
      return matcher.acceptToken(256) && matcher.isTerminated();
    } finally {
      matcher.dispose();
      compiled.dispose();
      grammar.dispose();
      compiler.dispose();
      info.dispose();
    }
  });
}

/** GPT-2's byte-to-character table: the spelling `byte_level` vocabularies use for raw bytes. */
const BYTE_LEVEL_ALPHABET: string[] = (() => {
  const printable = [...range(0x21, 0x7e), ...range(0xa1, 0xac), ...range(0xae, 0xff)];
  const table = new Map<number, number>(printable.map((byte) => [byte, byte]));
  let next = 0;
  for (let byte = 0; byte < 256; byte++) {
    if (!table.has(byte)) table.set(byte, 256 + next++);
  }
  return range(0, 255).map((byte) => String.fromCodePoint(table.get(byte)!));
})();

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { GRAMMARS, type GrammarName } from '../extract/languages.js';
import { loadParsers, type Parsers, type WasmModules } from '../extract/parser.js';

const require = createRequire(import.meta.url);

const GRAMMAR_FILES: Record<GrammarName, string> = {
  typescript: 'tree-sitter-typescript/tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-typescript/tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  python: 'tree-sitter-python/tree-sitter-python.wasm',
  go: 'tree-sitter-go/tree-sitter-go.wasm',
  rust: 'tree-sitter-rust/tree-sitter-rust.wasm',
  java: 'tree-sitter-java/tree-sitter-java.wasm',
};

async function compileFile(specifier: string): Promise<WebAssembly.Module> {
  return WebAssembly.compile(await readFile(require.resolve(specifier)));
}

/** Compiles the runtime and every grammar from node_modules. */
export async function nodeWasmModules(): Promise<WasmModules> {
  const entries = await Promise.all(GRAMMARS.map(async (name) => [name, await compileFile(GRAMMAR_FILES[name])] as const));
  return { runtime: await compileFile('web-tree-sitter/web-tree-sitter.wasm'), grammars: Object.fromEntries(entries) };
}

let shared: Promise<Parsers> | undefined;

/** Parsers for every supported language, loaded once per process. */
export function nodeParsers(): Promise<Parsers> {
  shared ??= nodeWasmModules().then(loadParsers);
  return shared;
}

import runtime from 'web-tree-sitter/web-tree-sitter.wasm';
import go from 'tree-sitter-go/tree-sitter-go.wasm';
import java from 'tree-sitter-java/tree-sitter-java.wasm';
import javascript from 'tree-sitter-javascript/tree-sitter-javascript.wasm';
import python from 'tree-sitter-python/tree-sitter-python.wasm';
import rust from 'tree-sitter-rust/tree-sitter-rust.wasm';
import tsx from 'tree-sitter-typescript/tree-sitter-tsx.wasm';
import typescript from 'tree-sitter-typescript/tree-sitter-typescript.wasm';
import { cacheFromConfig, type ConstraintCache } from '../../src/cache/index.js';
import { loadParsers } from '../../src/extract/parser.js';
import type { GenerateBindings } from '../../src/generate/providers.js';
import { createGenerateApp } from '../../src/generate/routes.js';

let cache: ConstraintCache | undefined;

// The validator parses generated code with the same grammars extract uses; one cache per isolate.
export default createGenerateApp<GenerateBindings>({
  loadParsers: () => loadParsers({ runtime, grammars: { typescript, tsx, javascript, python, go, rust, java } }),
  cacheOf: (env) => (cache ??= cacheFromConfig(env).cache),
});

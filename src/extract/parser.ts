import { Language as TSLanguage, Parser, Query, type Tree } from 'web-tree-sitter';
import { GRAMMAR_OF, type GrammarName } from './languages.js';
import type { Language } from '../constraints/schema.js';

/**
 * The compiled WASM modules the parsers need. Workers get them as imported `.wasm` modules;
 * Node compiles them from the files in node_modules (see src/cli/wasm-node.ts). Compiling
 * from bytes is forbidden in workerd, which is why modules, not bytes, cross this boundary.
 */
export interface WasmModules {
  runtime: WebAssembly.Module;
  grammars: Partial<Record<GrammarName, WebAssembly.Module>>;
}

export interface Parsers {
  parse(language: Language, source: string): Tree;
  /** Compiled query for a language; compiled once and cached. */
  query(language: Language, key: string, source: string): Query;
  languages(): Language[];
}

let runtimeReady: Promise<void> | undefined;

function initRuntime(runtime: WebAssembly.Module): Promise<void> {
  runtimeReady ??= Parser.init({
    instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
      void WebAssembly.instantiate(runtime, imports).then((instance) => done(instance, runtime));
      return {};
    },
  } as never);
  return runtimeReady;
}

class LoadedParsers implements Parsers {
  private readonly parsers = new Map<GrammarName, Parser>();
  private readonly queries = new Map<string, Query>();

  constructor(private readonly grammars: Map<GrammarName, TSLanguage>) {}

  languages(): Language[] {
    return (Object.keys(GRAMMAR_OF) as Language[]).filter((language) => this.grammars.has(GRAMMAR_OF[language]));
  }

  private grammar(language: Language): TSLanguage {
    const grammar = this.grammars.get(GRAMMAR_OF[language]);
    if (!grammar) throw new Error(`no grammar loaded for ${language}`);
    return grammar;
  }

  parse(language: Language, source: string): Tree {
    const name = GRAMMAR_OF[language];
    let parser = this.parsers.get(name);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(this.grammar(language));
      this.parsers.set(name, parser);
    }
    const tree = parser.parse(source);
    if (!tree) throw new Error(`tree-sitter returned no tree for ${language}`);
    return tree;
  }

  query(language: Language, key: string, source: string): Query {
    const cacheKey = `${GRAMMAR_OF[language]}:${key}`;
    let query = this.queries.get(cacheKey);
    if (!query) {
      query = new Query(this.grammar(language), source);
      this.queries.set(cacheKey, query);
    }
    return query;
  }
}

/** Initialises the tree-sitter runtime once and loads each given grammar synchronously. */
export async function loadParsers(modules: WasmModules): Promise<Parsers> {
  await initRuntime(modules.runtime);
  const grammars = new Map<GrammarName, TSLanguage>();
  for (const [name, module] of Object.entries(modules.grammars) as [GrammarName, WebAssembly.Module][]) {
    grammars.set(name, TSLanguage.loadSync(module));
  }
  return new LoadedParsers(grammars);
}

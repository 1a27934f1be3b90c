/**
 * Constraint -> XGrammar CompiledGrammar -> a GrammarMatcher per request. Compiled grammars are
 * kept in a small LRU, as vLLM and SGLang keep theirs; an evicted grammar is disposed once the
 * last request using it has released its matcher.
 */
import { choiceGrammar, type Constraint } from './constraints.js';
import { byteVocabulary, type EngineVocabulary } from './engine-vocabulary.js';
import { captureErrors, loadXGrammar, type CompiledGrammar, type GrammarMatcher, type XGrammar } from './xgrammar.js';

/** Compiled grammars kept; each holds per-token masks for its states, a few hundred KB at most here. */
const COMPILED_GRAMMAR_CACHE_SIZE = 64;

type GrammarCompiler = Awaited<ReturnType<XGrammar['GrammarCompiler']['createGrammarCompiler']>>;

interface CacheEntry {
  compiled: Promise<CompiledGrammar>;
  users: number;
  evicted: boolean;
}

export interface MatcherLease {
  matcher: GrammarMatcher;
  release(): void;
}

export class ConstraintCompiler {
  private readonly entries = new Map<string, CacheEntry>();

  private constructor(
    private readonly xgrammar: XGrammar,
    private readonly compiler: GrammarCompiler,
  ) {}

  /** A compiler for the engine's vocabulary (the byte vocabulary unless told otherwise). */
  static async create(vocabulary: EngineVocabulary = byteVocabulary()): Promise<ConstraintCompiler> {
    const xgrammar = await loadXGrammar();
    const tokenizerInfo = await vocabulary.createTokenizerInfo(xgrammar);
    const compiler = await xgrammar.GrammarCompiler.createGrammarCompiler(tokenizerInfo);
    return new ConstraintCompiler(xgrammar, compiler);
  }

  /** Compiles (or reuses) the constraint and opens a fresh matcher; throws XGrammarError. */
  async openMatcher(constraint: Constraint): Promise<MatcherLease> {
    const key = JSON.stringify(constraint);
    const entry = this.acquire(key, constraint);
    entry.users += 1;
    try {
      const compiled = await entry.compiled;
      const matcher = await this.xgrammar.GrammarMatcher.createGrammarMatcher(compiled);
      let released = false;
      return {
        matcher,
        release: () => {
          if (released) return;
          released = true;
          matcher.dispose();
          this.releaseEntry(entry);
        },
      };
    } catch (error) {
      this.releaseEntry(entry);
      throw error;
    }
  }

  get cachedGrammarCount(): number {
    return this.entries.size;
  }

  private acquire(key: string, constraint: Constraint): CacheEntry {
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const entry: CacheEntry = { compiled: captureErrors(() => this.compile(constraint)), users: 0, evicted: false };
    entry.compiled.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    this.entries.set(key, entry);
    this.evictBeyondCapacity();
    return entry;
  }

  private evictBeyondCapacity(): void {
    while (this.entries.size > COMPILED_GRAMMAR_CACHE_SIZE) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, CacheEntry];
      this.entries.delete(oldestKey);
      oldest.evicted = true;
      if (oldest.users === 0) disposeWhenCompiled(oldest);
    }
  }

  private releaseEntry(entry: CacheEntry): void {
    entry.users -= 1;
    if (entry.evicted && entry.users === 0) disposeWhenCompiled(entry);
  }

  private compile(constraint: Constraint): Promise<CompiledGrammar> {
    switch (constraint.kind) {
      case 'json_schema':
        // indent -1 is Python's indent=None, the default vLLM and SGLang compile with.
        return this.compiler.compileJSONSchema(constraint.schema, constraint.anyWhitespace, -1);
      case 'json_object':
        return this.compiler.compileBuiltinJSONGrammar();
      case 'regex':
        return this.compiler.compileStructuralTag({ type: 'regex', pattern: constraint.pattern });
      case 'grammar':
        return this.compiler.compileGrammar(constraint.grammar, 'root');
      case 'choice':
        return this.compiler.compileGrammar(choiceGrammar(constraint.choices), 'root');
      case 'structural_tag':
        return this.compiler.compileStructuralTag(constraint.structuralTag);
    }
  }
}

function disposeWhenCompiled(entry: CacheEntry): void {
  entry.compiled.then((compiled) => compiled.dispose()).catch(() => undefined);
}

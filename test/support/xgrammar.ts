/**
 * Grammar checks with @mlc-ai/web-xgrammar for tests. Loading, error capture (XGrammar's own
 * `EBNF parser error at line L, column C: ...` instead of a bare `Aborted()`) and the byte-level
 * vocabulary are the reference engine's (tools/reference-engine/), so tests and engine read
 * grammars the same way.
 */
import { createTokenizerInfo, EOS_TOKEN_ID } from '../../tools/reference-engine/vocabulary.js';
import { captureErrors, loadXGrammar, XGrammarError as EngineXGrammarError, type Grammar } from '../../tools/reference-engine/xgrammar.js';

/** A grammar XGrammar refused, with its own message and, when it gave one, the position. */
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

async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await captureErrors(call);
  } catch (error) {
    if (error instanceof EngineXGrammarError) throw new XGrammarError(error.message);
    throw error;
  }
}

export const xgrammar = loadXGrammar;

/** Parses EBNF (or GBNF, where the syntax coincides) with XGrammar; throws XGrammarError. */
export async function parseGrammar(text: string, root = 'root'): Promise<Grammar> {
  const module = await loadXGrammar();
  return guarded(() => module.Grammar.fromEBNF(text, root));
}

/** Parses the grammar once and reports, for each input, whether XGrammar accepts it. */
export async function acceptance(text: string, inputs: readonly string[], root = 'root'): Promise<boolean[]> {
  const module = await loadXGrammar();
  const grammar = await parseGrammar(text, root);
  try {
    const results: boolean[] = [];
    for (const input of inputs) results.push(await guarded(() => module.Testings.isGrammarAcceptString(grammar, input)));
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
 * Feeds the input byte by byte through a GrammarMatcher compiled against the reference engine's
 * byte vocabulary: the same path a server takes when it masks logits.
 */
export async function matcherAccepts(text: string, input: string): Promise<boolean> {
  const module = await loadXGrammar();
  return guarded(async () => {
    const info = await createTokenizerInfo(module);
    const compiler = await module.GrammarCompiler.createGrammarCompiler(info, false);
    const grammar = await module.Grammar.fromEBNF(text, 'root');
    const compiled = await compiler.compileGrammar(grammar);
    const matcher = await module.GrammarMatcher.createGrammarMatcher(compiled, [EOS_TOKEN_ID]);
    try {
      for (const byte of new TextEncoder().encode(input)) {
        if (!matcher.acceptToken(byte)) return false;
      }
      return matcher.acceptToken(EOS_TOKEN_ID) && matcher.isTerminated();
    } finally {
      matcher.dispose();
      compiled.dispose();
      grammar.dispose();
      compiler.dispose();
      info.dispose();
    }
  });
}

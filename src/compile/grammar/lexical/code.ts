/**
 * Code as one regular language, printed the way engines mask fast. The lexicon's free-text
 * pieces alternate with brackets, and brackets are tokens like the others: they are not matched
 * in pairs (the validator parses the result). The language becomes one minimal DFA, printed one
 * rule per state, right-linear (`state ::= [class] next | ... | ""`), with the shape's fixed text
 * as literals in the start rule. Why this shape (measured with XGrammar and a real 128k-token
 * vocabulary, docs/grammars.md): nesting brackets as recursion, or repetitions nested in a loop,
 * leave most of a vocabulary "uncertain" at every step (milliseconds per token), while a
 * right-linear automaton whose loops return to the start rule keeps the mask in microseconds.
 */
import { lit, ref, seq, type GrammarBuilder } from '../ast.js';
import { compileRegex } from '../automaton.js';
import { addDfaRules, stateCount, type Dfa } from '../dfa.js';
import * as R from '../regular.js';

export interface CodePieces {
  /** Text between brackets, non-empty. */
  readonly normal: R.Regex;
  /** Text right before `(` (may forbid more, e.g. `import` before a dynamic import). */
  readonly beforeParen: R.Regex;
}

export interface CodeItem {
  readonly open: string;
  readonly close: string;
  /** The lexical context of the text that follows the closing bracket. */
  readonly after: string;
}

export interface CodeLanguage {
  /** Lexical context at the start of code and after an opening bracket. */
  readonly start: string;
  /** Piece languages per lexical context (TypeScript: whether a `/` divides or starts a regex). */
  readonly pieces: Readonly<Record<string, CodePieces>>;
  /** The first item is the one `beforeParen` pieces precede. */
  readonly brackets: readonly CodeItem[];
}

/**
 * Pieces and brackets in any order, never two pieces in a row (a piece is maximal, so a word or
 * a token is never split). The context a piece starts in is set by the bracket before it.
 */
export function flatCode(language: CodeLanguage, pieces: Readonly<Record<string, CodePieces>> = language.pieces): R.Regex {
  const graph = new R.GraphBuilder();
  const [paren, ...others] = language.brackets;
  const bracketEdges = (from: string, opensParen: boolean): void => {
    if (paren && opensParen) graph.edge(from, R.text(paren.open), language.start);
    if (paren) graph.edge(from, R.text(paren.close), paren.after);
    for (const bracket of others) {
      graph.edge(from, R.text(bracket.open), language.start);
      graph.edge(from, R.text(bracket.close), bracket.after);
    }
  };
  for (const [context, piece] of Object.entries(pieces)) {
    const after = `${context}-piece`;
    graph.edge(context, piece.normal, after);
    bracketEdges(context, true);
    bracketEdges(after, piece.beforeParen === piece.normal);
    if (piece.beforeParen !== piece.normal && paren) {
      graph.edge(context, piece.beforeParen, `${context}-paren-piece`);
      graph.edge(`${context}-paren-piece`, R.text(paren.open), language.start);
    }
  }
  const built = graph.build();
  return R.graph(built, language.start, built.states.filter((state) => !state.endsWith('-paren-piece')));
}

/**
 * Adds the rules of `regex` after the fixed text `before`. With no fixed text the start state is
 * the root rule itself, so the automaton's loops come back to the root (an engine then decides a
 * token without looking at the rules around it); otherwise the root holds the text as a literal
 * and enters the start state's rule. Returns the automaton's state count.
 */
export function addAutomatonRules(builder: GrammarBuilder, regex: R.Regex, before = ''): number {
  const dfa: Dfa = compileRegex(regex);
  if (before === '') {
    addDfaRules(builder, dfa, 'c', [dfa.start], builder.start);
  } else {
    const [entry] = addDfaRules(builder, dfa, 'c');
    builder.rule(builder.start, seq(lit(before), ref(entry!)));
  }
  return stateCount(dfa);
}

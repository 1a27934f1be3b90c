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

export interface CodeItem {
  readonly open: string;
  readonly close: string;
  /** The lexer state after the closing bracket. */
  readonly after: string;
}

export interface CodeLanguage {
  /** The lexer: states joined by token edges. */
  readonly graph: R.TokenGraph;
  /** The state at the start of code and after an opening bracket. */
  readonly start: string;
  /** States where a token ends: code may end there and a bracket may follow. */
  readonly accepting: readonly string[];
  /** States where code may end but no bracket follow: inside a line comment. */
  readonly endsOnly: readonly string[];
  /** Of those, where `(` may follow (not right after `import` while imports are restricted). */
  readonly beforeParen: readonly string[];
  /** The first item is the one `beforeParen` limits. */
  readonly brackets: readonly CodeItem[];
}

/**
 * The lexer with brackets as tokens of their own: from every state where a token ends, an
 * opening bracket leads to the start state and a closing one to the bracket's `after` state.
 */
export function flatCode(language: CodeLanguage, ends: CodeEnd = 'any'): R.Regex {
  let byEnd = flatByLanguage.get(language);
  if (!byEnd) flatByLanguage.set(language, (byEnd = new Map()));
  let flat = byEnd.get(ends);
  if (!flat) {
    flat = buildFlatCode(language, ends);
    byEnd.set(ends, flat);
  }
  return flat;
}

/**
 * Where code may end: after any token (`any`), or only where it started (`start`: after a
 * statement's end, a line break or an operator, so a file does not end inside a word). Ending
 * at the start state alone makes it the one accepting state, and it is the root rule: the other
 * states have no empty alternative, which spares an engine re-checking most tokens there.
 */
export type CodeEnd = 'any' | 'start';

/** Lexicons are shared between equal plans (index.ts), so is their flat code, and with it the key of its cached automaton. */
const flatByLanguage = new WeakMap<CodeLanguage, Map<CodeEnd, R.Regex>>();

function buildFlatCode(language: CodeLanguage, ends: CodeEnd): R.Regex {
  const graph = new R.GraphBuilder();
  for (const edge of language.graph.edges) graph.edge(edge.from, edge.label, edge.to);
  const [paren, ...others] = language.brackets;
  const beforeParen = new Set(language.beforeParen);
  for (const state of language.accepting) {
    if (paren && beforeParen.has(state)) graph.edge(state, R.text(paren.open), language.start);
    if (paren) graph.edge(state, R.text(paren.close), paren.after);
    for (const bracket of others) {
      graph.edge(state, R.text(bracket.open), language.start);
      graph.edge(state, R.text(bracket.close), bracket.after);
    }
  }
  return R.graph(graph.build(), language.start, ends === 'start' ? [language.start] : [...language.accepting, ...language.endsOnly]);
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

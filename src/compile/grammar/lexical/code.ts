/**
 * The context-free part of code: free-text pieces (regular, from a lexical grammar) between
 * balanced brackets, up to a bounded nesting depth, and template literals whose `${ }` holds
 * code again. Two pieces are never adjacent, so a word or a forbidden substring cannot be split
 * across pieces. Per depth d < max:
 *
 *   code-d ::= (flat-paren? "(" code-(d+1) ")" | flat? ("[" code-(d+1) "]" | "{" code-(d+1) "}" | tpl-d))* flat?
 *   tpl-d  ::= "`" chunk? ("${" code-(d+1) "}" chunk?)* "`"
 *
 * and at the maximum depth only pieces (and templates without substitutions) are left. Where
 * the lexical context of a piece depends on the item before it (TypeScript), the sequence is
 * the state elimination of that small automaton.
 */
import { COMPILE_LIMITS, checkLimit } from '../../limits.js';
import { alt, lit, opt, ref, seq, star, type Expr, type GrammarBuilder } from '../ast.js';
import { compileRegex, regexKey } from '../automaton.js';
import { CodeSet } from '../charset.js';
import { addDfaRules, isEmptyLanguage, minimize, stepFrom, type Dfa, type DfaEdge } from '../dfa.js';
import type { Regex } from '../regular.js';

export interface CodePieces {
  /** Text between brackets, non-empty. */
  readonly normal: Regex;
  /** Text right before `(` (may forbid more, e.g. `import` before a dynamic import). */
  readonly beforeParen: Regex;
}

export interface CodeItem {
  readonly open: string;
  readonly close: string;
  /** The lexical context of the text that follows the item. */
  readonly after: string;
}

export interface CodeLanguage {
  /** Lexical context at the start of code and after an opening bracket. */
  readonly start: string;
  /** Piece languages per lexical context (TypeScript: whether a `/` divides or starts a regex). */
  readonly pieces: Readonly<Record<string, CodePieces>>;
  /** The first item is the one `beforeParen` pieces precede. */
  readonly brackets: readonly CodeItem[];
  readonly template?: CodeItem & {
    readonly substitutionOpen: string;
    readonly substitutionClose: string;
    /** Text inside the template between delimiters, non-empty. */
    readonly chunk: Regex;
  };
}

/** Adds the rule for a regular piece: a named entry rule over its DFA rules, keeping the regex. */
export function addPieceRule(builder: GrammarBuilder, name: string, regex: Regex): string {
  return addPieceRules(builder, name, [{ name, regex }])[0]!;
}

const unions = new Map<string, { dfa: Dfa; entries: number[] }>();
const MAX_CACHED_UNIONS = 1_000;

/** The automaton the pieces share, with each piece's entry state; cached by the pieces' structure like compileRegex. */
function sharedAutomaton(regexes: readonly Regex[], prefix: string): { dfa: Dfa; entries: number[] } {
  const key = regexes.map(regexKey).join('\u0001');
  const cached = unions.get(key);
  if (cached) return cached;
  const parts = regexes.map(compileRegex);
  if (parts.some(isEmptyLanguage)) throw new Error(`a piece of ${prefix} accepts nothing`);
  const dfa = parts.length === 1 ? parts[0]! : minimize(markedUnion(parts));
  const built = { dfa, entries: parts.length === 1 ? [dfa.start] : parts.map((_, index) => stepFrom(dfa, dfa.start, index + 1)!) };
  if (unions.size >= MAX_CACHED_UNIONS) unions.delete(unions.keys().next().value!);
  unions.set(key, built);
  return built;
}

/**
 * Pieces that differ only in where they start share one automaton: it is built for
 * `\u0001 piece1 | \u0002 piece2 | ...` and each piece enters it after its marker, so the states
 * the pieces reach alike are printed once.
 */
export function addPieceRules(builder: GrammarBuilder, prefix: string, pieces: readonly { name: string; regex: Regex }[]): string[] {
  const { dfa, entries } = sharedAutomaton(pieces.map((piece) => piece.regex), prefix);
  const names = addDfaRules(builder, dfa, `${prefix}-q`, entries);
  pieces.forEach((piece, index) => builder.rule(piece.name, ref(names[index]!), { regular: piece.regex }));
  return pieces.map((piece) => piece.name);
}

export function resolveDepth(requested: number | undefined): number {
  const depth = requested ?? COMPILE_LIMITS.maxNestingDepth;
  checkLimit('maxNestingDepth', depth, 'ask for a smaller maxDepth');
  if (!Number.isInteger(depth) || depth < 1) throw new Error(`maxDepth must be a positive integer, got ${depth}`);
  return depth;
}

export interface CodeRuleOptions {
  /** Pieces used at the first depth only (Python function bodies check indentation there). */
  readonly firstPieces?: Readonly<Record<string, CodePieces>>;
}

type PieceNames = Record<string, { flat: string; flatParen: string }>;

function addPieces(builder: GrammarBuilder, pieces: Readonly<Record<string, CodePieces>>, prefix: string): PieceNames {
  const contexts = Object.keys(pieces);
  const normal = addPieceRules(builder, prefix, contexts.map((context) => ({ name: `${prefix}-${context}`, regex: pieces[context]!.normal })));
  const withParen = contexts.filter((context) => pieces[context]!.beforeParen !== pieces[context]!.normal);
  const paren = withParen.length === 0 ? [] : addPieceRules(builder, `${prefix}-paren`, withParen.map((context) => ({ name: `${prefix}-${context}-paren`, regex: pieces[context]!.beforeParen })));
  const names: PieceNames = {};
  contexts.forEach((context, index) => {
    const parenIndex = withParen.indexOf(context);
    names[context] = { flat: normal[index]!, flatParen: parenIndex >= 0 ? paren[parenIndex]! : normal[index]! };
  });
  return names;
}

/** One automaton for `\u0001 A | \u0002 B | ...`, built directly from the deterministic parts. */
function markedUnion(parts: readonly Dfa[]): Dfa {
  const accepting: boolean[] = [false];
  const edges: DfaEdge[][] = [[]];
  parts.forEach((part, index) => {
    const offset = accepting.length;
    accepting.push(...part.accepting);
    edges.push(...part.edges.map((out) => out.map((edge) => ({ set: edge.set, target: edge.target + offset }))));
    edges[0]!.push({ set: CodeSet.range(index + 1, index + 1), target: part.start + offset });
  });
  return { start: 0, accepting, edges };
}

/**
 * Adds `code-<depth>` rules from `fromDepth` to `maxDepth` and returns the name of the rule for
 * code at `fromDepth`.
 */
export function addCodeRules(builder: GrammarBuilder, language: CodeLanguage, fromDepth: number, maxDepth: number, options: CodeRuleOptions = {}): string {
  const inner = addPieces(builder, language.pieces, 'flat');
  const first = options.firstPieces ? addPieces(builder, options.firstPieces, 'top') : inner;
  const chunk = language.template ? addPieceRule(builder, 'chunk', language.template.chunk) : undefined;
  for (let depth = maxDepth; depth >= fromDepth; depth--) {
    const pieces = depth === fromDepth ? first : inner;
    const items: { expr: Expr; after: string; paren: boolean }[] = [];
    if (depth < maxDepth) {
      const nested = ref(`code-${depth + 1}`);
      language.brackets.forEach((bracket, index) => items.push({ expr: seq(lit(bracket.open), nested, lit(bracket.close)), after: bracket.after, paren: index === 0 }));
    }
    if (language.template && chunk) items.push({ expr: ref(addTemplateRule(builder, language.template, chunk, depth, maxDepth)), after: language.template.after, paren: false });
    builder.rule(`code-${depth}`, sequenceOfPieces(language.start, pieces, items));
  }
  return `code-${fromDepth}`;
}

/**
 * Pieces and items alternate; the context a piece starts in is set by the item before it. The
 * contexts form a small automaton, turned into one expression by state elimination.
 */
function sequenceOfPieces(start: string, pieces: PieceNames, items: readonly { expr: Expr; after: string; paren: boolean }[]): Expr {
  const contexts = Object.keys(pieces);
  const START = '\u0000start';
  const END = '\u0000end';
  const table = new Map<string, Map<string, Expr>>();
  const get = (from: string, to: string): Expr | undefined => table.get(from)?.get(to);
  const put = (from: string, to: string, expr: Expr): void => {
    const row = table.get(from) ?? new Map<string, Expr>();
    table.set(from, row);
    const known = row.get(to);
    row.set(to, known ? alt(known, expr) : expr);
  };
  put(START, start, lit(''));
  for (const context of contexts) {
    const names = pieces[context]!;
    put(context, END, opt(ref(names.flat)));
    for (const item of items) put(context, item.after, seq(opt(ref(item.paren ? names.flatParen : names.flat)), item.expr));
  }
  for (const middle of contexts) {
    const loop = get(middle, middle);
    const incoming = [START, ...contexts].filter((from) => from !== middle && get(from, middle));
    const outgoing = [...contexts, END].filter((to) => to !== middle && get(middle, to));
    for (const from of incoming) {
      for (const to of outgoing) put(from, to, seq(get(from, middle)!, loop ? star(loop) : lit(''), get(middle, to)!));
    }
    for (const row of table.values()) row.delete(middle);
    table.delete(middle);
  }
  const whole = get(START, END);
  if (!whole) throw new Error('code grammar has no way to end');
  return whole;
}

function addTemplateRule(builder: GrammarBuilder, template: NonNullable<CodeLanguage['template']>, chunk: string, depth: number, maxDepth: number): string {
  const name = `tpl-${depth}`;
  const body = depth < maxDepth
    ? seq(lit(template.open), opt(ref(chunk)), star(seq(lit(template.substitutionOpen), ref(`code-${depth + 1}`), lit(template.substitutionClose), opt(ref(chunk)))), lit(template.close))
    : seq(lit(template.open), opt(ref(chunk)), lit(template.close));
  builder.rule(name, body);
  return name;
}

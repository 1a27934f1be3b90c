/**
 * The lexical grammar of TypeScript and JavaScript, as the free-text piece between brackets:
 * identifiers, keywords, numbers (as words), operators, strings, comments and regex literals,
 * with `/` read as division after an operand and as a regex literal elsewhere (the usual
 * lexer rule; after a closing bracket both readings are allowed). Template literals and brackets
 * are the context-free part (code.ts). Constraints act on tokens: banned identifiers are not
 * word tokens, a declared name must match its naming pattern, and import specifiers must be in
 * the allowed set.
 */
import { CodeSet } from '../charset.js';
import * as R from '../regular.js';
import type { CodeLanguage } from './code.js';
import { declarationPattern, type ConstraintPlan } from './constraints.js';
import { cStyleTrivia } from './c-style.js';

/** Code outside strings and comments is ASCII: see bnf.ts for why non-ASCII is one class. */
export const TS_WORD_CHARS = CodeSet.parse('A-Za-z0-9_$');
const SPACES = CodeSet.fromChars(' \t\n\r\v\f');
const LINE_ENDS = CodeSet.fromChars('\n\r');

/** Words after which `/` starts a regex literal, not a division. */
const EXPRESSION_KEYWORDS = ['await', 'case', 'delete', 'do', 'else', 'extends', 'in', 'instanceof', 'new', 'of', 'return', 'throw', 'typeof', 'void', 'yield'];

/** Reserved words a declaration keyword may be followed by (`class extends Base`, `const enum`). */
const RESERVED_AFTER_DECLARATION = ['async', 'await', 'enum', 'extends', 'implements', 'static', 'yield'];

const DECLARATION_KEYWORDS = ['function', 'class', 'interface', 'enum', 'const', 'let', 'var'];
/** Declarations that may end a piece: anonymous `function (`, `class {`, destructuring `const [`. */
const OPEN_DECLARATIONS = new Set(['function', 'class', 'const', 'let', 'var']);

const { word, space, lineComment, blockComment, lineBreak } = cStyleTrivia('ts', TS_WORD_CHARS, SPACES);
const punctuation = R.cls('%&|\\^~<>=!?:;,@#');
const star = R.text('*');
const plus = R.text('+');
const minus = R.text('-');
const dot = R.text('.');
const slash = R.text('/');

function quoted(quote: string): R.Regex {
  const escape = R.cat(R.text('\\'), R.or(R.text('\r\n'), R.anyChar));
  return R.cat(R.text(quote), R.many(R.or(R.set(CodeSet.fromChars(`${quote}\\\n\r`).complement()), escape)), R.text(quote));
}

const stringLiteral = R.named('ts-string', R.or(quoted("'"), quoted('"')));

function regexLiteral(bannedWords: readonly string[]): R.Regex {
  const escape = R.cat(R.text('\\'), R.set(LINE_ENDS.complement()));
  const classPart = R.cat(R.text('['), R.many(R.or(R.set(CodeSet.fromChars(']\\').union(LINE_ENDS).complement()), escape)), R.text(']'));
  const first = R.or(R.set(CodeSet.fromChars('*/\\[').union(LINE_ENDS).complement()), escape, classPart);
  const rest = R.or(R.set(CodeSet.fromChars('/\\[').union(LINE_ENDS).complement()), escape, classPart);
  // Division and a regex literal cannot always be told apart; banned words stay banned inside.
  const body = R.without(R.cat(first, R.many(rest)), R.containsWord(bannedWords, TS_WORD_CHARS));
  return R.named('ts-regex', R.cat(slash, body, slash, R.many(R.cls('a-zA-Z'))));
}

/** Quoted module specifiers: the allowed ones (with sub-paths), never a banned one. */
function moduleStrings(names: readonly string[], bannedModules: readonly string[]): R.Regex {
  const content = R.without(
    R.cat(R.oneOf(names), R.maybe(R.cat(R.text('/'), R.many(R.set(CodeSet.fromChars('\'"\\\n\r').complement()))))),
    R.cat(R.oneOf(bannedModules), R.maybe(R.cat(R.text('/'), R.anyText))),
  );
  return R.or(R.cat(R.text("'"), content, R.text("'")), R.cat(R.text('"'), content, R.text('"')));
}

function bannedModuleStrings(bannedModules: readonly string[]): R.Regex {
  if (bannedModules.length === 0) return R.nothing;
  const content = R.cat(R.oneOf(bannedModules), R.maybe(R.cat(R.text('/'), R.anyText)));
  return R.or(R.cat(R.text("'"), content, R.text("'")), R.cat(R.text('"'), content, R.text('"')));
}

interface Profile {
  readonly afterGap: string;
  /** `++` and `--` end an operand: the second `+` of `++` leads to the operand state. */
  readonly plus?: string;
  readonly minus?: string;
  readonly regex: boolean;
  readonly division: boolean;
  readonly words: boolean;
  readonly comments: boolean;
  readonly star: boolean;
}

const PROFILES: Record<string, Profile> = {
  operator: { afterGap: 'operator', regex: true, division: false, words: true, comments: true, star: true },
  operand: { afterGap: 'operand', regex: false, division: true, words: true, comments: true, star: true },
  'after-word': { afterGap: 'operand', regex: false, division: true, words: false, comments: true, star: true },
  'after-keyword': { afterGap: 'operator', regex: true, division: false, words: false, comments: true, star: true },
  'after-division': { afterGap: 'operator', regex: false, division: false, words: true, comments: false, star: false },
  'after-plus': { afterGap: 'operator', plus: 'operand', regex: true, division: false, words: true, comments: true, star: true },
  'after-minus': { afterGap: 'operator', minus: 'operand', regex: true, division: false, words: true, comments: true, star: true },
};

/** The token graph of one free-text piece, for the given constraint plan. */
function tokenGraph(plan: ConstraintPlan): R.TokenGraph {
  const graph = new R.GraphBuilder();
  const restrictImports = plan.allowedModules !== null;
  const declarations = DECLARATION_KEYWORDS.flatMap((keyword) => {
    const pattern = declarationPattern(plan, keyword);
    return pattern ? [{ keyword, pattern }] : [];
  });
  const importWords = restrictImports ? ['from', 'import'] : [];
  const special = [...EXPRESSION_KEYWORDS, ...declarations.map((item) => item.keyword), ...importWords, ...(restrictImports ? ['require'] : [])];
  const banned = R.oneOf(plan.bannedWords);
  const plainWord = R.named('ts-plain-word', R.without(word, R.or(banned, R.oneOf(special))));
  const memberWord = R.named('ts-member-word', R.without(word, banned));
  const regex = regexLiteral(plan.bannedWords);
  const string = R.named('ts-string-ok', R.without(stringLiteral, bannedModuleStrings(plan.bannedModules)));
  const allowedString = restrictImports ? R.named('ts-module-string', moduleStrings(plan.allowedModules!, plan.bannedModules)) : string;

  const wordEdges = (from: string): void => {
    graph.edge(from, plainWord, 'after-word');
    graph.edge(from, R.without(R.oneOf(EXPRESSION_KEYWORDS), banned), 'after-keyword');
    for (const { keyword } of declarations) graph.edge(from, R.text(keyword), `declare-${keyword}`);
    if (restrictImports) {
      graph.edge(from, R.text('from'), 'from');
      graph.edge(from, R.text('import'), 'import');
    }
  };
  const tokenEdges = (from: string, profile: Profile): void => {
    graph.edge(from, space, profile.afterGap);
    if (profile.comments) {
      graph.edge(from, blockComment, profile.afterGap);
      graph.edge(from, lineComment, 'line-comment');
    }
    graph.edge(from, punctuation, 'operator');
    if (profile.star) graph.edge(from, star, 'operator');
    graph.edge(from, plus, profile.plus ?? 'after-plus');
    graph.edge(from, minus, profile.minus ?? 'after-minus');
    graph.edge(from, dot, 'after-dot');
    if (profile.division) graph.edge(from, slash, 'after-division');
    if (profile.regex) graph.edge(from, regex, 'after-word');
    graph.edge(from, string, 'operand');
    if (profile.words) wordEdges(from);
  };
  for (const [name, profile] of Object.entries(PROFILES)) tokenEdges(name, profile);
  // A line comment runs to the end of the line: only a line break may follow it, and the next
  // line starts like a statement (a `/` there starts a regex).
  graph.edge('line-comment', lineBreak, 'operator');

  graph.edge('after-dot', R.or(space, blockComment), 'after-dot');
  graph.edge('after-dot', memberWord, 'after-word');
  graph.edge('after-dot', dot, 'after-dot');
  graph.edge('after-dot', R.or(punctuation, star, plus, minus), 'operator');

  for (const { keyword, pattern } of declarations) {
    const state = `declare-${keyword}`;
    const allowedName = R.without(R.both(word, R.or(pattern, R.oneOf(RESERVED_AFTER_DECLARATION))), banned);
    graph.edge(state, R.or(space, blockComment), state);
    if (keyword === 'function') graph.edge(state, star, state);
    graph.edge(state, allowedName, 'after-word');
    graph.edge(state, R.or(punctuation, plus, minus), 'operator');
  }
  if (restrictImports) {
    for (const state of ['from', 'import']) {
      graph.edge(state, R.or(space, blockComment), state);
      graph.edge(state, allowedString, 'operand');
      graph.edge(state, R.or(punctuation, star, plus, minus), 'operator');
      graph.edge(state, dot, 'after-dot');
    }
    graph.edge('from', slash, 'after-division');
    graph.edge('import', plainWord, 'after-word');
  }
  return graph.build();
}

function acceptingStates(graph: R.TokenGraph, beforeParen: boolean): string[] {
  return graph.states.filter((state) => {
    if (state === 'line-comment') return false;
    if (state.startsWith('declare-')) return OPEN_DECLARATIONS.has(state.slice('declare-'.length));
    if (state === 'import') return !beforeParen;
    return true;
  });
}

/** Everything inside a template literal between the backticks and `${ }`, minus banned text. */
function templateChunk(plan: ConstraintPlan): R.Regex {
  const escape = R.cat(R.text('\\'), R.anyChar);
  const plain = R.or(R.notCls('`\\\\$'), escape);
  const chunk = R.cat(R.many(R.or(plain, R.cat(R.some(R.text('$')), R.or(R.notCls('`\\\\${'), escape)))), R.many(R.text('$')));
  return R.without(R.both(chunk, R.avoiding(plan.bannedSubstrings)), R.epsilon);
}

/**
 * Pieces start in the `operator` context (a `/` starts a regex) after `(`, `[`, `{`, `}` and at
 * the start, and in the `operand` context (a `/` divides) after `)`, `]` and a template.
 */
export function typescriptLanguage(plan: ConstraintPlan): CodeLanguage {
  const graph = tokenGraph(plan);
  const piece = (context: string, beforeParen: boolean): R.Regex =>
    R.without(R.both(R.graph(graph, context, acceptingStates(graph, beforeParen)), R.avoiding(plan.bannedSubstrings)), R.epsilon);
  const pieces = (context: string) => {
    const normal = piece(context, false);
    return { normal, beforeParen: plan.allowedModules !== null ? piece(context, true) : normal };
  };
  return {
    start: 'operator',
    pieces: { operator: pieces('operator'), operand: pieces('operand') },
    brackets: [
      { open: '(', close: ')', after: 'operand' },
      { open: '[', close: ']', after: 'operand' },
      { open: '{', close: '}', after: 'operator' },
    ],
    template: { open: '`', close: '`', substitutionOpen: '${', substitutionClose: '}', chunk: templateChunk(plan), after: 'operand' },
  };
}

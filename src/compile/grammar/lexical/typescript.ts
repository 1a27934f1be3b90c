/**
 * The lexical grammar of TypeScript and JavaScript, as the free-text piece between brackets:
 * identifiers, keywords, numbers (as words), operators, strings, template literals and comments.
 * A `/` is an operator unless `//` or `/*` starts a comment: regex literals are read as code, so
 * quotes and backticks inside one must pair up and its words are checked as code words
 * (stricter; telling a regex from a division takes a context per keyword, which costs an engine
 * more than it is worth). Constraints act on tokens: banned identifiers are not word tokens, a
 * declared name must match its naming pattern, and import specifiers must be in the allowed set.
 */
import { CodeSet } from '../charset.js';
import * as R from '../regular.js';
import type { CodeLanguage } from './code.js';
import { bannedWordRegex, containsBannedWord, declarationPattern, WORD_CHARS, type ConstraintPlan } from './constraints.js';
import { cStyleTrivia } from './c-style.js';

/** Word characters: ASCII ones and every non-ASCII character (see WORD_CHARS). */
export const TS_WORD_CHARS = WORD_CHARS.typescript;
const SPACES = CodeSet.fromChars(' \t\n\r\v\f');

/** Reserved words a declaration keyword may be followed by (`class extends Base`, `const enum`). */
const RESERVED_AFTER_DECLARATION: Record<string, readonly string[]> = { class: ['extends', 'implements'], const: ['enum'] };

const DECLARATION_KEYWORDS = ['function', 'class', 'interface', 'enum', 'const', 'let', 'var'];
/**
 * React components (`function Avatar`, `const Button = () => ...`) and zod schemas (`const User =
 * z.object(...)`) are named in PascalCase whatever the function or variable convention, and the
 * extractor counts them apart; a grammar cannot tell them from the rest, so PascalCase passes there.
 */
const PASCAL_CASE = R.cat(R.cls('A-Z'), R.many(R.cls('A-Za-z0-9')));
const PASCAL_CASE_TOO = new Set(['function', 'const', 'let', 'var']);
/** Declarations that may end a piece: anonymous `function (`, `class {`, destructuring `const [`. */
const OPEN_DECLARATIONS = new Set(['function', 'class', 'const', 'let', 'var']);

const { word, space, lineComment, blockComment, lineBreak } = cStyleTrivia('ts', TS_WORD_CHARS, SPACES);
const punctuation = R.cls('%&|\\^~<>=!?:;,@#+\\-');
const star = R.text('*');
const dot = R.text('.');
const slash = R.text('/');

function quoted(quote: string): R.Regex {
  const escape = R.cat(R.text('\\'), R.anyChar);
  return R.cat(R.text(quote), R.many(R.or(R.set(CodeSet.fromChars(`${quote}\\\n\r`).complement()), escape)), R.text(quote));
}

const stringLiteral = R.named('ts-string', R.or(quoted("'"), quoted('"')));

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

/** The token graph of one free-text piece, for the given constraint plan. */
function tokenGraph(plan: ConstraintPlan): R.TokenGraph {
  const graph = new R.GraphBuilder();
  const restrictImports = plan.allowedModules !== null;
  const declarations = DECLARATION_KEYWORDS.flatMap((keyword) => {
    const pattern = declarationPattern(plan, keyword);
    return pattern ? [{ keyword, pattern }] : [];
  });
  const importWords = restrictImports ? ['from', 'import', 'require'] : [];
  const banned = bannedWordRegex(plan);
  /** Declared names: banned identifiers only (the words forbidden substrings need are the validator's there, see planSubstring). */
  const bannedNames = bannedWordRegex(plan, true);
  const plainWord = R.named('ts-plain-word', R.without(word, R.or(banned, R.oneOf([...declarations.map((item) => item.keyword), ...importWords]))));
  const memberWord = R.named('ts-member-word', R.without(word, banned));
  const template = templateLiteral(plan);
  const string = R.named('ts-string-ok', R.without(stringLiteral, bannedModuleStrings(plan.bannedModules)));
  const allowedString = restrictImports ? R.named('ts-module-string', moduleStrings(plan.allowedModules!, plan.bannedModules)) : string;

  /** Every token but words; `afterSlash`: not a second `/` or a `*` (they would start a comment). */
  const tokenEdges = (from: string, afterSlash = false): void => {
    graph.edge(from, space, 'code');
    graph.edge(from, punctuation, 'code');
    graph.edge(from, dot, 'after-dot');
    graph.edge(from, string, 'code');
    graph.edge(from, template, 'code');
    if (afterSlash) return;
    graph.edge(from, blockComment, 'code');
    graph.edge(from, lineComment, 'line-comment');
    graph.edge(from, star, 'code');
    graph.edge(from, slash, 'after-slash');
  };
  const wordEdges = (from: string): void => {
    graph.edge(from, plainWord, 'after-word');
    for (const { keyword } of declarations) graph.edge(from, R.text(keyword), `declare-${keyword}`);
    if (restrictImports) {
      graph.edge(from, R.text('from'), 'from');
      graph.edge(from, R.text('import'), 'import');
    }
  };
  tokenEdges('code');
  wordEdges('code');
  tokenEdges('after-word');
  tokenEdges('after-slash', true);
  wordEdges('after-slash');
  // A line comment runs to the end of the line: only a line break may follow it.
  graph.edge('line-comment', lineBreak, 'code');

  graph.edge('after-dot', space, 'after-dot');
  graph.edge('after-dot', memberWord, 'after-word');
  graph.edge('after-dot', dot, 'after-dot');
  graph.edge('after-dot', R.or(punctuation, star), 'code');

  for (const { keyword, pattern } of declarations) {
    const state = `declare-${keyword}`;
    const names = PASCAL_CASE_TOO.has(keyword) ? R.or(pattern, PASCAL_CASE) : pattern;
    const allowedName = R.without(R.both(word, R.or(names, R.oneOf(RESERVED_AFTER_DECLARATION[keyword] ?? []))), bannedNames);
    graph.edge(state, space, state);
    if (keyword === 'function') graph.edge(state, star, state);
    graph.edge(state, allowedName, 'after-word');
    graph.edge(state, punctuation, 'code');
  }
  if (restrictImports) {
    for (const state of ['from', 'import']) {
      graph.edge(state, space, state);
      graph.edge(state, allowedString, 'code');
      graph.edge(state, R.or(punctuation, star), 'code');
      graph.edge(state, dot, 'after-dot');
    }
    graph.edge('from', slash, 'after-slash');
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

/**
 * A template literal as one token: its `${ }` substitutions are not parsed as code, so rejected
 * code words are rejected anywhere inside it, text included (stricter); it ends at the first
 * unescaped backtick, so a template nested in a substitution reads as two templates.
 */
function templateLiteral(plan: ConstraintPlan): R.Regex {
  const body = R.many(R.or(R.notCls('`\\\\'), R.cat(R.text('\\'), R.anyChar)));
  return R.named('ts-template', R.without(R.cat(R.text('`'), body, R.text('`')), containsBannedWord(plan)));
}

export function typescriptLanguage(plan: ConstraintPlan): CodeLanguage {
  const graph = tokenGraph(plan);
  return { graph, start: 'code', accepting: acceptingStates(graph, false), endsOnly: ['line-comment'], beforeParen: acceptingStates(graph, true),
    brackets: [
      { open: '(', close: ')', after: 'code' },
      { open: '[', close: ']', after: 'code' },
      { open: '{', close: '}', after: 'code' },
    ],
  };
}

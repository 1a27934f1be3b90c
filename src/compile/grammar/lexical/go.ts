/**
 * The lexical grammar of Go, as the free-text piece between brackets: identifiers, keywords and
 * numbers (hex, octal, binary, imaginary, `_` separators: all word characters, a float is words
 * around a `.`), operators (`:=`, `<-`, `...` are runs of operator characters), interpreted
 * "..." and raw `...` strings, runes, and `//` and `/* *\/` comments. `/` never directly
 * precedes `/` or `*` outside a comment, so a comment is never read as two divisions.
 *
 * Constraints act on tokens: banned identifiers are not word tokens, the name after `func`,
 * `type`, `var` and `const` must match its naming pattern, and an import names an allowed path.
 * An import block `import ( ... )` holds its paths inside a bracket, where the lexical grammar
 * cannot tell them from other strings: while imports are restricted only single-line imports
 * are accepted (stricter).
 */
import { CodeSet } from '../charset.js';
import * as R from '../regular.js';
import type { CodeLanguage } from './code.js';
import { bannedWordRegex, declarationPattern, WORD_CHARS, type ConstraintPlan } from './constraints.js';
import { cStyleTrivia } from './c-style.js';

/** Word characters: ASCII ones and every non-ASCII character (see WORD_CHARS). */
export const GO_WORD_CHARS = WORD_CHARS.go;
const LINE_ENDS = CodeSet.fromChars('\n\r');
const NAME = R.cat(R.set(GO_WORD_CHARS.minus(CodeSet.parse('0-9'))), R.many(R.set(GO_WORD_CHARS)));

const { word, space, lineComment, blockComment, lineBreak } = cStyleTrivia('go', GO_WORD_CHARS, CodeSet.fromChars(' \t\n\r\f'));
const punctuation = R.cls('+\\-*%&|\\^<>=!:,;~');
const punctuationExceptStar = R.cls('+\\-%&|\\^<>=!:,;~');
const slash = R.text('/');
const dot = R.text('.');

const escape = R.cat(R.text('\\'), R.set(LINE_ENDS.complement()));
const interpreted = R.cat(R.text('"'), R.many(R.or(R.set(CodeSet.fromChars('"\\\n\r').complement()), escape)), R.text('"'));
const raw = R.cat(R.text('`'), R.many(R.notCls('`')), R.text('`'));
const rune = R.named('go-rune', R.cat(R.text("'"), R.some(R.or(R.set(CodeSet.fromChars("'\\\n\r").complement()), escape)), R.text("'")));

const DECLARATION_KEYWORDS = ['func', 'type', 'var', 'const'];
/** The blank identifier may be declared whatever the naming pattern (`var _ Store = (*db)(nil)`). */
const BLANK = R.text('_');

/** An import path with its sub-paths, as the content of a string literal. */
function pathContent(names: readonly string[]): R.Regex {
  return R.cat(R.oneOf(names), R.maybe(R.cat(R.text('/'), R.anyText)));
}

function quotedPath(content: R.Regex): R.Regex {
  return R.or(R.cat(R.text('"'), content, R.text('"')), R.cat(R.text('`'), content, R.text('`')));
}

/** String literals, never one that names a banned module (or one of its sub-paths). */
function strings(plan: ConstraintPlan): { any: R.Regex; allowedPath: R.Regex } {
  const banned = plan.bannedModules.length === 0 ? R.nothing : quotedPath(pathContent(plan.bannedModules));
  const any = R.named('go-string', R.without(R.or(interpreted, raw), banned));
  // Import paths are interpreted strings in practice: a raw one (`...`) is not taken as an allowed path.
  const allowedPath = plan.allowedModules === null ? any : R.named('go-import-path', R.both(any, R.cat(R.text('"'), pathContent(plan.allowedModules), R.text('"'))));
  return { any, allowedPath };
}

function tokenGraph(plan: ConstraintPlan): R.TokenGraph {
  const graph = new R.GraphBuilder();
  const restrictImports = plan.allowedModules !== null;
  const declarations = DECLARATION_KEYWORDS.flatMap((keyword) => {
    const pattern = declarationPattern(plan, keyword);
    return pattern ? [{ keyword, pattern }] : [];
  });
  const special = [...declarations.map((item) => item.keyword), ...(restrictImports ? ['import'] : [])];
  const banned = bannedWordRegex(plan);
  /** Declared names: banned identifiers only (the words forbidden substrings need are the validator's there, see planSubstring). */
  const bannedNames = bannedWordRegex(plan, true);
  const plainWord = R.named('go-plain-word', R.without(word, R.or(banned, R.oneOf(special))));
  const memberWord = R.named('go-member-word', R.without(word, banned));
  const { any: string, allowedPath } = strings(plan);

  const gapsAndOperators = (from: string): void => {
    graph.edge(from, R.or(space, blockComment), 'code');
    graph.edge(from, lineComment, 'line-comment');
    graph.edge(from, punctuation, 'code');
    graph.edge(from, slash, 'after-slash');
    graph.edge(from, dot, 'after-dot');
  };
  const literals = (from: string): void => {
    graph.edge(from, R.or(string, rune), 'code');
  };
  const words = (from: string): void => {
    graph.edge(from, plainWord, 'after-word');
    for (const { keyword } of declarations) graph.edge(from, R.text(keyword), `declare-${keyword}`);
    if (restrictImports) graph.edge(from, R.text('import'), 'import');
  };

  for (const state of ['code', 'after-word']) {
    gapsAndOperators(state);
    literals(state);
    if (state === 'code') words(state);
  }
  graph.edge('line-comment', lineBreak, 'code');
  // After `/` (a division or `/=`), neither `/` nor `*` may follow: that would be a comment.
  graph.edge('after-slash', R.or(space, punctuationExceptStar), 'code');
  graph.edge('after-slash', dot, 'after-dot');
  literals('after-slash');
  words('after-slash');
  // After `.`: a selector (any word but a banned one, keywords included) or `...`.
  graph.edge('after-dot', memberWord, 'after-word');
  graph.edge('after-dot', dot, 'after-dot');
  graph.edge('after-dot', R.or(space, blockComment, punctuation), 'code');
  graph.edge('after-dot', lineComment, 'line-comment');
  graph.edge('after-dot', slash, 'after-slash');

  for (const { keyword, pattern } of declarations) {
    const state = `declare-${keyword}`;
    const allowedName = R.without(R.both(word, R.or(pattern, keyword === 'var' || keyword === 'const' ? BLANK : R.nothing)), bannedNames);
    for (const from of [state, `${state}-space`]) {
      graph.edge(from, space, `${state}-space`);
      graph.edge(from, punctuation, 'code');
      graph.edge(from, slash, 'after-slash');
      graph.edge(from, dot, 'after-dot');
    }
    graph.edge(`${state}-space`, allowedName, 'after-word');
  }
  if (restrictImports) {
    graph.edge('import', space, 'import-space');
    graph.edge('import-space', space, 'import-space');
    graph.edge('import-space', R.or(NAME, dot), 'import-alias');
    graph.edge('import-alias', space, 'import-alias-space');
    graph.edge('import-alias-space', space, 'import-alias-space');
    for (const from of ['import-space', 'import-alias', 'import-alias-space']) graph.edge(from, allowedPath, 'code');
    // `import ( ... )`: a block of the same specs, one per line, until the closing parenthesis.
    const blockGap = R.or(space, blockComment, R.cat(lineComment, lineBreak));
    for (const from of ['import', 'import-space']) graph.edge(from, R.text('('), 'import-block');
    graph.edge('import-block', blockGap, 'import-block');
    graph.edge('import-block', R.or(NAME, dot), 'import-block-alias');
    graph.edge('import-block-alias', space, 'import-block-alias-space');
    graph.edge('import-block-alias-space', space, 'import-block-alias-space');
    for (const from of ['import-block', 'import-block-alias', 'import-block-alias-space']) graph.edge(from, allowedPath, 'import-block');
    graph.edge('import-block', R.text(')'), 'code');
  }
  return graph.build();
}

/** `func (`, `type)`, `var (` and `const (` end a piece; an import must name its path first. */
function acceptingStates(graph: R.TokenGraph): string[] {
  return graph.states.filter((state) => state !== 'line-comment' && !state.startsWith('import'));
}

export function goLanguage(plan: ConstraintPlan): CodeLanguage {
  const graph = tokenGraph(plan);
  const accepting = acceptingStates(graph);
  return { graph, start: 'code', accepting, endsOnly: ['line-comment'], beforeParen: accepting,
    brackets: [
      { open: '(', close: ')', after: 'code' },
      { open: '[', close: ']', after: 'code' },
      { open: '{', close: '}', after: 'code' },
    ],
  };
}

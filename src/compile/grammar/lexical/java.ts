/**
 * The lexical grammar of Java, as the free-text piece between brackets: identifiers (with `$`),
 * keywords, numbers with suffixes and `_` (`10L`, `1.5f`, `1_000`: words around a `.`),
 * operators (`->`, `::`, `@` of annotations), strings, text blocks `"""..."""` (ending at the
 * first `"""`), char literals, and `//` and `/* *\/` comments. An empty string `""` is never
 * followed by a quote (that would open a text block), so each text has one reading.
 *
 * Constraints act on tokens: banned identifiers are not word tokens, the name after `class`,
 * `interface`, `enum` and `record` must match the class or type pattern, an import names an
 * allowed package or class, and a method name is checked where the lexer can see a
 * declaration: a word after a type (an identifier, a primitive type or a `>` that closes type
 * arguments, with no space before it) and a space, right before `(`. Constructors after a
 * modifier (`public Foo(`) are not checked; an annotated constructor without a modifier
 * (`@Inject Foo(`) and methods returning arrays (`int[] counts(`) are read as declarations
 * and not as declarations respectively.
 */
import { CodeSet } from '../charset.js';
import * as R from '../regular.js';
import type { CodeLanguage } from './code.js';
import { declarationPattern, JAVA_METHOD_DECLARATION, type ConstraintPlan } from './constraints.js';
import { cStyleTrivia } from './c-style.js';

/** Code outside strings and comments is ASCII: see bnf.ts for why non-ASCII is one class. */
export const JAVA_WORD_CHARS = CodeSet.parse('A-Za-z0-9_$');
const SPACES = CodeSet.fromChars(' \t\n\r\f');
const LINE_ENDS = CodeSet.fromChars('\n\r');
const NAME = R.cat(R.set(JAVA_WORD_CHARS.minus(CodeSet.parse('0-9'))), R.many(R.set(JAVA_WORD_CHARS)));

const { word, space, lineComment, blockComment, lineBreak } = cStyleTrivia('java', JAVA_WORD_CHARS, SPACES);
const PUNCTUATION = CodeSet.fromChars('+-*%&|^<>=!:,;~?@');
const slash = R.text('/');
const dot = R.text('.');
const closeAngle = R.text('>');

const HEX = R.cls('0-9a-fA-F');
const escape = R.cat(R.text('\\'), R.or(R.cat(R.some(R.text('u')), HEX, HEX, HEX, HEX), R.set(LINE_ENDS.complement())));
const charLiteral = R.named('java-char', R.cat(R.text("'"), R.or(R.set(CodeSet.fromChars("'\\\n\r").complement()), escape), R.text("'")));
const nonEmptyString = R.cat(R.text('"'), R.some(R.or(R.set(CodeSet.fromChars('"\\\n\r').complement()), escape)), R.text('"'));
const textBlockOther = R.or(R.notCls('"\\\\'), R.cat(R.text('\\'), R.anyChar));
const textBlock = R.cat(
  R.text('"""'),
  R.many(R.or(textBlockOther, R.cat(R.text('"'), textBlockOther), R.cat(R.text('""'), textBlockOther))),
  R.text('"""'),
);

/** Reserved words that are not types: a word after one of them is not a declared method. */
const KEYWORDS = [
  'abstract', 'assert', 'break', 'case', 'catch', 'class', 'const', 'continue', 'default', 'do', 'else', 'enum', 'extends',
  'final', 'finally', 'for', 'goto', 'if', 'implements', 'import', 'instanceof', 'interface', 'native', 'new', 'package',
  'permits', 'private', 'protected', 'public', 'return', 'sealed', 'static', 'strictfp', 'super', 'switch', 'synchronized',
  'this', 'throw', 'throws', 'transient', 'try', 'volatile', 'while', 'yield', 'true', 'false', 'null',
];
const DECLARATION_KEYWORDS = ['class', 'interface', 'enum', 'record'];

/** Dotted import names: the allowed packages or classes (with what is inside them), never a banned one. */
function importNames(plan: ConstraintPlan): R.Regex {
  const inside = R.cat(R.many(R.cat(dot, NAME)), R.maybe(R.text('.*')));
  const dotted = R.cat(NAME, inside);
  const banned = plan.bannedModules.length === 0 ? R.nothing : R.cat(R.oneOf(plan.bannedModules), inside);
  const permitted = plan.allowedModules === null ? dotted : R.both(dotted, R.cat(R.oneOf(plan.allowedModules), inside));
  // `import static a.b.C.m;`: `static` is the keyword, never a package.
  return R.named('java-import-name', R.without(permitted, R.or(banned, R.text('static'))));
}

function tokenGraph(plan: ConstraintPlan): R.TokenGraph {
  const graph = new R.GraphBuilder();
  const checkImports = plan.allowedModules !== null || plan.bannedModules.length > 0;
  const declarations = DECLARATION_KEYWORDS.flatMap((keyword) => {
    const pattern = declarationPattern(plan, keyword);
    return pattern ? [{ keyword, pattern }] : [];
  });
  const methodPattern = declarationPattern(plan, JAVA_METHOD_DECLARATION);
  const special = [...declarations.map((item) => item.keyword), ...(checkImports ? ['import'] : [])];
  const banned = R.oneOf(plan.bannedWords);
  const plainWord = R.without(word, R.or(banned, R.oneOf(special)));
  const keywordWord = R.named('java-keyword', R.both(plainWord, R.oneOf(KEYWORDS)));
  const typeWord = R.named('java-type-word', R.without(plainWord, R.oneOf(KEYWORDS)));
  const memberWord = R.named('java-member-word', R.without(word, banned));
  const strings = R.named('java-string', R.or(nonEmptyString, textBlock, charLiteral));

  /** Operators and gaps; after `/` no comment may start and no `*` follow; `excluded` characters have edges of their own. */
  const gapsAndOperators = (from: string, gap: string, afterSlash = false, excluded = ''): void => {
    graph.edge(from, space, gap);
    graph.edge(from, R.set(PUNCTUATION.minus(CodeSet.fromChars(afterSlash ? '*' : excluded))), 'code');
    graph.edge(from, dot, 'after-dot');
    if (afterSlash) return;
    graph.edge(from, blockComment, gap);
    graph.edge(from, lineComment, 'line-comment');
    graph.edge(from, slash, 'after-slash');
  };
  const tokens = (from: string): void => {
    graph.edge(from, strings, 'code');
    graph.edge(from, R.text('""'), 'after-empty-string');
    graph.edge(from, keywordWord, 'after-word');
    graph.edge(from, typeWord, methodPattern ? 'after-type' : 'after-word');
    for (const { keyword } of declarations) graph.edge(from, R.text(keyword), `declare-${keyword}`);
    if (checkImports) graph.edge(from, R.text('import'), 'import');
  };

  for (const state of ['code', 'after-empty-string']) {
    gapsAndOperators(state, 'code');
    if (state === 'code') tokens(state);
  }
  graph.edge('after-empty-string', R.or(keywordWord, typeWord), 'after-word');
  gapsAndOperators('after-word', 'code');
  graph.edge('line-comment', lineBreak, 'code');
  gapsAndOperators('after-slash', 'code', true);
  tokens('after-slash');
  graph.edge('after-dot', memberWord, 'after-word');
  graph.edge('after-dot', dot, 'after-dot');
  gapsAndOperators('after-dot', 'code');

  if (methodPattern) {
    const methodName = R.without(R.both(typeWord, methodPattern), banned);
    gapsAndOperators('after-type', 'type-gap', false, '>');
    graph.edge('after-type', closeAngle, 'after-angle');
    graph.edge('after-angle', closeAngle, 'after-angle');
    gapsAndOperators('after-angle', 'type-gap', false, '>');
    tokens('after-angle');
    // After a type and a space: a name that does not match may be a variable, but not a method.
    gapsAndOperators('type-gap', 'type-gap');
    graph.edge('type-gap', strings, 'code');
    graph.edge('type-gap', R.text('""'), 'after-empty-string');
    graph.edge('type-gap', keywordWord, 'after-word');
    graph.edge('type-gap', methodName, 'after-type');
    graph.edge('type-gap', R.without(typeWord, methodName), 'unchecked-name');
    for (const { keyword } of declarations) graph.edge('type-gap', R.text(keyword), `declare-${keyword}`);
    if (checkImports) graph.edge('type-gap', R.text('import'), 'import');
    gapsAndOperators('unchecked-name', 'unchecked-gap');
    gapsAndOperators('unchecked-gap', 'unchecked-gap');
    tokens('unchecked-gap');
  }

  for (const { keyword, pattern } of declarations) {
    const state = `declare-${keyword}`;
    for (const from of [state, `${state}-space`]) {
      graph.edge(from, R.or(space, blockComment), `${state}-space`);
      graph.edge(from, R.set(PUNCTUATION), 'code');
      graph.edge(from, slash, 'after-slash');
      graph.edge(from, dot, 'after-dot');
    }
    graph.edge(`${state}-space`, R.without(R.both(word, pattern), banned), 'after-word');
  }
  if (checkImports) {
    graph.edge('import', R.or(space, blockComment), 'import-space');
    graph.edge('import-space', R.or(space, blockComment), 'import-space');
    graph.edge('import-space', R.text('static'), 'import');
    graph.edge('import-space', importNames(plan), 'import-name');
    graph.edge('import-name', R.or(space, blockComment), 'code');
    graph.edge('import-name', R.text(';'), 'code');
  }
  return graph.build();
}

/** Where a piece may end; before `(`, not right after a name that is not a method's. */
function acceptingStates(graph: R.TokenGraph, beforeParen: boolean): string[] {
  return graph.states.filter((state) => {
    if (state === 'line-comment' || state.startsWith('import')) return false;
    if (state === 'unchecked-name' || state === 'unchecked-gap') return !beforeParen;
    return true;
  });
}

export function javaLanguage(plan: ConstraintPlan): CodeLanguage {
  const graph = tokenGraph(plan);
  const piece = (beforeParen: boolean): R.Regex =>
    R.without(R.both(R.graph(graph, 'code', acceptingStates(graph, beforeParen)), R.avoiding(plan.bannedSubstrings)), R.epsilon);
  const normal = piece(false);
  return {
    start: 'code',
    pieces: { code: { normal, beforeParen: declarationPattern(plan, JAVA_METHOD_DECLARATION) ? piece(true) : normal } },
    brackets: [
      { open: '(', close: ')', after: 'code' },
      { open: '[', close: ']', after: 'code' },
      { open: '{', close: '}', after: 'code' },
    ],
  };
}

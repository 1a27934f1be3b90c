/**
 * The lexical grammar of Java, as the free-text piece between brackets: identifiers (with `$`),
 * keywords, numbers with suffixes and `_` (`10L`, `1.5f`, `1_000`: words around a `.`),
 * operators (`->`, `::`, `@` of annotations), strings, text blocks `"""..."""` (ending at the
 * first `"""`), char literals, and `//` and `/* *\/` comments. An empty string `""` is never
 * followed by a quote (that would open a text block), so each text has one reading.
 *
 * Constraints act on tokens: banned identifiers are not word tokens, the name after `class`,
 * `interface`, `enum` and `record` must match the class or type pattern, and an import names an
 * allowed package or class. Method names are the validator's: a method is declared without a
 * keyword, and telling its name from a variable's takes an automaton of Java's 50 keywords.
 */
import { CodeSet } from '../charset.js';
import * as R from '../regular.js';
import type { CodeLanguage } from './code.js';
import { bannedWordRegex, declarationPattern, WORD_CHARS, type ConstraintPlan } from './constraints.js';
import { cStyleTrivia } from './c-style.js';

/** Word characters: ASCII ones and every non-ASCII character (see WORD_CHARS). */
export const JAVA_WORD_CHARS = WORD_CHARS.java;
const SPACES = CodeSet.fromChars(' \t\n\r\f');
const LINE_ENDS = CodeSet.fromChars('\n\r');
const NAME = R.cat(R.set(JAVA_WORD_CHARS.minus(CodeSet.parse('0-9'))), R.many(R.set(JAVA_WORD_CHARS)));

const { word, space, lineComment, blockComment, lineBreak } = cStyleTrivia('java', JAVA_WORD_CHARS, SPACES);
const PUNCTUATION = CodeSet.fromChars('+-*%&|^<>=!:,;~?@');
const slash = R.text('/');
const dot = R.text('.');

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
  const special = [...declarations.map((item) => item.keyword), ...(checkImports ? ['import'] : [])];
  const banned = bannedWordRegex(plan);
  /** Declared names: banned identifiers only (the words forbidden substrings need are the validator's there, see planSubstring). */
  const bannedNames = bannedWordRegex(plan, true);
  const plainWord = R.named('java-plain-word', R.without(word, R.or(banned, R.oneOf(special))));
  const memberWord = R.named('java-member-word', R.without(word, banned));
  const strings = R.named('java-string', R.or(nonEmptyString, textBlock, charLiteral));

  /** Operators and gaps; after `/` no comment may start and no `*` follow. */
  const gapsAndOperators = (from: string, afterSlash = false): void => {
    graph.edge(from, space, 'code');
    graph.edge(from, R.set(PUNCTUATION.minus(CodeSet.fromChars(afterSlash ? '*' : ''))), 'code');
    graph.edge(from, dot, 'after-dot');
    if (afterSlash) return;
    graph.edge(from, blockComment, 'code');
    graph.edge(from, lineComment, 'line-comment');
    graph.edge(from, slash, 'after-slash');
  };
  const tokens = (from: string): void => {
    graph.edge(from, strings, 'code');
    graph.edge(from, R.text('""'), 'after-empty-string');
    graph.edge(from, plainWord, 'after-word');
    for (const { keyword } of declarations) graph.edge(from, R.text(keyword), `declare-${keyword}`);
    if (checkImports) graph.edge(from, R.text('import'), 'import');
  };

  gapsAndOperators('code');
  tokens('code');
  gapsAndOperators('after-empty-string');
  graph.edge('after-empty-string', plainWord, 'after-word');
  gapsAndOperators('after-word');
  graph.edge('line-comment', lineBreak, 'code');
  gapsAndOperators('after-slash', true);
  tokens('after-slash');
  graph.edge('after-dot', memberWord, 'after-word');
  graph.edge('after-dot', dot, 'after-dot');
  gapsAndOperators('after-dot');

  for (const { keyword, pattern } of declarations) {
    const state = `declare-${keyword}`;
    for (const from of [state, `${state}-space`]) {
      graph.edge(from, space, `${state}-space`);
      graph.edge(from, R.set(PUNCTUATION), 'code');
      graph.edge(from, slash, 'after-slash');
      graph.edge(from, dot, 'after-dot');
    }
    graph.edge(`${state}-space`, R.without(R.both(word, pattern), bannedNames), 'after-word');
  }
  if (checkImports) {
    graph.edge('import', space, 'import-space');
    graph.edge('import-space', space, 'import-space');
    graph.edge('import-space', R.text('static'), 'import');
    graph.edge('import-space', importNames(plan), 'import-name');
    graph.edge('import-name', space, 'code');
    graph.edge('import-name', R.text(';'), 'code');
  }
  return graph.build();
}

/** Where a piece may end: not inside a line comment or an import. */
function acceptingStates(graph: R.TokenGraph): string[] {
  return graph.states.filter((state) => state !== 'line-comment' && !state.startsWith('import'));
}

export function javaLanguage(plan: ConstraintPlan): CodeLanguage {
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

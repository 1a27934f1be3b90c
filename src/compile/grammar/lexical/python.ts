/**
 * The lexical grammar of Python, as the free-text piece between brackets: names, keywords,
 * numbers (as words), operators, comments, and strings with their prefixes (raw, bytes,
 * triple-quoted). f-strings are strings: their `{...}` parts are not parsed as code, so the
 * validator checks banned identifiers there. A word is never directly followed by a quote, so an
 * `f` prefix cannot be split off as a name.
 *
 * Statements: where a statement starts (the start, after a line break and its indentation, after
 * `;` or `:`), `import` and `from` begin import statements, whose modules are checked when imports are
 * restricted; elsewhere `from` is a word (`raise E from err`, `yield from items`).
 *
 * Indentation: a function body requires every line to start with a space or tab (blank lines
 * and comments may start anywhere). Block structure (dedent to an enclosing block) is not
 * checked: any indentation of at least one character is accepted.
 */
import { CodeSet } from '../charset.js';
import * as R from '../regular.js';
import type { CodeLanguage } from './code.js';
import { bannedWordRegex, declarationPattern, WORD_CHARS, type ConstraintPlan } from './constraints.js';

/** Word characters: ASCII ones and every non-ASCII character (see WORD_CHARS). */
export const PY_WORD_CHARS = WORD_CHARS.python;
const NAME = R.cat(R.set(PY_WORD_CHARS.minus(CodeSet.parse('0-9'))), R.many(R.set(PY_WORD_CHARS)));

const word = R.named('py-word', R.some(R.set(PY_WORD_CHARS)));
const space = R.named('py-space', R.some(R.cls(' \\t\\f')));
/** `\r\n` is two line breaks to the grammar: the second starts an empty line, which is allowed anywhere. */
const newline = R.named('py-newline', R.cls('\\n\\r'));
const continuation = R.named('py-continuation', R.cat(R.text('\\'), R.cls('\\n\\r')));
const comment = R.named('py-comment', R.cat(R.text('#'), R.many(R.notCls('\\n\\r'))));
const punctuation = R.cls('+\\-*/%@&|\\^~<>=!.,');
const PLAIN_PREFIXES = ['r', 'u', 'R', 'U', 'b', 'B', 'br', 'bR', 'Br', 'BR', 'rb', 'rB', 'Rb', 'RB'];
const F_PREFIXES = ['f', 'F', 'fr', 'fR', 'Fr', 'FR', 'rf', 'rF', 'Rf', 'RF'];

function singleLine(quote: string): R.Regex {
  const escape = R.cat(R.text('\\'), R.anyChar);
  return R.cat(R.text(quote), R.some(R.or(R.set(CodeSet.fromChars(`${quote}\\\n\r`).complement()), escape)), R.text(quote));
}

/** Ends at the first run of three quotes, as Python's tokenizer does. */
function tripleQuoted(quote: string): R.Regex {
  const other = R.or(R.set(CodeSet.fromChars(`${quote}\\`).complement()), R.cat(R.text('\\'), R.anyChar));
  const body = R.many(R.or(other, R.cat(R.text(quote), other), R.cat(R.text(quote + quote), other)));
  return R.cat(R.text(quote.repeat(3)), body, R.text(quote.repeat(3)));
}

/**
 * String tokens by how they start. An empty `''` or `""` is its own token: a quote right after
 * it would make a triple quote, so the graph does not allow one there (this keeps the lexer
 * deterministic).
 */
interface StringTokens {
  readonly single: R.Regex;
  readonly double: R.Regex;
  readonly prefixed: R.Regex;
}

function strings(plan: ConstraintPlan): StringTokens {
  const singleQuoted = R.or(singleLine("'"), tripleQuoted("'"));
  const doubleQuoted = R.or(singleLine('"'), tripleQuoted('"'));
  const bannedContent = plan.bannedModules.length === 0
    ? R.nothing
    : R.or(...["'", '"'].map((quote) => R.cat(R.text(quote), R.oneOf(plan.bannedModules), R.text(quote))));
  const plain = (quoted: R.Regex): R.Regex => R.without(quoted, bannedContent);
  const plainPrefix = R.oneOf(PLAIN_PREFIXES);
  const formatPrefix = R.oneOf(F_PREFIXES);
  return {
    single: R.named('py-single-quoted', plain(singleQuoted)),
    double: R.named('py-double-quoted', plain(doubleQuoted)),
    prefixed: R.named('py-prefixed-string', R.or(
      R.cat(plainPrefix, plain(R.or(singleQuoted, doubleQuoted))),
      R.cat(formatPrefix, plain(R.or(singleQuoted, doubleQuoted))),
    )),
  };
}

/** Dotted module names as `import` and `from` write them that the plan allows. */
function allowedModuleNames(plan: ConstraintPlan): R.Regex {
  const dotted = R.or(R.cat(R.many(R.text('.')), NAME, R.many(R.cat(R.text('.'), NAME))), R.some(R.text('.')));
  const withSubmodules = (names: readonly string[]): R.Regex => R.cat(R.oneOf(names), R.many(R.cat(R.text('.'), NAME)));
  const banned = plan.bannedModules.length === 0 ? R.nothing : withSubmodules(plan.bannedModules);
  const permitted = plan.allowedModules === null ? dotted : R.both(dotted, withSubmodules(plan.allowedModules));
  return R.named('py-module-ok', R.without(permitted, banned));
}

/** The token graph of a free-text piece; `indented` requires indentation after each line break. */
function tokenGraph(plan: ConstraintPlan, indented: boolean): R.TokenGraph {
  const graph = new R.GraphBuilder();
  const checkImports = plan.allowedModules !== null || plan.bannedModules.length > 0;
  const declarations = ['def', 'class'].flatMap((keyword) => {
    const pattern = declarationPattern(plan, keyword);
    return pattern ? [{ keyword, pattern }] : [];
  });
  const dynamicImports = plan.allowedModules !== null ? ['__import__', 'import_module'] : [];
  const banned = R.or(bannedWordRegex(plan), R.oneOf(dynamicImports));
  /** Declared names: banned identifiers only (the words forbidden substrings need are the validator's there, see planSubstring). */
  const bannedNames = bannedWordRegex(plan, true);
  const declared = declarations.map((item) => item.keyword);
  const plainWord = R.named('py-plain-word', R.without(word, R.or(banned, R.oneOf(declared))));
  const statementWord = checkImports ? R.named('py-statement-word', R.without(plainWord, R.oneOf(['from', 'import']))) : plainWord;
  const stringTokens = strings(plan);
  const lineStart = indented ? 'line-start' : 'statement';
  const gap = R.or(space, continuation);
  /** `state` followed by spaces leads to `<state>-space`, where more spaces may follow. */
  const spaceAfter = (state: string): void => {
    graph.edge(state, gap, `${state}-space`);
    graph.edge(`${state}-space`, gap, `${state}-space`);
  };

  const lineEnds = (from: string): void => {
    graph.edge(from, comment, 'after-comment');
    graph.edge(from, newline, lineStart);
    graph.edge(from, R.text(';'), 'statement');
    // After `:` a statement may follow on the same line (`if debug: import pdb`); where `:` is
    // not a block's (a slice, a dict, an annotation), `import` and `from` cannot follow anyway.
    graph.edge(from, R.text(':'), 'statement');
  };
  /** Every token but words; `afterWord`: no string either (a quote after a word would make it a prefix). */
  const tokenEdges = (from: string, afterWord: boolean): void => {
    if (from !== 'statement') graph.edge(from, gap, 'code');
    graph.edge(from, punctuation, 'code');
    lineEnds(from);
    if (afterWord) return;
    graph.edge(from, R.or(stringTokens.single, stringTokens.double, stringTokens.prefixed), 'code');
    graph.edge(from, R.or(R.text("''"), R.cat(R.oneOf([...PLAIN_PREFIXES, ...F_PREFIXES]), R.text("''"))), 'after-empty-single');
    graph.edge(from, R.or(R.text('""'), R.cat(R.oneOf([...PLAIN_PREFIXES, ...F_PREFIXES]), R.text('""'))), 'after-empty-double');
  };
  const wordEdges = (from: string, word: R.Regex): void => {
    graph.edge(from, word, 'after-word');
    for (const keyword of declared) graph.edge(from, R.text(keyword), `declare-${keyword}`);
  };

  tokenEdges('code', false);
  wordEdges('code', plainWord);
  tokenEdges('after-word', true);
  // An empty string: a quote of the same kind right after it would make a triple quote.
  for (const [state, quote] of [['after-empty-single', "'"], ['after-empty-double', '"']] as const) {
    graph.edge(state, gap, 'code');
    graph.edge(state, punctuation, 'code');
    lineEnds(state);
    graph.edge(state, quote === "'" ? stringTokens.double : stringTokens.single, 'code');
    graph.edge(state, R.text(quote === "'" ? '""' : "''"), quote === "'" ? 'after-empty-double' : 'after-empty-single');
    wordEdges(state, plainWord);
  }
  graph.edge('after-comment', newline, lineStart);
  // Where a statement starts: indentation, then the statement's first token.
  graph.edge('statement', R.cls(' \\t\\f'), 'statement');
  graph.edge('statement', continuation, 'statement');
  tokenEdges('statement', false);
  wordEdges('statement', statementWord);
  if (indented) {
    graph.edge('line-start', R.cls(' \\t'), 'statement');
    graph.edge('line-start', newline, 'line-start');
    graph.edge('line-start', comment, 'after-comment');
  }

  for (const { keyword, pattern } of declarations) {
    const state = `declare-${keyword}`;
    spaceAfter(state);
    graph.edge(`${state}-space`, R.without(R.both(word, pattern), R.or(bannedNames, R.oneOf(dynamicImports))), 'after-word');
  }

  if (checkImports) {
    const module = allowedModuleNames(plan);
    // `from M import ...` checks M; `import a.b as c, d` checks every module.
    graph.edge('statement', R.text('from'), 'from');
    spaceAfter('from');
    graph.edge('from-space', module, 'after-word');
    graph.edge('statement', R.text('import'), 'import');
    spaceAfter('import');
    graph.edge('import-space', module, 'import-module');
    spaceAfter('import-module');
    graph.edge('import-module-space', R.text('as'), 'import-as');
    spaceAfter('import-as');
    graph.edge('import-as-space', plainWord, 'import-module');
    for (const state of ['import-module', 'import-module-space']) {
      graph.edge(state, R.text(','), 'import-space');
      lineEnds(state);
    }
  }
  return graph.build();
}

const NOT_ACCEPTING = /^(declare-|from|import$|import-space|import-as|after-comment$)/;

/** The lexer; `indented`: a function body's, where every line must be indented. */
function language(plan: ConstraintPlan, indented: boolean): CodeLanguage {
  const graph = tokenGraph(plan, indented);
  const accepting = graph.states.filter((state) => !NOT_ACCEPTING.test(state));
  return { graph, start: 'statement', accepting, endsOnly: ['after-comment'], beforeParen: accepting,
    brackets: [
      { open: '(', close: ')', after: 'code' },
      { open: '[', close: ']', after: 'code' },
      { open: '{', close: '}', after: 'code' },
    ],
  };
}

export function pythonLanguage(plan: ConstraintPlan): CodeLanguage {
  return language(plan, false);
}

/** The lexer of a function body: lines must be indented. */
export function pythonBodyLanguage(plan: ConstraintPlan): CodeLanguage {
  return language(plan, true);
}

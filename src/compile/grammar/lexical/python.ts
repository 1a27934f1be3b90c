/**
 * The lexical grammar of Python, as the free-text piece between brackets: names, keywords,
 * numbers (as words), operators, comments, and strings with their prefixes (raw, bytes,
 * triple-quoted). f-strings are strings too: their `{...}` parts are not parsed as code, so
 * banned identifiers are rejected anywhere inside an f-string (stricter). A word is never
 * directly followed by a quote, so an `f` prefix cannot be split off as a name.
 *
 * Indentation: a function body's top level requires every line to start with a space or tab
 * (blank lines and comments may start anywhere). Block structure (dedent to an enclosing
 * block) is not checked: any indentation of at least one character is accepted.
 */
import { CodeSet } from '../charset.js';
import * as R from '../regular.js';
import type { CodeLanguage, CodePieces } from './code.js';
import { declarationPattern, type ConstraintPlan } from './constraints.js';

/** Code outside strings and comments is ASCII: see bnf.ts for why non-ASCII is one class. */
export const PY_WORD_CHARS = CodeSet.parse('A-Za-z0-9_');
const NAME = R.cat(R.set(PY_WORD_CHARS.minus(CodeSet.parse('0-9'))), R.many(R.set(PY_WORD_CHARS)));

const word = R.named('py-word', R.some(R.set(PY_WORD_CHARS)));
const space = R.named('py-space', R.some(R.cls(' \\t\\f')));
const newline = R.named('py-newline', R.or(R.text('\n'), R.text('\r\n'), R.text('\r')));
const continuation = R.named('py-continuation', R.cat(R.text('\\'), R.or(R.text('\n'), R.text('\r\n'))));
const comment = R.named('py-comment', R.cat(R.text('#'), R.many(R.notCls('\\n\\r'))));
const punctuation = R.cls('+\\-*/%@&|\\^~<>=!.,:;');
const PLAIN_PREFIXES = ['r', 'u', 'R', 'U', 'b', 'B', 'br', 'bR', 'Br', 'BR', 'rb', 'rB', 'Rb', 'RB'];
const F_PREFIXES = ['f', 'F', 'fr', 'fR', 'Fr', 'FR', 'rf', 'rF', 'Rf', 'RF'];

function singleLine(quote: string): R.Regex {
  const escape = R.cat(R.text('\\'), R.or(R.text('\r\n'), R.anyChar));
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
  const formatted = (quoted: R.Regex): R.Regex => R.without(quoted, R.containsWord(plan.bannedWords, PY_WORD_CHARS));
  const plainPrefix = R.oneOf(PLAIN_PREFIXES);
  const formatPrefix = R.oneOf(F_PREFIXES);
  return {
    single: R.named('py-single-quoted', plain(singleQuoted)),
    double: R.named('py-double-quoted', plain(doubleQuoted)),
    prefixed: R.named('py-prefixed-string', R.or(
      R.cat(plainPrefix, plain(R.or(singleQuoted, doubleQuoted))),
      R.cat(formatPrefix, formatted(R.or(singleQuoted, doubleQuoted))),
    )),
  };
}

/** Dotted module names as `import` and `from` write them, split into allowed and the rest. */
function moduleNames(plan: ConstraintPlan): { allowed: R.Regex; rejected: R.Regex } {
  const dotted = R.or(R.cat(R.many(R.text('.')), NAME, R.many(R.cat(R.text('.'), NAME))), R.some(R.text('.')));
  const withSubmodules = (names: readonly string[]): R.Regex => R.cat(R.oneOf(names), R.many(R.cat(R.text('.'), NAME)));
  const banned = plan.bannedModules.length === 0 ? R.nothing : withSubmodules(plan.bannedModules);
  const permitted = plan.allowedModules === null ? dotted : R.both(dotted, withSubmodules(plan.allowedModules));
  const allowed = R.named('py-module-ok', R.without(permitted, banned));
  return { allowed, rejected: R.named('py-module-rejected', R.without(dotted, allowed)) };
}

/** The token graph of a free-text piece; `indented` requires indentation after each newline. */
function tokenGraph(plan: ConstraintPlan, indented: boolean): R.TokenGraph {
  const graph = new R.GraphBuilder();
  const checkImports = plan.allowedModules !== null || plan.bannedModules.length > 0;
  const declarations = ['def', 'class'].flatMap((keyword) => {
    const pattern = declarationPattern(plan, keyword);
    return pattern ? [{ keyword, pattern }] : [];
  });
  const dynamicImports = plan.allowedModules !== null ? ['__import__', 'import_module'] : [];
  const special = [...declarations.map((item) => item.keyword), ...(checkImports ? ['from', 'import'] : [])];
  const banned = R.oneOf([...plan.bannedWords, ...dynamicImports]);
  const plainWord = R.named('py-plain-word', R.without(word, R.or(banned, R.oneOf(special))));
  const stringTokens = strings(plan);
  const lineStart = indented ? 'line-start' : 'code';
  const modules = moduleNames(plan);

  const gaps = (from: string, sameLine: string): void => {
    graph.edge(from, R.or(space, continuation), sameLine);
    graph.edge(from, comment, 'after-comment');
    graph.edge(from, newline, lineStart);
  };
  const operators = (from: string): void => {
    graph.edge(from, punctuation, 'code');
  };
  const operatorsExceptDot = (from: string): void => {
    graph.edge(from, R.cls('+\\-*/%@&|\\^~<>=!,:;'), 'code');
  };
  const stringEdges = (from: string, afterEmpty?: 'single' | 'double'): void => {
    if (afterEmpty !== 'single') {
      graph.edge(from, stringTokens.single, 'code');
      graph.edge(from, R.text("''"), 'after-empty-single');
    }
    if (afterEmpty !== 'double') {
      graph.edge(from, stringTokens.double, 'code');
      graph.edge(from, R.text('""'), 'after-empty-double');
    }
    graph.edge(from, stringTokens.prefixed, 'code');
    graph.edge(from, R.cat(R.oneOf([...PLAIN_PREFIXES, ...F_PREFIXES]), R.text("''")), 'after-empty-single');
    graph.edge(from, R.cat(R.oneOf([...PLAIN_PREFIXES, ...F_PREFIXES]), R.text('""')), 'after-empty-double');
  };
  const words = (from: string): void => {
    graph.edge(from, plainWord, 'after-word');
    for (const { keyword } of declarations) graph.edge(from, R.text(keyword), `declare-${keyword}`);
    if (checkImports) {
      graph.edge(from, R.text('from'), 'from');
      graph.edge(from, R.text('import'), 'import');
    }
  };

  for (const [state, afterEmpty] of [['code', undefined], ['after-empty-single', 'single'], ['after-empty-double', 'double']] as const) {
    gaps(state, 'code');
    operators(state);
    stringEdges(state, afterEmpty);
    words(state);
  }

  gaps('after-word', 'code');
  operators('after-word');

  graph.edge('after-comment', newline, lineStart);
  if (indented) {
    graph.edge('line-start', space, 'code');
    graph.edge('line-start', newline, 'line-start');
    graph.edge('line-start', comment, 'after-comment');
  }

  for (const { keyword, pattern } of declarations) {
    const state = `declare-${keyword}`;
    graph.edge(state, R.or(space, continuation), `${state}-space`);
    graph.edge(`${state}-space`, R.or(space, continuation), `${state}-space`);
    graph.edge(`${state}-space`, R.without(R.both(word, pattern), banned), 'after-word');
  }

  if (checkImports) {
    // `from M import ...` checks M; other uses of `from` (`raise E from e`, `yield from g`) pass.
    gaps('from', 'from-space');
    operators('from');
    gaps('from-space', 'from-space');
    operators('from-space');
    stringEdges('from-space');
    graph.edge('from-space', modules.allowed, 'from-allowed');
    graph.edge('from-space', modules.rejected, 'from-rejected');
    for (const [state, nextWord] of [['from-allowed', R.or(plainWord, R.text('import'))], ['from-rejected', plainWord]] as const) {
      gaps(state, `${state}-space`);
      operatorsExceptDot(state);
      gaps(`${state}-space`, `${state}-space`);
      operators(`${state}-space`);
      stringEdges(`${state}-space`);
      graph.edge(`${state}-space`, nextWord, 'after-word');
    }
    // `import a.b as c, d`: every module must be allowed.
    graph.edge('import', R.or(space, continuation), 'import-space');
    graph.edge('import-space', R.or(space, continuation), 'import-space');
    graph.edge('import-space', modules.allowed, 'import-module');
    for (const state of ['import-module', 'import-alias-name']) {
      graph.edge(state, R.or(space, continuation), `${state}-space`);
      graph.edge(state, R.text(','), 'import-space');
      graph.edge(state, R.text(';'), 'code');
      graph.edge(state, comment, 'after-comment');
      graph.edge(state, newline, lineStart);
      graph.edge(`${state}-space`, R.or(space, continuation), `${state}-space`);
      graph.edge(`${state}-space`, R.text(','), 'import-space');
      graph.edge(`${state}-space`, R.text(';'), 'code');
      graph.edge(`${state}-space`, comment, 'after-comment');
      graph.edge(`${state}-space`, newline, lineStart);
    }
    graph.edge('import-module-space', R.text('as'), 'import-as');
    graph.edge('import-as', R.or(space, continuation), 'import-as-space');
    graph.edge('import-as-space', R.or(space, continuation), 'import-as-space');
    graph.edge('import-as-space', plainWord, 'import-alias-name');
  }
  return graph.build();
}

const NOT_ACCEPTING = /^(declare-|import$|import-space|import-as|after-comment$)/;

function pieces(plan: ConstraintPlan, indented: boolean): CodePieces {
  const graph = tokenGraph(plan, indented);
  const accepting = graph.states.filter((state) => !NOT_ACCEPTING.test(state));
  const piece = R.without(R.both(R.graph(graph, 'code', accepting), R.avoiding(plan.bannedSubstrings)), R.epsilon);
  return { normal: piece, beforeParen: piece };
}

export function pythonLanguage(plan: ConstraintPlan): CodeLanguage {
  return {
    start: 'code',
    pieces: { code: pieces(plan, false) },
    brackets: [
      { open: '(', close: ')', after: 'code' },
      { open: '[', close: ']', after: 'code' },
      { open: '{', close: '}', after: 'code' },
    ],
  };
}

/** Pieces for the top level of a function body: lines must be indented. */
export function pythonBodyPieces(plan: ConstraintPlan): Record<string, CodePieces> {
  return { code: pieces(plan, true) };
}

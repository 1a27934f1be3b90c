/**
 * The lexical grammar of Rust, as the free-text piece between brackets: identifiers (raw
 * `r#ident` too), keywords, numbers with suffixes (`1u8`, `2.0f64`: words around a `.`),
 * operators, lifetimes and labels (`'a`), char and byte literals (`'x'`, `'\n'`, `'\u{1F600}'`,
 * `b'x'`), strings (`"..."`, `b"..."`, `c"..."`, multi-line), raw strings (`r"..."`,
 * `r#"..."#` up to two `#`, with `b` or `c` prefixes), `//` and `/* *\/` comments, and macro
 * calls (`name!(` is a word and `!`).
 *
 * A lifetime is `'` and a name that no `'` follows; a char literal holds exactly one character
 * or escape, so a literal can never swallow code. String prefixes (`r b br c cr`) are tokens of
 * their own: a word is never directly followed by a quote, and `r`, `b`, `br`, `c`, `cr` are
 * never followed by `#` (a raw identifier `r#name` is one token), so each text has one reading.
 *
 * Block comments end at the first `*\/`: a nested comment `/* /* *\/ *\/` is read as a comment
 * followed by code (` *\/`), so words after the inner comment are checked as code (stricter).
 */
import { CodeSet } from '../charset.js';
import * as R from '../regular.js';
import type { CodeLanguage } from './code.js';
import { bannedWordRegex, declarationPattern, WORD_CHARS, type ConstraintPlan } from './constraints.js';
import { cStyleTrivia } from './c-style.js';

/** Word characters: ASCII ones and every non-ASCII character (see WORD_CHARS). */
export const RUST_WORD_CHARS = WORD_CHARS.rust;
const SPACES = CodeSet.fromChars(' \t\n\r\f');
const NAME = R.cat(R.set(RUST_WORD_CHARS.minus(CodeSet.parse('0-9'))), R.many(R.set(RUST_WORD_CHARS)));
/** Raw strings are recognised with up to this many `#`; more are rare. */
const MAX_RAW_HASHES = 2;

const { word, space, lineComment, blockComment, lineBreak } = cStyleTrivia('rs', RUST_WORD_CHARS, SPACES);
const PUNCTUATION = CodeSet.fromChars('+-*%&|^<>=!:,;~@#$?');
const slash = R.text('/');
const dot = R.text('.');
const pathSeparator = R.text('::');

const HEX = R.cls('0-9a-fA-F');
const charEscape = R.cat(R.text('\\'), R.or(R.cls('nrt\\\\0\'"'), R.cat(R.text('x'), HEX, HEX), R.cat(R.text('u{'), R.some(HEX), R.text('}'))));
const charLiteral = R.named('rs-char', R.cat(R.text("'"), R.or(R.set(CodeSet.fromChars("'\\\n\r").complement()), charEscape), R.text("'")));
const lifetime = R.named('rs-lifetime', R.cat(R.text("'"), NAME));

const quoted = R.cat(R.text('"'), R.many(R.or(R.notCls('"\\\\'), R.cat(R.text('\\'), R.anyChar))), R.text('"'));

function rawString(hashes: number): R.Regex {
  const close = `"${'#'.repeat(hashes)}`;
  return R.cat(R.text(`r${'#'.repeat(hashes)}"`), R.without(R.anyText, R.cat(R.anyText, R.text(close), R.anyText)), R.text(close));
}

const raw = R.or(...Array.from({ length: MAX_RAW_HASHES + 1 }, (_, hashes) => rawString(hashes)));
const strings = R.named('rs-string', R.or(
  quoted,
  R.cat(R.oneOf(['b', 'c']), quoted),
  R.cat(R.oneOf(['', 'b', 'c']), raw),
  R.cat(R.text('b'), charLiteral),
));
/** Words that are string prefixes: `#` may not follow them (`r#"..."#` is a raw string). */
const PREFIX_WORDS = ['b', 'br', 'c', 'cr', 'r'];

const DECLARATION_KEYWORDS = ['fn', 'struct', 'enum', 'trait', 'type', 'let', 'const', 'static'];
/** Words that may come between a declaration keyword and the name (`let mut x`, `const unsafe fn`). */
const MODIFIERS: Record<string, readonly string[]> = { let: ['mut', 'ref'], static: ['mut'], const: ['unsafe', 'async', 'extern'] };
/** Names any pattern allows: the wildcard `_` (`let _ = ...`, `const _: () = ...`). */
const WILDCARD = R.text('_');

/** `use` paths: the allowed ones (with their sub-paths), never a banned one. */
function usePaths(plan: ConstraintPlan): { path: R.Regex; crate: R.Regex } {
  const subPaths = R.many(R.cat(pathSeparator, NAME));
  const path = R.cat(R.maybe(pathSeparator), NAME, subPaths);
  const bannedPaths = plan.bannedModules.length === 0 ? R.nothing : R.cat(R.maybe(pathSeparator), R.oneOf(plan.bannedModules), subPaths);
  const permitted = plan.allowedModules === null ? path : R.cat(R.maybe(pathSeparator), R.oneOf(plan.allowedModules), subPaths);
  const allowedPath = R.named('rs-use-path', R.without(R.both(path, permitted), bannedPaths));
  return { path: allowedPath, crate: R.named('rs-crate-name', R.both(NAME, allowedPath)) };
}

function tokenGraph(plan: ConstraintPlan): R.TokenGraph {
  const graph = new R.GraphBuilder();
  const checkImports = plan.allowedModules !== null || plan.bannedModules.length > 0;
  const declarations = DECLARATION_KEYWORDS.flatMap((keyword) => {
    const pattern = declarationPattern(plan, keyword);
    return pattern ? [{ keyword, pattern }] : [];
  });
  const declared = new Set(declarations.map((item) => item.keyword));
  const special = [...declared, ...(checkImports ? ['use', 'extern'] : []), ...PREFIX_WORDS];
  const banned = bannedWordRegex(plan);
  /** Declared names: banned identifiers only (the words forbidden substrings need are the validator's there, see planSubstring). */
  const bannedNames = bannedWordRegex(plan, true);
  const plainWord = R.named('rs-plain-word', R.without(word, R.or(banned, R.oneOf(special))));
  const memberWord = R.named('rs-member-word', R.without(word, banned));
  const rawIdentifier = R.cat(R.text('r#'), R.without(NAME, banned));
  const prefixWord = R.without(R.oneOf(PREFIX_WORDS), banned);
  const paths = usePaths(plan);
  const prefixes = R.oneOf(PREFIX_WORDS);
  /** A word token; `#` may not follow a string prefix, or `r#"..."#` would have two readings. */
  const wordEdge = (from: string, label: R.Regex): void => {
    graph.edge(from, R.without(label, prefixes), 'after-word');
    graph.edge(from, R.both(label, prefixes), 'after-prefix-word');
  };

  /** Operators; `excluded` operator characters may not follow `from`. */
  const operators = (from: string, excluded = ''): void => {
    graph.edge(from, R.set(PUNCTUATION.minus(CodeSet.fromChars(excluded))), 'code');
    graph.edge(from, dot, 'after-dot');
    if (!excluded.includes('/')) graph.edge(from, slash, 'after-slash');
  };
  /** Spaces and comments, then operators (after `/`, no comment may start). */
  const gapsAndOperators = (from: string, excluded = ''): void => {
    graph.edge(from, space, 'code');
    if (!excluded.includes('/')) {
      graph.edge(from, blockComment, 'code');
      graph.edge(from, lineComment, 'line-comment');
    }
    operators(from, excluded);
  };
  const words = (from: string): void => {
    graph.edge(from, R.or(plainWord, rawIdentifier), 'after-word');
    graph.edge(from, prefixWord, 'after-prefix-word');
    graph.edge(from, lifetime, 'after-word');
    graph.edge(from, R.or(strings, charLiteral), 'code');
    for (const keyword of declared) graph.edge(from, R.text(keyword), `declare-${keyword}`);
    if (checkImports) {
      graph.edge(from, R.text('use'), 'use');
      graph.edge(from, R.text('extern'), 'extern');
    }
  };

  gapsAndOperators('code');
  words('code');
  gapsAndOperators('after-word');
  gapsAndOperators('after-prefix-word', '#');
  graph.edge('line-comment', lineBreak, 'code');
  // After `/` (a division or `/=`), neither `/` nor `*` may follow: that would be a comment.
  gapsAndOperators('after-slash', '*/');
  words('after-slash');
  wordEdge('after-dot', R.or(memberWord, rawIdentifier));
  graph.edge('after-dot', dot, 'after-dot');
  gapsAndOperators('after-dot');

  for (const { keyword, pattern } of declarations) {
    const state = `declare-${keyword}`;
    const modifiers = R.oneOf(MODIFIERS[keyword] ?? []);
    const notNames = R.or(bannedNames, modifiers, R.oneOf([...declared]), keyword === 'const' ? R.text('fn') : R.nothing);
    const allowedName = R.without(R.both(word, R.or(pattern, WILDCARD)), notNames);
    for (const from of [state, `${state}-space`]) operators(from);
    graph.edge(state, space, `${state}-space`);
    graph.edge(`${state}-space`, space, `${state}-space`);
    graph.edge(`${state}-space`, allowedName, 'after-word');
    graph.edge(`${state}-space`, modifiers, state);
    if (keyword === 'const' && !declared.has('fn')) wordEdge(`${state}-space`, R.text('fn'));
    // `const fn` is the one declaration keyword another one follows.
    if (keyword === 'const' && declared.has('fn')) graph.edge(`${state}-space`, R.text('fn'), 'declare-fn');
    if (keyword === 'let') {
      // `let Some(x) = ...`, `let Point { x, y } = ...`, `let Foo::Bar(..)`: a pattern, not a name.
      graph.edge(`${state}-space`, R.without(word, R.or(allowedName, notNames)), 'let-pattern');
      graph.edge('let-pattern', space, 'let-pattern-space');
      graph.edge('let-pattern-space', space, 'let-pattern-space');
      graph.edge('let-pattern', pathSeparator, 'code');
    }
  }
  if (checkImports) {
    graph.edge('use', space, 'use-space');
    graph.edge('use-space', space, 'use-space');
    graph.edge('use-space', paths.path, 'use-path');
    gapsAndOperators('use-path', ':');
    graph.edge('use-path', pathSeparator, 'use-tail');
    graph.edge('use-tail', R.text('*'), 'code');
    operators('extern');
    graph.edge('extern', space, 'extern-space');
    graph.edge('extern-space', space, 'extern-space');
    operators('extern-space');
    graph.edge('extern-space', R.or(R.without(plainWord, R.text('crate')), rawIdentifier), 'after-word');
    for (const keyword of declared) graph.edge('extern-space', R.text(keyword), `declare-${keyword}`);
    graph.edge('extern-space', strings, 'code');
    graph.edge('extern-space', R.text('crate'), 'extern-crate');
    graph.edge('extern-crate', space, 'extern-crate-space');
    graph.edge('extern-crate-space', space, 'extern-crate-space');
    wordEdge('extern-crate-space', paths.crate);
  }
  return graph.build();
}

/** Where a piece may end: not inside a line comment, nor before a `use` path or crate name. */
const NOT_ACCEPTING = new Set(['line-comment', 'use', 'use-space', 'extern-crate', 'extern-crate-space']);

export function rustLanguage(plan: ConstraintPlan): CodeLanguage {
  const graph = tokenGraph(plan);
  const accepting = graph.states.filter((state) => !NOT_ACCEPTING.has(state));
  return { graph, start: 'code', accepting, endsOnly: ['line-comment'], beforeParen: accepting,
    brackets: [
      { open: '(', close: ')', after: 'code' },
      { open: '[', close: ']', after: 'code' },
      { open: '{', close: '}', after: 'code' },
    ],
  };
}

/**
 * Turns forbid / naming / import constraints into what the lexical grammars enforce: banned
 * words (identifier tokens), banned substrings (every free-text piece), banned and allowed
 * module names, and one name pattern per declaration target. What a grammar cannot enforce is
 * returned as `unenforced`; what it enforces approximately is explained in `warnings`.
 */
import type { ForbidPayload, Language, NamingPayload, NamingTarget } from '../../../constraints/schema.js';
import { checkLimit } from '../../limits.js';
import type { Grammar } from '../ast.js';
import { CodeSet } from '../charset.js';
import { checkPatterns } from '../forbid.js';
import { namePatternRegex } from '../name-pattern.js';
import * as R from '../regular.js';

export interface CodeConstraints {
  readonly forbid?: readonly ForbidPayload[];
  readonly naming?: readonly NamingPayload[];
  /** Module specifiers an import may name; a specifier also allows its sub-paths (`m/x`, `m.x`). */
  readonly imports?: { readonly allowed: readonly string[] };
}

export interface Unenforced {
  readonly rule: string;
  readonly match: ForbidPayload['match'] | 'naming';
  readonly pattern: string;
  readonly reason: string;
}

export interface GrammarResult {
  readonly grammar: Grammar;
  readonly warnings: readonly string[];
  readonly unenforced: readonly Unenforced[];
}

export type LexicalFamily = 'typescript' | 'python' | 'go' | 'rust' | 'java';

export interface ConstraintPlan {
  readonly family: LexicalFamily;
  /** Identifiers rejected as code words (forbid `call` / `identifier`). */
  readonly bannedWords: readonly string[];
  /** Forbidden substrings as written; in code they are kept by `bannedWordShapes`, elsewhere by the validator. */
  readonly bannedSubstrings: readonly string[];
  /** Code words that a forbidden substring needs (`W*document` for `document.write(`): rejected in code. */
  readonly bannedWordShapes: readonly WordShape[];
  readonly bannedModules: readonly string[];
  readonly allowedModules: readonly string[] | null;
  readonly naming: ReadonlyMap<NamingTarget, R.Regex>;
  readonly warnings: string[];
  readonly unenforced: Unenforced[];
}

const FAMILY: Partial<Record<Language, LexicalFamily>> = { typescript: 'typescript', tsx: 'typescript', javascript: 'typescript', python: 'python', go: 'go', rust: 'rust', java: 'java' };

export function familyOf(language: Language): LexicalFamily | undefined {
  return FAMILY[language];
}

/**
 * Characters of code words. Non-ASCII characters count as word characters (identifiers may hold
 * them in every family here): a grammar that rejected them in code would leave tens of thousands
 * of a real vocabulary's tokens to be re-checked at every step (see docs/grammars.md).
 */
export const WORD_CHARS: Record<LexicalFamily, CodeSet> = {
  typescript: CodeSet.parse('A-Za-z0-9_$').union(CodeSet.nonAscii),
  python: CodeSet.parse('A-Za-z0-9_').union(CodeSet.nonAscii),
  go: CodeSet.parse('A-Za-z0-9_').union(CodeSet.nonAscii),
  rust: CodeSet.parse('A-Za-z0-9_').union(CodeSet.nonAscii),
  java: CodeSet.parse('A-Za-z0-9_$').union(CodeSet.nonAscii),
};

/** A word a forbidden substring needs in code: exactly `fragment`, or with free word characters before and/or after it. */
export interface WordShape {
  readonly fragment: string;
  readonly before: boolean;
  readonly after: boolean;
}

const IDENTIFIER: Record<LexicalFamily, RegExp> = {
  typescript: /^[A-Za-z_$][A-Za-z0-9_$]*$/,
  python: /^[A-Za-z_][A-Za-z0-9_]*$/,
  go: /^[A-Za-z_][A-Za-z0-9_]*$/,
  rust: /^[A-Za-z_][A-Za-z0-9_]*$/,
  java: /^[A-Za-z_$][A-Za-z0-9_$]*$/,
};

const isNonAscii = (char: string): boolean => char.codePointAt(0)! > 0x7f;

function appliesTo(payloadLanguage: Language | undefined, family: LexicalFamily): boolean {
  return payloadLanguage === undefined || familyOf(payloadLanguage) === family;
}

export function planConstraints(family: LexicalFamily, constraints: CodeConstraints): ConstraintPlan {
  const warnings: string[] = [];
  const unenforced: Unenforced[] = [];
  const bannedWords = new Set<string>();
  const bannedSubstrings = new Set<string>();
  const bannedModules = new Set<string>();
  const bannedWordShapes = new Map<string, WordShape>();
  const forbids = (constraints.forbid ?? []).filter((payload) => appliesTo(payload.language, family));
  checkPatterns(forbids.flatMap((payload) => payload.patterns));
  for (const payload of forbids) {
    for (const pattern of payload.patterns) {
      planForbid(family, payload, pattern, { bannedWords, bannedSubstrings, bannedWordShapes, bannedModules, warnings, unenforced });
    }
  }
  const allowed = constraints.imports ? [...new Set(constraints.imports.allowed)].filter((name) => !/[^\x00-\x7f]/.test(name)).sort() : null;
  if (allowed) {
    checkPatterns(allowed);
    warnings.push(...importWarnings(family));
    const dropped = constraints.imports!.allowed.filter((name) => /[^\x00-\x7f]/.test(name));
    if (dropped.length > 0) warnings.push(`imports: module names with non-ASCII characters cannot be imported under the grammar: ${dropped.join(', ')}`);
  }
  return {
    family,
    bannedWords: [...bannedWords].sort(),
    bannedSubstrings: [...bannedSubstrings].sort(),
    bannedWordShapes: [...bannedWordShapes.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([, shape]) => shape),
    bannedModules: [...bannedModules].sort(),
    allowedModules: allowed,
    naming: planNaming(family, constraints.naming ?? [], warnings, unenforced),
    warnings,
    unenforced,
  };
}

interface ForbidSinks {
  bannedWords: Set<string>;
  bannedSubstrings: Set<string>;
  bannedWordShapes: Map<string, WordShape>;
  bannedModules: Set<string>;
  warnings: string[];
  unenforced: Unenforced[];
}

function planForbid(family: LexicalFamily, payload: ForbidPayload, pattern: string, sinks: ForbidSinks): void {
  const isIdentifier = IDENTIFIER[family].test(pattern);
  switch (payload.match) {
    case 'regex':
      sinks.unenforced.push({ rule: payload.rule, match: 'regex', pattern, reason: 'a regex over the output cannot be intersected with the code grammar; the validator checks it' });
      return;
    case 'import':
      if ([...pattern].some(isNonAscii)) {
        sinks.unenforced.push({ rule: payload.rule, match: 'import', pattern, reason: 'module names with non-ASCII characters are left to the validator' });
        return;
      }
      sinks.bannedModules.add(pattern);
      return;
    case 'call':
    case 'identifier':
      if (isIdentifier) {
        sinks.bannedWords.add(pattern);
        if (payload.match === 'call') sinks.warnings.push(`forbid ${payload.rule}: every use of the identifier "${pattern}" is rejected, not only calls (stricter; indirect calls are rejected too)`);
        return;
      }
      sinks.warnings.push(`forbid ${payload.rule}: "${pattern}" is not a single identifier; it is forbidden as a substring of the code`);
      planSubstring(family, payload, pattern, sinks);
      return;
    case 'substring':
      planSubstring(family, payload, pattern, sinks);
      return;
  }
}

/**
 * A forbidden substring is kept in code through a word it needs: of the pattern's word fragments
 * (outside quotes), the longest, which must then appear as a code word bounded where the pattern
 * bounds it (`document.write(` needs a word ending in `document`). Rejecting that word is stricter
 * than the pattern and local to the identifier, where a product of the substring automaton with
 * the whole lexer would multiply every state. Inside strings and comments, and in the name right
 * after a declaration keyword (where the name automaton would multiply with it), only the
 * validator checks the pattern, so the constraint is reported as not enforced at decode time.
 */
function planSubstring(family: LexicalFamily, payload: ForbidPayload, pattern: string, sinks: ForbidSinks): void {
  sinks.bannedSubstrings.add(pattern);
  const shape = neededWord(family, pattern);
  if (!shape) {
    sinks.unenforced.push({ rule: payload.rule, match: payload.match, pattern, reason: 'the pattern holds no word of code the grammar could reject; the validator checks it' });
    return;
  }
  sinks.bannedWordShapes.set(`${shape.before ? '*' : ''}${shape.fragment}${shape.after ? '*' : ''}`, shape);
  const where = shape.before && shape.after ? `any word containing "${shape.fragment}"`
    : shape.before ? `any word ending in "${shape.fragment}"`
    : shape.after ? `any word starting with "${shape.fragment}"`
    : `the word "${shape.fragment}"`;
  sinks.unenforced.push({ rule: payload.rule, match: payload.match, pattern, reason: `in code the grammar rejects ${where} (stricter); inside strings, comments and declared names the validator checks it` });
}

/** The longest word fragment of the pattern before any quote, with where the pattern lets the word go on. */
export function neededWord(family: LexicalFamily, pattern: string): WordShape | undefined {
  const isWordChar = (char: string): boolean => char.codePointAt(0)! < 0x80 && WORD_CHARS[family].has(char.codePointAt(0)!);
  const chars = [...pattern];
  const quote = chars.findIndex((char) => char === '"' || char === "'" || char === '`');
  const code = quote < 0 ? chars : chars.slice(0, quote);
  let best: WordShape | undefined;
  for (let start = 0; start < code.length; ) {
    if (!isWordChar(code[start]!)) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < code.length && isWordChar(code[end]!)) end += 1;
    const shape = { fragment: code.slice(start, end).join(''), before: start === 0, after: end === chars.length };
    if (!best || shape.fragment.length > best.fragment.length) best = shape;
    start = end;
  }
  return best;
}

const IMPORT_WARNINGS: Record<LexicalFamily, string> = {
  typescript: 'imports: require(...) and dynamic import(...) are rejected while imports are restricted; static import/export ... from specifiers are checked against the allowed set',
  python: 'imports: __import__ and importlib.import_module are rejected while imports are restricted; import and from ... import statements are checked against the allowed set',
  go: 'imports: import "path", import name "path" and the lines of import ( ... ) blocks are checked against the allowed set',
  rust: 'imports: use paths and extern crate names are checked against the allowed set; paths written in code (std::process::Command::new) are left to the validator',
  java: 'imports: import declarations are checked against the allowed set; fully qualified names written in code are left to the validator',
};

function importWarnings(family: LexicalFamily): string[] {
  return [IMPORT_WARNINGS[family]];
}

/** Which naming targets each declaration keyword introduces (a name must match one of them). */
export const DECLARATION_TARGETS: Record<LexicalFamily, Record<string, readonly NamingTarget[]>> = {
  typescript: {
    function: ['function'],
    class: ['class'],
    interface: ['type'],
    enum: ['type'],
    const: ['variable', 'constant'],
    let: ['variable', 'constant'],
    var: ['variable', 'constant'],
  },
  python: {
    def: ['function', 'method', 'test'],
    class: ['class'],
  },
  go: {
    func: ['function', 'test'],
    type: ['type'],
    var: ['variable'],
    const: ['constant'],
  },
  rust: {
    fn: ['function', 'method', 'test'],
    struct: ['type'],
    enum: ['type'],
    trait: ['type'],
    type: ['type'],
    let: ['variable'],
    const: ['constant'],
    static: ['constant'],
  },
  java: {
    class: ['class', 'type'],
    interface: ['class', 'type'],
    enum: ['class', 'type'],
    record: ['class', 'type'],
  },
};

const NAMING_WARNINGS: Record<LexicalFamily, string> = {
  typescript: 'naming: names after function, class, interface, enum, const, let and var are checked (after function, const, let and var a PascalCase name passes too: it may be a React component or a schema); names inside destructuring patterns, methods, parameters and type aliases are left to the validator',
  python: 'naming: names after def and class are checked; variables, parameters and attributes are left to the validator',
  go: 'naming: names after func, type, var and const are checked; methods (func with a receiver), names inside var ( ... ) and const ( ... ) blocks, := declarations and parameters are left to the validator',
  rust: 'naming: names after fn, struct, enum, trait, type, let, const and static are checked (after mut and ref too); names inside let patterns, parameters and fields are left to the validator',
  java: 'naming: names after class, interface, enum and record are checked; methods, constructors, fields, variables and parameters are left to the validator',
};

function planNaming(family: LexicalFamily, payloads: readonly NamingPayload[], warnings: string[], unenforced: Unenforced[]): Map<NamingTarget, R.Regex> {
  const byTarget = new Map<NamingTarget, R.Regex[]>();
  const enforceable = new Set(Object.values(DECLARATION_TARGETS[family]).flat());
  for (const payload of payloads.filter((item) => appliesTo(item.language, family))) {
    if (!enforceable.has(payload.target)) {
      unenforced.push({ rule: `naming:${payload.target}`, match: 'naming', pattern: payload.pattern, reason: `${payload.target} names are not introduced by a declaration keyword the lexical grammar can see; the validator checks them` });
      continue;
    }
    checkLimit('maxPatternLength', [...payload.pattern].length, 'shorten the naming pattern');
    byTarget.set(payload.target, [...(byTarget.get(payload.target) ?? []), namePatternRegex(payload.pattern)]);
  }
  const result = new Map<NamingTarget, R.Regex>();
  for (const [target, patterns] of [...byTarget.entries()].sort((a, b) => a[0].localeCompare(b[0]))) result.set(target, R.both(...patterns));
  if (result.size > 0) {
    warnings.push(NAMING_WARNINGS[family]);
  }
  return result;
}

/**
 * Naming targets that share a declaration keyword (TypeScript's `const` declares variables and
 * constants): a grammar checks the name after the keyword against all of their patterns, so it
 * enforces them together or not at all. Each target maps to the key of its group.
 */
export function declarationGroups(family: LexicalFamily): Map<NamingTarget, string> {
  const groups = new Map<NamingTarget, NamingTarget[]>();
  for (const targets of Object.values(DECLARATION_TARGETS[family])) {
    const merged = [...new Set(targets.flatMap((target) => groups.get(target) ?? [target]))].sort();
    for (const target of merged) groups.set(target, merged);
  }
  return new Map([...groups].map(([target, members]) => [target, members.join('+')]));
}

/** The pattern a name after `keyword` must match, or undefined when no constraint covers it. */
export function declarationPattern(plan: ConstraintPlan, keyword: string): R.Regex | undefined {
  const patterns = (DECLARATION_TARGETS[plan.family][keyword] ?? []).flatMap((target) => {
    const pattern = plan.naming.get(target);
    return pattern ? [pattern] : [];
  });
  return patterns.length === 0 ? undefined : R.or(...patterns);
}

/**
 * The code words the plan rejects: banned identifiers and, unless `identifiersOnly`, the words
 * forbidden substrings need.
 */
export function bannedWordRegex(plan: ConstraintPlan, identifiersOnly = false): R.Regex {
  const wordChars = R.many(R.set(WORD_CHARS[plan.family]));
  const shapes = identifiersOnly ? [] : plan.bannedWordShapes.map((shape) => R.cat(shape.before ? wordChars : R.epsilon, R.text(shape.fragment), shape.after ? wordChars : R.epsilon));
  return R.or(R.oneOf(plan.bannedWords), ...shapes);
}

/**
 * Text in which a banned identifier stands as a whole word: text that holds code (template
 * literals, f-strings) rejects those. The words forbidden substrings need are left to the
 * validator there: each would add its automaton to every such text token.
 */
export function containsBannedWord(plan: ConstraintPlan): R.Regex {
  const banned = bannedWordRegex(plan, true);
  if (R.isNothing(banned)) return R.nothing;
  const boundary = R.set(WORD_CHARS[plan.family].complement());
  return R.cat(R.maybe(R.cat(R.anyText, boundary)), banned, R.maybe(R.cat(boundary, R.anyText)));
}

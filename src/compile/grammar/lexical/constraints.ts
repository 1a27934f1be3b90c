/**
 * Turns forbid / naming / import constraints into what the lexical grammars enforce: banned
 * words (identifier tokens), banned substrings (every free-text piece), banned and allowed
 * module names, and one name pattern per declaration target. What a grammar cannot enforce is
 * returned as `unenforced`; what it enforces approximately is explained in `warnings`.
 */
import type { ForbidPayload, Language, NamingPayload, NamingTarget } from '../../../constraints/schema.js';
import { checkLimit } from '../../limits.js';
import type { Grammar } from '../ast.js';
import { checkPatterns, longestFragment } from '../forbid.js';
import { namePatternRegex } from '../name-pattern.js';
import * as R from '../regular.js';

export interface CodeConstraints {
  readonly forbid?: readonly ForbidPayload[];
  readonly naming?: readonly NamingPayload[];
  /** Module specifiers an import may name; a specifier also allows its sub-paths (`m/x`, `m.x`). */
  readonly imports?: { readonly allowed: readonly string[] };
  /** Bracket nesting the grammar follows; at most COMPILE_LIMITS.maxNestingDepth. */
  readonly maxDepth?: number;
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
  readonly bannedWords: readonly string[];
  readonly bannedSubstrings: readonly string[];
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

const IDENTIFIER: Record<LexicalFamily, RegExp> = {
  typescript: /^[A-Za-z_$][A-Za-z0-9_$]*$/,
  python: /^[A-Za-z_][A-Za-z0-9_]*$/,
  go: /^[A-Za-z_][A-Za-z0-9_]*$/,
  rust: /^[A-Za-z_][A-Za-z0-9_]*$/,
  java: /^[A-Za-z_$][A-Za-z0-9_$]*$/,
};

const isNonAscii = (char: string): boolean => char.codePointAt(0)! > 0x7f;

/**
 * Characters (or sequences) a forbidden pattern is cut at: those that end a free-text piece (a
 * pattern holding one can span pieces), and non-ASCII characters, which the grammars treat as
 * one class (see bnf.ts).
 */
const STRUCTURAL: Record<LexicalFamily, (chars: readonly string[], index: number) => boolean> = {
  typescript: (chars, index) => '()[]{}`'.includes(chars[index]!) || isNonAscii(chars[index]!) || (chars[index] === '$' && (chars[index + 1] === '{' || index === chars.length - 1)),
  python: (chars, index) => '()[]{}'.includes(chars[index]!) || isNonAscii(chars[index]!),
  go: (chars, index) => '()[]{}'.includes(chars[index]!) || isNonAscii(chars[index]!),
  rust: (chars, index) => '()[]{}'.includes(chars[index]!) || isNonAscii(chars[index]!),
  java: (chars, index) => '()[]{}'.includes(chars[index]!) || isNonAscii(chars[index]!),
};

function appliesTo(payloadLanguage: Language | undefined, family: LexicalFamily): boolean {
  return payloadLanguage === undefined || familyOf(payloadLanguage) === family;
}

export function planConstraints(family: LexicalFamily, constraints: CodeConstraints): ConstraintPlan {
  const warnings: string[] = [];
  const unenforced: Unenforced[] = [];
  const bannedWords = new Set<string>();
  const bannedSubstrings = new Set<string>();
  const bannedModules = new Set<string>();
  const forbids = (constraints.forbid ?? []).filter((payload) => appliesTo(payload.language, family));
  checkPatterns(forbids.flatMap((payload) => payload.patterns));
  for (const payload of forbids) {
    for (const pattern of payload.patterns) {
      planForbid(family, payload, pattern, { bannedWords, bannedSubstrings, bannedModules, warnings, unenforced });
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

function planSubstring(family: LexicalFamily, payload: ForbidPayload, pattern: string, sinks: ForbidSinks): void {
  const chars = [...pattern];
  if (!chars.some((_, index) => STRUCTURAL[family](chars, index))) {
    sinks.bannedSubstrings.add(pattern);
    return;
  }
  const fragment = longestFragment(pattern, STRUCTURAL[family]);
  if (fragment === '') {
    sinks.unenforced.push({ rule: payload.rule, match: payload.match, pattern, reason: 'the pattern is made only of brackets, which the grammar cannot forbid as text; the validator checks it' });
    return;
  }
  sinks.bannedSubstrings.add(fragment);
  sinks.warnings.push(`forbid ${payload.rule}: "${pattern}" spans a bracket, a template delimiter or a non-ASCII character, so the grammar forbids "${fragment}" everywhere (stricter); the validator checks the exact pattern`);
}

const IMPORT_WARNINGS: Record<LexicalFamily, string> = {
  typescript: 'imports: require(...) and dynamic import(...) are rejected while imports are restricted; static import/export ... from specifiers are checked against the allowed set',
  python: 'imports: __import__ and importlib.import_module are rejected while imports are restricted; import and from ... import statements are checked against the allowed set',
  go: 'imports: only single-line imports (import "path", import name "path") are accepted while imports are restricted; import ( ... ) blocks are rejected (stricter)',
  rust: 'imports: use paths and extern crate names are checked against the allowed set; paths written in code (std::process::Command::new) are left to the validator',
  java: 'imports: import declarations are checked against the allowed set; fully qualified names written in code are left to the validator',
};

function importWarnings(family: LexicalFamily): string[] {
  return [IMPORT_WARNINGS[family]];
}

/**
 * Java declares a method without a keyword: its name follows a type and a space and precedes
 * `(`. This key stands for that position in DECLARATION_TARGETS (it is not a Java keyword).
 */
export const JAVA_METHOD_DECLARATION = 'type name(';

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
    def: ['function', 'method'],
    class: ['class'],
  },
  go: {
    func: ['function'],
    type: ['type'],
    var: ['variable'],
    const: ['constant'],
  },
  rust: {
    fn: ['function', 'method'],
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
    [JAVA_METHOD_DECLARATION]: ['method'],
  },
};

const NAMING_WARNINGS: Record<LexicalFamily, string> = {
  typescript: 'naming: names after function, class, interface, enum, const, let and var are checked; names inside destructuring patterns, methods, parameters and type aliases are left to the validator',
  python: 'naming: names after def and class are checked; variables, parameters and attributes are left to the validator',
  go: 'naming: names after func, type, var and const are checked; methods (func with a receiver), names inside var ( ... ) and const ( ... ) blocks, := declarations and parameters are left to the validator',
  rust: 'naming: names after fn, struct, enum, trait, type, let, const and static are checked (after mut and ref too); names inside let patterns, parameters and fields are left to the validator',
  java: 'naming: names after class, interface, enum and record are checked, and a method name where a type and a space precede it and ( follows; constructors, fields, variables and parameters are left to the validator',
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

/** The pattern a name after `keyword` must match, or undefined when no constraint covers it. */
export function declarationPattern(plan: ConstraintPlan, keyword: string): R.Regex | undefined {
  const patterns = (DECLARATION_TARGETS[plan.family][keyword] ?? []).flatMap((target) => {
    const pattern = plan.naming.get(target);
    return pattern ? [pattern] : [];
  });
  return patterns.length === 0 ? undefined : R.or(...patterns);
}

/**
 * A small grammar model that every dialect can print: rules by name over literals, character
 * classes, references, sequences, alternations and repetitions.
 */
import { CodeSet } from './charset.js';
import type { Regex } from './regular.js';

export type Expr =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'class'; readonly set: CodeSet }
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'seq'; readonly items: readonly Expr[] }
  | { readonly kind: 'alt'; readonly options: readonly Expr[] }
  | { readonly kind: 'repeat'; readonly item: Expr; readonly min: number; readonly max: number | null }
  | { readonly kind: 'optional'; readonly item: Expr };

export interface Rule {
  readonly name: string;
  readonly body: Expr;
  /**
   * The same language as one regular expression. Dialects with native regular terminals
   * (llguidance Lark) may print this instead of the rule and the rules only it reaches.
   */
  readonly regular?: Regex;
}

export interface Grammar {
  readonly start: string;
  /** Start rule first, then the order rules were added; only rules reachable from the start. */
  readonly rules: readonly Rule[];
}

/** Rule names every dialect accepts as they are (GBNF: letters, digits and `-`; Lark maps `-` to `_`). */
export const RULE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export const empty: Expr = { kind: 'literal', text: '' };

export function lit(text: string): Expr {
  return { kind: 'literal', text };
}

/** A character class from a regex-style class body, e.g. `chars('a-zA-Z_')`. */
export function chars(spec: string): Expr {
  return charClass(CodeSet.parse(spec));
}

/** Any character except those of the class body, e.g. `notChars('"\\\\')`. */
export function notChars(spec: string): Expr {
  return charClass(CodeSet.parse(spec).complement());
}

export function charClass(set: CodeSet): Expr {
  if (set.isEmpty) throw new Error('a character class must match at least one character');
  return { kind: 'class', set };
}

export function ref(name: string): Expr {
  return { kind: 'ref', name };
}

export function seq(...items: Expr[]): Expr {
  const flat: Expr[] = [];
  for (const item of items.flatMap((part) => (part.kind === 'seq' ? part.items : [part]))) {
    if (item.kind === 'literal' && item.text === '') continue;
    const last = flat[flat.length - 1];
    if (last?.kind === 'literal' && item.kind === 'literal') flat[flat.length - 1] = lit(last.text + item.text);
    else flat.push(item);
  }
  if (flat.length === 0) return empty;
  return flat.length === 1 ? flat[0]! : { kind: 'seq', items: flat };
}

export function alt(...options: Expr[]): Expr {
  const flat: Expr[] = [];
  const seen = new Set<string>();
  for (const option of options.flatMap((item) => (item.kind === 'alt' ? item.options : [item]))) {
    const key = exprKey(option);
    if (seen.has(key)) continue;
    seen.add(key);
    flat.push(option);
  }
  if (flat.length === 0) throw new Error('an alternation needs at least one option');
  return flat.length === 1 ? flat[0]! : { kind: 'alt', options: flat };
}

export function repeat(item: Expr, min: number, max: number | null): Expr {
  if (!Number.isInteger(min) || min < 0 || (max !== null && (!Number.isInteger(max) || max < min || max === 0))) {
    throw new Error(`invalid repetition {${min},${max ?? ''}}`);
  }
  if (min === 1 && max === 1) return item;
  if (min === 0 && max === 1) return opt(item);
  return { kind: 'repeat', item, min, max };
}

export function star(item: Expr): Expr {
  return repeat(item, 0, null);
}

export function plus(item: Expr): Expr {
  return repeat(item, 1, null);
}

export function opt(item: Expr): Expr {
  if (item.kind === 'optional' || (item.kind === 'literal' && item.text === '')) return item;
  return { kind: 'optional', item };
}

export function exprKey(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
      return `l${JSON.stringify(expr.text)}`;
    case 'class':
      return `c[${expr.set.key}]`;
    case 'ref':
      return `r${expr.name}`;
    case 'seq':
      return `s(${expr.items.map(exprKey).join(' ')})`;
    case 'alt':
      return `a(${expr.options.map(exprKey).join('|')})`;
    case 'repeat':
      return `x(${exprKey(expr.item)}){${expr.min},${expr.max ?? ''}}`;
    case 'optional':
      return `o(${exprKey(expr.item)})`;
  }
}

const namesOfBody = new WeakMap<Expr, readonly string[]>();

/** The rule names a rule body refers to; bodies shared between grammars are walked once. */
export function bodyReferences(body: Expr): readonly string[] {
  let names = namesOfBody.get(body);
  if (!names) {
    names = referencedNames(body);
    namesOfBody.set(body, names);
  }
  return names;
}

export function referencedNames(expr: Expr, into: string[] = []): string[] {
  switch (expr.kind) {
    case 'ref':
      into.push(expr.name);
      break;
    case 'seq':
      expr.items.forEach((item) => referencedNames(item, into));
      break;
    case 'alt':
      expr.options.forEach((option) => referencedNames(option, into));
      break;
    case 'repeat':
    case 'optional':
      referencedNames(expr.item, into);
      break;
    default:
      break;
  }
  return into;
}

export class GrammarBuilder {
  private readonly rules = new Map<string, Rule>();

  constructor(readonly start = 'root') {
    assertRuleName(start);
  }

  rule(name: string, body: Expr, options: { regular?: Regex } = {}): this {
    assertRuleName(name);
    if (this.rules.has(name)) throw new Error(`rule ${name} is defined twice`);
    this.rules.set(name, { name, body, ...(options.regular ? { regular: options.regular } : {}) });
    return this;
  }

  has(name: string): boolean {
    return this.rules.has(name);
  }

  /** Checks every reference, keeps the rules reachable from the start, start rule first. */
  build(): Grammar {
    if (!this.rules.has(this.start)) throw new Error(`start rule ${this.start} is not defined`);
    for (const rule of this.rules.values()) {
      for (const name of bodyReferences(rule.body)) {
        if (!this.rules.has(name)) throw new Error(`rule ${rule.name} references undefined rule ${name}`);
      }
    }
    const reachable = reachableRules(this.start, (name) => this.rules.get(name)!.body);
    const ordered = [this.rules.get(this.start)!, ...[...this.rules.values()].filter((rule) => rule.name !== this.start && reachable.has(rule.name))];
    return { start: this.start, rules: ordered };
  }
}

function assertRuleName(name: string): void {
  if (!RULE_NAME.test(name)) throw new Error(`rule name ${JSON.stringify(name)} must match ${RULE_NAME}`);
}

export function reachableRules(start: string, bodyOf: (name: string) => Expr): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const name of bodyReferences(bodyOf(queue.shift()!))) {
      if (!seen.has(name)) {
        seen.add(name);
        queue.push(name);
      }
    }
  }
  return seen;
}

export function ruleMap(grammar: Grammar): Map<string, Rule> {
  return new Map(grammar.rules.map((rule) => [rule.name, rule]));
}

/** Which rules can match the empty string. */
export function nullableRules(grammar: Grammar): Set<string> {
  const nullable = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const rule of grammar.rules) {
      if (!nullable.has(rule.name) && isNullable(rule.body, nullable)) {
        nullable.add(rule.name);
        changed = true;
      }
    }
  }
  return nullable;
}

export function isNullable(expr: Expr, nullable: ReadonlySet<string>): boolean {
  switch (expr.kind) {
    case 'literal':
      return expr.text === '';
    case 'class':
      return false;
    case 'ref':
      return nullable.has(expr.name);
    case 'seq':
      return expr.items.every((item) => isNullable(item, nullable));
    case 'alt':
      return expr.options.some((option) => isNullable(option, nullable));
    case 'repeat':
      return expr.min === 0 || isNullable(expr.item, nullable);
    case 'optional':
      return true;
  }
}

/**
 * Problems that make an engine refuse the grammar even though its text parses: llama.cpp
 * rejects left recursion, and expands `x*` into `x' ::= x x' |`, which is left-recursive when
 * `x` can be empty. Returns one message per problem, empty when the grammar is fine.
 */
export function grammarProblems(grammar: Grammar): string[] {
  const problems: string[] = [];
  const rules = ruleMap(grammar);
  for (const rule of grammar.rules) {
    for (const name of referencedNames(rule.body)) {
      if (!rules.has(name)) problems.push(`rule ${rule.name} references undefined rule ${name}`);
    }
  }
  if (!rules.has(grammar.start)) problems.push(`start rule ${grammar.start} is not defined`);
  if (problems.length > 0) return problems;
  const nullable = nullableRules(grammar);
  for (const rule of grammar.rules) {
    forEachRepeat(rule.body, (item) => {
      if (isNullable(item, nullable)) problems.push(`rule ${rule.name} repeats an item that can be empty: ${exprKey(item)}`);
    });
  }
  const cycle = leftRecursion(grammar, nullable);
  if (cycle) problems.push(`left recursion: ${cycle.join(' -> ')}`);
  return problems;
}

function forEachRepeat(expr: Expr, visit: (item: Expr) => void): void {
  switch (expr.kind) {
    case 'repeat':
      if (expr.max === null) visit(expr.item);
      forEachRepeat(expr.item, visit);
      break;
    case 'optional':
      forEachRepeat(expr.item, visit);
      break;
    case 'seq':
      expr.items.forEach((item) => forEachRepeat(item, visit));
      break;
    case 'alt':
      expr.options.forEach((option) => forEachRepeat(option, visit));
      break;
    default:
      break;
  }
}

/** Rules reachable at the left edge of an expression, passing over nullable prefixes. */
function leftCorner(expr: Expr, nullable: ReadonlySet<string>, into: Set<string>): void {
  switch (expr.kind) {
    case 'ref':
      into.add(expr.name);
      break;
    case 'seq':
      for (const item of expr.items) {
        leftCorner(item, nullable, into);
        if (!isNullable(item, nullable)) break;
      }
      break;
    case 'alt':
      expr.options.forEach((option) => leftCorner(option, nullable, into));
      break;
    case 'repeat':
    case 'optional':
      leftCorner(expr.item, nullable, into);
      break;
    default:
      break;
  }
}

function leftRecursion(grammar: Grammar, nullable: ReadonlySet<string>): string[] | undefined {
  const edges = new Map<string, string[]>();
  for (const rule of grammar.rules) {
    const corner = new Set<string>();
    leftCorner(rule.body, nullable, corner);
    edges.set(rule.name, [...corner]);
  }
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'open') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'open');
    path.push(name);
    for (const next of edges.get(name) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const rule of grammar.rules) {
    const cycle = visit(rule.name);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * The printer GBNF and XGrammar EBNF share: `name ::= expr`, one rule per line (a newline ends a
 * rule in GBNF), `"..."` literals, `[...]` classes, `( )`, `|`, `* + ? {m,n}`. The dialects
 * differ only in how a few characters are escaped, which each emitter passes in.
 *
 * Classes are printed with ASCII members only: a set that holds every non-ASCII character is
 * printed negated (`[^"\\]`), and the set of all characters as `([^\n] | "\n")`. XGrammar
 * mis-compiles positive classes with non-ASCII ranges (fixed after 0.1.27, mlc-ai/xgrammar#491)
 * and clamps non-ASCII members of negated classes (mlc-ai/xgrammar#848); the lexical grammars
 * treat all non-ASCII characters alike so they never need either. A set that does split the
 * non-ASCII range is printed with its ranges as they are.
 */
import { checkLimit } from '../limits.js';
import type { Expr, Grammar } from './ast.js';
import { CodeSet } from './charset.js';

export interface BnfEscapes {
  /** Escape for a character inside a class, or undefined to use the shared rules. */
  readonly classChar: (code: number) => string | undefined;
}

const SHARED_ESCAPES: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x5c: '\\\\', 0x22: '\\"' };

/** `\uXXXX` or `\UXXXXXXXX`: the same meaning in GBNF and XGrammar (`\x` is not: XGrammar reads any number of hex digits). */
export function unicodeEscape(code: number): string {
  return code <= 0xffff ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

function isPrintableAscii(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

function escapeLiteralChar(code: number): string {
  const shared = SHARED_ESCAPES[code];
  if (shared) return shared;
  return isPrintableAscii(code) ? String.fromCodePoint(code) : unicodeEscape(code);
}

function escapeClassChar(code: number, escapes: BnfEscapes): string {
  const special = escapes.classChar(code);
  if (special !== undefined) return special;
  if (code === 0x5d) return '\\]';
  if (code === 0x5b) return '\\[';
  return escapeLiteralChar(code);
}

export function printLiteral(text: string): string {
  return `"${[...text].map((char) => escapeLiteralChar(char.codePointAt(0)!)).join('')}"`;
}

export function printClass(set: CodeSet, escapes: BnfEscapes, context: Level = 'postfix'): string {
  if (set.size === CodeSet.all.size) return context === 'alt' ? '[^\\n] | "\\n"' : '([^\\n] | "\\n")';
  const complement = set.complement();
  const negated = set.uniformOutsideAscii ? set.has(0x80) : complement.ranges.length < set.ranges.length;
  const ranges = negated ? complement.ranges : set.ranges;
  const body = ranges
    .map(([from, to]) => {
      const first = escapeClassChar(from, escapes);
      if (from === to) return first;
      if (to === from + 1) return first + escapeClassChar(to, escapes);
      return `${first}-${escapeClassChar(to, escapes)}`;
    })
    .join('');
  return `[${negated ? '^' : ''}${body}]`;
}

type Level = 'alt' | 'seq' | 'postfix';

export function printExpr(expr: Expr, escapes: BnfEscapes, context: Level = 'alt'): string {
  switch (expr.kind) {
    case 'literal':
      return printLiteral(expr.text);
    case 'class':
      return printClass(expr.set, escapes, context);
    case 'ref':
      return expr.name;
    case 'seq': {
      const text = expr.items.map((item) => printExpr(item, escapes, 'seq')).join(' ');
      return context === 'postfix' ? `(${text})` : text;
    }
    case 'alt': {
      const text = expr.options.map((option) => printExpr(option, escapes, 'alt')).join(' | ');
      return context === 'alt' ? text : `(${text})`;
    }
    case 'optional':
      return `${printExpr(expr.item, escapes, 'postfix')}?`;
    case 'repeat':
      return `${printExpr(expr.item, escapes, 'postfix')}${quantifier(expr.min, expr.max)}`;
  }
}

function quantifier(min: number, max: number | null): string {
  if (max === null) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

const printed = new WeakMap<BnfEscapes, WeakMap<Expr, string>>();

/** A rule body's text; bodies shared between grammars (automaton states) are printed once per dialect. */
function printBody(body: Expr, escapes: BnfEscapes): string {
  let byBody = printed.get(escapes);
  if (!byBody) printed.set(escapes, (byBody = new WeakMap()));
  let text = byBody.get(body);
  if (text === undefined) {
    text = printExpr(body, escapes);
    byBody.set(body, text);
  }
  return text;
}

export function printBnf(grammar: Grammar, escapes: BnfEscapes, dialect: string): string {
  checkLimit('maxGrammarRules', grammar.rules.length, `the ${dialect} grammar has too many rules: use fewer forbidden patterns, naming rules or allowed modules`);
  const text = grammar.rules.map((rule) => `${rule.name} ::= ${printBody(rule.body, escapes)}\n`).join('');
  checkLimit('maxGrammarBytes', text.length, `the ${dialect} grammar is too large: use fewer forbidden patterns, naming rules or allowed modules`);
  return text;
}

/**
 * llguidance Lark. Rules are lowercase (`-` becomes `_`, the start rule is `start`), literals are
 * JSON strings, classes are `/[...]/` regexes in Rust `regex` syntax. A rule that carries a
 * regular expression (the free-text pieces of code grammars) can be printed as one UPPERCASE
 * terminal, with llguidance's `&` (and) and `~` (not) for the forbidden parts: one lexeme instead
 * of one lexeme per character. `regular: 'rules'` prints the automaton rules instead, which is
 * plain Lark.
 */
import { checkLimit } from '../limits.js';
import { reachableRules, ruleMap, type Expr, type Grammar, type Rule } from './ast.js';
import type { CodeSet } from './charset.js';
import { eliminateGraph, isEpsilon, type Regex } from './regular.js';

export interface LarkOptions {
  /** Start with `%llguidance {}` (SGLang needs it to route the grammar to llguidance). */
  readonly llguidanceHeader?: boolean;
  /**
   * `rules` (default): one rule per automaton state, the same rules as GBNF and EBNF.
   * `terminals`: a regular rule becomes one terminal with `&`/`~` when its expression stays under
   * `maxTerminalBytes` (state elimination can grow an automaton's expression a lot); larger ones
   * stay rules.
   */
  readonly regular?: 'terminals' | 'rules';
  readonly maxTerminalBytes?: number;
}

export const DEFAULT_MAX_TERMINAL_BYTES = 16_000;

export function emitLark(grammar: Grammar, options: LarkOptions = {}): string {
  const printer = new LarkPrinter(grammar, options.regular ?? 'rules', options.maxTerminalBytes ?? DEFAULT_MAX_TERMINAL_BYTES);
  const text = `${options.llguidanceHeader ? '%llguidance {}\n' : ''}${printer.print()}`;
  checkLimit('maxGrammarBytes', text.length, 'the Lark grammar is too large: use fewer forbidden patterns, naming rules or allowed modules');
  return text;
}

const printedRules = new WeakMap<Expr, { start: string; text: string }>();

class LarkPrinter {
  private readonly rules: Map<string, Rule>;
  private readonly terminalNames = new Map<Regex, string>();
  private readonly terminalBodies: { name: string; body: string }[] = [];
  private readonly usedTerminalNames = new Set<string>();

  private readonly terminalDecisions = new Map<string, boolean>();

  constructor(private readonly grammar: Grammar, private readonly mode: 'terminals' | 'rules', private readonly maxTerminalBytes: number) {
    this.rules = ruleMap(grammar);
  }

  /** A regular rule is printed as a terminal when its expression (with its sub-terminals) is small enough. */
  private fitsTerminal(name: string): boolean {
    const regular = this.rules.get(name)?.regular;
    if (this.mode !== 'terminals' || regular === undefined) return false;
    let decision = this.terminalDecisions.get(name);
    if (decision === undefined) {
      const scratch = new LarkPrinter(this.grammar, 'terminals', this.maxTerminalBytes);
      const body = scratch.regex(regular.kind === 'named' ? regular.body : regular, 'alt');
      decision = body.length + scratch.terminalBodies.reduce((sum, terminal) => sum + terminal.body.length, 0) <= this.maxTerminalBytes;
      this.terminalDecisions.set(name, decision);
    }
    return decision;
  }

  print(): string {
    const asTerminal = (name: string): boolean => name !== this.grammar.start && this.fitsTerminal(name);
    const startIsTerminal = this.fitsTerminal(this.grammar.start);
    const printedAsTerminal = (name: string): boolean => asTerminal(name) || (name === this.grammar.start && startIsTerminal);
    const reachable = reachableRules(this.grammar.start, (name) => (printedAsTerminal(name) ? { kind: 'literal', text: '' } : this.rules.get(name)!.body));
    const lines: string[] = [];
    for (const rule of this.grammar.rules) {
      if (!reachable.has(rule.name)) continue;
      if (asTerminal(rule.name)) {
        this.defineTerminal(rule.regular!, terminalName(rule.name));
        continue;
      }
      const body = rule.name === this.grammar.start && startIsTerminal ? this.defineTerminal(rule.regular!, 'TEXT') : this.ruleBody(rule.body, asTerminal);
      lines.push(`${this.ruleName(rule.name)}: ${body}`);
    }
    checkLimit('maxGrammarRules', lines.length + this.terminalBodies.length, 'the Lark grammar has too many rules: use fewer forbidden patterns, naming rules or allowed modules');
    return [...lines, ...this.terminalBodies.map((terminal) => `${terminal.name}: ${terminal.body}`)].map((line) => `${line}\n`).join('');
  }

  /**
   * In `rules` mode a body's text depends only on the body and the start rule's name, so bodies
   * shared between grammars (automaton states) are printed once.
   */
  private ruleBody(body: Expr, asTerminal: (name: string) => boolean): string {
    if (this.mode !== 'rules') return this.expr(body, asTerminal);
    const cached = printedRules.get(body);
    if (cached?.start === this.grammar.start) return cached.text;
    const text = this.expr(body, asTerminal);
    printedRules.set(body, { start: this.grammar.start, text });
    return text;
  }

  private ruleName(name: string): string {
    if (name === this.grammar.start) return 'start';
    return name === 'start' ? 'start__' : name.replaceAll('-', '_');
  }

  private expr(expr: Expr, asTerminal: (name: string) => boolean, context: 'alt' | 'seq' | 'postfix' = 'alt'): string {
    switch (expr.kind) {
      case 'literal':
        return larkString(expr.text);
      case 'class':
        return classAtom(expr.set);
      case 'ref':
        return asTerminal(expr.name) ? this.defineTerminal(this.rules.get(expr.name)!.regular!, terminalName(expr.name)) : this.ruleName(expr.name);
      case 'seq': {
        const text = expr.items.map((item) => this.expr(item, asTerminal, 'seq')).join(' ');
        return context === 'postfix' ? `(${text})` : text;
      }
      case 'alt': {
        const nonEmpty = expr.options.filter((option) => !(option.kind === 'literal' && option.text === ''));
        if (nonEmpty.length === 0) return '""';
        const text = nonEmpty.map((option) => this.expr(option, asTerminal, 'alt')).join(' | ');
        if (nonEmpty.length < expr.options.length) return nonEmpty.length === 1 ? `${this.expr(nonEmpty[0]!, asTerminal, 'postfix')}?` : `(${text})?`;
        return context === 'alt' ? text : `(${text})`;
      }
      case 'optional':
        return `${this.expr(expr.item, asTerminal, 'postfix')}?`;
      case 'repeat':
        return `${this.expr(expr.item, asTerminal, 'postfix')}${quantifier(expr.min, expr.max)}`;
    }
  }

  private defineTerminal(regex: Regex, preferredName: string): string {
    const known = this.terminalNames.get(regex);
    if (known) return known;
    let name = preferredName;
    for (let suffix = 2; this.usedTerminalNames.has(name); suffix++) name = `${preferredName}_${suffix}`;
    this.usedTerminalNames.add(name);
    this.terminalNames.set(regex, name);
    const slot = { name, body: '' };
    this.terminalBodies.push(slot);
    slot.body = this.regex(regex.kind === 'named' ? regex.body : regex, 'alt');
    return name;
  }

  private regex(regex: Regex, context: 'alt' | 'seq' | 'postfix'): string {
    switch (regex.kind) {
      case 'chars':
        return classAtom(regex.set);
      case 'literal':
        return larkString(regex.text);
      case 'seq': {
        const text = regex.items.map((item) => this.regex(item, 'seq')).join(' ');
        return context === 'postfix' ? `(${text})` : text;
      }
      case 'alt': {
        if (regex.options.length === 0) throw new Error('an empty language cannot be printed as a Lark terminal');
        const nonEmpty = regex.options.filter((option) => !isEpsilon(option));
        const text = nonEmpty.map((option) => this.regex(option, 'alt')).join(' | ');
        if (nonEmpty.length < regex.options.length) return nonEmpty.length === 1 ? `${this.regex(nonEmpty[0]!, 'postfix')}?` : `(${text})?`;
        return context === 'alt' ? text : `(${text})`;
      }
      case 'repeat':
        return `${this.regex(regex.item, 'postfix')}${quantifier(regex.min, regex.max)}`;
      case 'and': {
        const text = regex.items.map((item) => `(${this.regex(item, 'alt')})`).join(' & ');
        return context === 'alt' ? text : `(${text})`;
      }
      case 'without': {
        const text = `(${this.regex(regex.base, 'alt')}) & ~(${this.regex(regex.excluded, 'alt')})`;
        return context === 'alt' ? text : `(${text})`;
      }
      case 'avoid': {
        const text = `/(?s:.*)/ & ~/(?s:.*)(?:${regex.patterns.map(regexText).join('|')})(?s:.*)/`;
        return context === 'alt' ? text : `(${text})`;
      }
      case 'named':
        return this.defineTerminal(regex, terminalName(regex.name));
      case 'graph':
        return this.regex(eliminateGraph(regex), context);
    }
  }
}

export function terminalName(name: string): string {
  const upper = name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return /^[A-Z]/.test(upper) ? upper : `T_${upper}`;
}

function quantifier(min: number, max: number | null): string {
  if (max === null) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/** A Lark string literal: JSON string syntax, ASCII only (astral characters as surrogate pairs). */
export function larkString(text: string): string {
  let out = '"';
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const char = text[index]!;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (unit >= 0x20 && unit <= 0x7e) out += char;
    else out += `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `${out}"`;
}

const CLASS_META = new Set([...'\\]-[^&~']);
const REGEX_META = new Set([...'\\.+*?()|[]{}^$#&-~']);

function regexChar(code: number, meta: ReadonlySet<string>): string {
  const char = String.fromCodePoint(code);
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  if (code === 0x09) return '\\t';
  if (code === 0x2f) return '\\x{2F}';
  if (meta.has(char)) return `\\${char}`;
  if (code >= 0x20 && code <= 0x7e) return char;
  return `\\x{${code.toString(16).toUpperCase()}}`;
}

function regexText(text: string): string {
  return [...text].map((char) => regexChar(char.codePointAt(0)!, REGEX_META)).join('');
}

/** `"x"` for one character, otherwise `/[...]/` (negated when that is shorter). */
function classAtom(set: CodeSet): string {
  if (set.ranges.length === 1 && set.ranges[0]![0] === set.ranges[0]![1]) return larkString(String.fromCodePoint(set.ranges[0]![0]));
  const complement = set.complement();
  const negated = !complement.isEmpty && complement.ranges.length < set.ranges.length;
  const ranges = negated ? complement.ranges : set.ranges;
  const body = ranges
    .map(([from, to]) => {
      const first = regexChar(from, CLASS_META);
      if (from === to) return first;
      if (to === from + 1) return first + regexChar(to, CLASS_META);
      return `${first}-${regexChar(to, CLASS_META)}`;
    })
    .join('');
  return `/[${negated ? '^' : ''}${body}]/`;
}

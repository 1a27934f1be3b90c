/**
 * A strict checker for the subset of llguidance Lark this project emits and llguidance documents:
 * the tokens of llguidance's Lark lexer, the item/expansion/expression structure of its parser,
 * `&` and `~` only in terminals, every name defined, terminals that neither use rules nor
 * recurse, JSON string literals, and regexes in the Rust `regex` syntax llguidance accepts (no
 * lookaround, no lazy quantifiers, no backreferences). Errors carry a 1-based line and column.
 *
 * `larkToGrammar` turns a checked grammar back into the dialect-neutral model, so tests can run
 * a Lark text through XGrammar and compare the language with the other dialects.
 */
import { GrammarBuilder, alt, charClass, lit, opt, ref, repeat, seq, type Expr, type Grammar } from './ast.js';
import { compileRegex } from './automaton.js';
import { CodeSet, MAX_CODE_POINT } from './charset.js';
import { addDfaRules } from './dfa.js';
import * as R from './regular.js';

export class LarkCheckError extends Error {
  override readonly name = 'LarkCheckError';
  constructor(readonly line: number, readonly column: number, readonly reason: string) {
    super(`${line}:${column}: ${reason}`);
  }
}

type TokenKind =
  | 'newline' | 'rule' | 'token' | 'string' | 'regexp' | 'number' | 'op' | 'special' | 'grammar-ref' | 'json'
  | ':' | '::' | ',' | '.' | '..' | '->' | '(' | ')' | '{' | '}' | '[' | ']' | '~' | '|' | '&' | '='
  | '%ignore' | '%import' | '%declare' | '%override' | '%llguidance' | '%json' | '%regex' | 'eof';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
  readonly column: number;
  readonly json?: unknown;
}

const LITERALS: readonly TokenKind[] = ['->', '::', ':', ',', '..', '.', '%declare', '%llguidance', '%ignore', '%import', '%override', '%json', '%regex', '(', ')', '{', '}', '[', ']', '~', '|', '&', '='];

const PATTERNS: readonly [TokenKind, RegExp][] = [
  ['op', /[+*?]/y],
  ['rule', /!?[_?]?[a-z][_a-z0-9-]*/y],
  ['token', /_?[A-Z][_A-Z0-9-]*/y],
  ['string', /"(?:\\(?:["\\/bfnrt]|u[a-fA-F0-9]{4})|[^"\\\x00-\x1F\x7F])*"i?/y],
  ['regexp', /\/(?:\\.|[^/\\])+\/[imslux]*/y],
  ['number', /[+-]?[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?/y],
  ['newline', /(?:\r?\n)+[ \t]*/y],
  ['special', /<[^<>\s]+>/y],
  ['grammar-ref', /@[a-zA-Z0-9_-]+/y],
];

const SKIP = /(?:(?:#|\/\/)[^\n]*)|[ \t]+/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let column = 1;
  const advance = (text: string): void => {
    for (const char of text) {
      if (char === '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    offset += text.length;
  };
  while (offset < source.length) {
    SKIP.lastIndex = offset;
    const skipped = SKIP.exec(source);
    if (skipped && skipped[0].length > 0) {
      advance(skipped[0]);
      continue;
    }
    let best: { kind: TokenKind; text: string } | undefined;
    for (const literal of LITERALS) {
      if (source.startsWith(literal, offset) && (!best || literal.length > best.text.length)) best = { kind: literal, text: literal };
    }
    for (const [kind, pattern] of PATTERNS) {
      pattern.lastIndex = offset;
      const match = pattern.exec(source);
      if (match && (!best || match[0].length > best.text.length)) best = { kind, text: match[0] };
    }
    if (!best) {
      const reason = source[offset] === '"' ? 'invalid string literal (bad escape, control character or no closing quote)' : source[offset] === '/' ? 'invalid regex literal (no closing slash)' : `unexpected character ${JSON.stringify(source[offset])}`;
      throw new LarkCheckError(line, column, reason);
    }
    const token: Token = { kind: best.kind, text: best.text, line, column };
    advance(best.text);
    if (best.kind === '%json' || best.kind === '%llguidance' || best.kind === '%regex') {
      const json = readJsonPrefix(source, offset, line, column);
      tokens.push({ ...token, json: json.value });
      advance(source.slice(offset, json.end));
      continue;
    }
    tokens.push(token);
  }
  tokens.push({ kind: 'eof', text: '', line, column });
  return tokens;
}

function readJsonPrefix(source: string, start: number, line: number, column: number): { value: unknown; end: number } {
  let index = start;
  while (/[ \t\r\n]/.test(source[index] ?? '')) index++;
  const open = source[index];
  if (open !== '{' && open !== '[') throw new LarkCheckError(line, column, 'expected a JSON object after the directive');
  let depth = 0;
  let inString = false;
  for (let cursor = index; cursor < source.length; cursor++) {
    const char = source[cursor]!;
    if (inString) {
      if (char === '\\') cursor++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) {
        const slice = source.slice(index, cursor + 1);
        try {
          return { value: JSON.parse(slice), end: cursor + 1 };
        } catch (error) {
          throw new LarkCheckError(line, column, `invalid JSON after the directive: ${(error as Error).message}`);
        }
      }
    }
  }
  throw new LarkCheckError(line, column, 'unterminated JSON after the directive');
}

export type LarkAtom =
  | { readonly kind: 'group' | 'maybe'; readonly body: LarkAlternatives }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'range'; readonly from: number; readonly to: number }
  | { readonly kind: 'regex'; readonly regex: R.Regex }
  | { readonly kind: 'name'; readonly name: string; readonly token: Token }
  | { readonly kind: 'special' | 'grammar-ref' | 'json'; readonly text: string };

export interface LarkExpr {
  readonly atom: LarkAtom;
  readonly negated: boolean;
  readonly min: number;
  readonly max: number | null;
}

/** Alternatives; each is a conjunction (`&`) of sequences. */
export type LarkAlternatives = readonly (readonly (readonly LarkExpr[])[])[];

export interface LarkDefinition {
  readonly name: string;
  readonly terminal: boolean;
  readonly body: LarkAlternatives;
  readonly token: Token;
}

export interface LarkGrammar {
  readonly definitions: readonly LarkDefinition[];
  readonly ignores: readonly LarkAlternatives[];
  readonly options: readonly unknown[];
  readonly imports: readonly string[];
}

class Parser {
  private position = 0;
  private inTerminal = false;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): LarkGrammar {
    const definitions: LarkDefinition[] = [];
    const ignores: LarkAlternatives[] = [];
    const options: unknown[] = [];
    const imports: string[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.kind === 'eof') break;
      if (token.kind === 'rule' || token.kind === 'token') definitions.push(this.definition());
      else if (token.kind === '%llguidance') {
        this.next();
        options.push(token.json);
      } else if (token.kind === '%ignore') {
        this.next();
        this.inTerminal = true;
        ignores.push(this.alternatives());
        this.inTerminal = false;
      } else if (token.kind === '%import') {
        this.next();
        imports.push(...this.importNames());
      } else {
        this.fail(token, 'expecting rule, token or statement');
      }
      this.endOfItem();
    }
    return { definitions, ignores, options, imports };
  }

  private definition(): LarkDefinition {
    const token = this.next();
    const terminal = token.kind === 'token';
    const name = token.text.replace(/^!?[_?]?(?=[a-z])/, (prefix) => (prefix.includes('_') ? '_' : ''));
    if (this.peek().kind === '{') this.fail(this.peek(), 'templates are not supported by llguidance');
    if (this.peek().kind === '.') this.fail(this.peek(), 'priorities are not supported by llguidance');
    if (this.peek().kind === '[') {
      if (terminal) this.fail(this.peek(), 'attributes are only allowed on rules');
      this.attributes();
    }
    this.expect(':');
    this.inTerminal = terminal;
    const body = this.alternatives();
    this.inTerminal = false;
    return { name, terminal, body, token };
  }

  private attributes(): void {
    this.expect('[');
    while (this.peek().kind !== ']') {
      const key = this.expect('rule');
      if (!['lazy', 'capture', 'stop', 'suffix', 'max_tokens', 'temperature', 'stop_capture'].includes(key.text)) this.fail(key, `unknown attribute ${key.text}`);
      if (this.peek().kind === '=') {
        this.next();
        const value = this.next();
        if (!['string', 'number', 'regexp', 'token'].includes(value.kind)) this.fail(value, `bad value for attribute ${key.text}`);
        if (value.kind === 'string') this.stringValue(value);
      }
      if (this.peek().kind !== ',') break;
      this.next();
    }
    this.expect(']');
  }

  private importNames(): string[] {
    const first = this.next();
    if (first.kind !== 'rule' && first.kind !== 'token') this.fail(first, 'expected an import path');
    const path = [first.text];
    while (this.peek().kind === '.') {
      this.next();
      path.push(this.expectName().text);
    }
    if (this.peek().kind === '(') {
      this.next();
      const names = [this.expectName().text];
      while (this.peek().kind === ',') {
        this.next();
        names.push(this.expectName().text);
      }
      this.expect(')');
      return names;
    }
    if (this.peek().kind === '->') {
      this.next();
      return [this.expectName().text];
    }
    return [path[path.length - 1]!];
  }

  private alternatives(): LarkAlternatives {
    const options = [this.conjunction()];
    for (;;) {
      if (this.peek().kind === '|') {
        this.next();
      } else if (this.peek().kind === 'newline' && this.peekAt(1).kind === '|') {
        this.next();
        this.next();
      } else {
        break;
      }
      options.push(this.conjunction());
    }
    return options;
  }

  private conjunction(): (readonly LarkExpr[])[] {
    const parts = [this.sequence()];
    while (this.peek().kind === '&') {
      const and = this.next();
      if (!this.inTerminal) this.fail(and, '`&` is only allowed in terminal definitions');
      parts.push(this.sequence());
    }
    if (this.peek().kind === '->') {
      this.next();
      this.expect('rule');
    }
    return parts;
  }

  private sequence(): LarkExpr[] {
    const items: LarkExpr[] = [];
    const stops: TokenKind[] = ['newline', '|', '->', ')', ']', '}', '&', 'eof'];
    while (!stops.includes(this.peek().kind)) items.push(this.expression());
    return items;
  }

  private expression(): LarkExpr {
    let negated = false;
    if (this.peek().kind === '~') {
      const tilde = this.next();
      if (!this.inTerminal) this.fail(tilde, '`~` negation is only allowed in terminal definitions');
      negated = true;
    }
    const atom = this.atom();
    let min = 1;
    let max: number | null = 1;
    const next = this.peek();
    if (next.kind === 'op') {
      this.next();
      [min, max] = next.text === '*' ? [0, null] : next.text === '+' ? [1, null] : [0, 1];
    } else if (next.kind === '~' && this.peekAt(1).kind === 'number') {
      this.next();
      min = this.integer(this.next());
      max = min;
      if (this.peek().kind === '..') {
        this.next();
        max = this.integer(this.next());
      }
      if (max < min) this.fail(next, `repetition ~${min}..${max} has its bounds reversed`);
    } else if (next.kind === '{') {
      [min, max] = this.braces();
    }
    return { atom, negated, min, max };
  }

  private braces(): [number, number | null] {
    const open = this.expect('{');
    let min = 0;
    let max: number | null;
    if (this.peek().kind !== ',') min = this.integer(this.expect('number'));
    if (this.peek().kind === ',') {
      this.next();
      max = this.peek().kind === '}' ? null : this.integer(this.expect('number'));
    } else {
      max = min;
    }
    this.expect('}');
    if (max === 0) this.fail(open, 'End number in range cannot be 0');
    if (max !== null && max < min) this.fail(open, `repetition {${min},${max}} has its bounds reversed`);
    return [min, max];
  }

  private integer(token: Token): number {
    if (token.kind !== 'number' || !/^[0-9]+$/.test(token.text)) this.fail(token, 'expected a non-negative integer');
    return Number(token.text);
  }

  private atom(): LarkAtom {
    const token = this.next();
    switch (token.kind) {
      case '(':
      case '[': {
        const body = this.alternatives();
        this.expect(token.kind === '(' ? ')' : ']');
        return { kind: token.kind === '(' ? 'group' : 'maybe', body };
      }
      case 'string': {
        const value = this.stringValue(token);
        if (this.peek().kind === '..') {
          this.next();
          const end = this.expect('string');
          const to = this.stringValue(end);
          const [fromCode, toCode] = [[...value], [...to]].map((chars) => (chars.length === 1 ? chars[0]!.codePointAt(0)! : -1));
          if (fromCode! < 0 || toCode! < 0) this.fail(token, 'a literal range needs one character on each side');
          if (toCode! < fromCode!) this.fail(token, 'a literal range has its bounds reversed');
          return { kind: 'range', from: fromCode!, to: toCode! };
        }
        return { kind: 'string', value };
      }
      case 'regexp':
        return { kind: 'regex', regex: this.regexValue(token) };
      case 'rule':
      case 'token':
        if (this.peek().kind === '{' && this.peekAt(1).kind !== ',' && this.peekAt(1).kind !== 'number') this.fail(this.peek(), 'templates are not supported by llguidance');
        return { kind: 'name', name: token.text, token };
      case 'special':
      case 'grammar-ref':
        if (this.inTerminal) this.fail(token, `${token.text} cannot be used inside a terminal`);
        return { kind: token.kind, text: token.text };
      case '%json':
      case '%regex':
        return { kind: 'json', text: JSON.stringify(token.json) };
      default:
        return this.fail(token, `expected a value, found ${token.kind === 'newline' ? 'a newline' : JSON.stringify(token.text || token.kind)}`);
    }
  }

  private stringValue(token: Token): string {
    if (token.text.endsWith('i')) this.fail(token, 'case-insensitive literals are not supported by this checker');
    try {
      return JSON.parse(token.text) as string;
    } catch {
      return this.fail(token, 'invalid string literal');
    }
  }

  private regexValue(token: Token): R.Regex {
    const last = token.text.lastIndexOf('/');
    const flags = token.text.slice(last + 1);
    if (flags !== '') this.fail(token, `regex flags /${flags} are not supported by this checker`);
    const source = token.text.slice(1, last);
    try {
      return parseRustRegex(source);
    } catch (error) {
      if (error instanceof RegexSyntaxError) throw new LarkCheckError(token.line, token.column + 1 + error.index, `regex error: ${error.message}`);
      throw error;
    }
  }

  private endOfItem(): void {
    const token = this.peek();
    if (token.kind !== 'newline' && token.kind !== 'eof') this.fail(token, `expected the end of the line, found ${JSON.stringify(token.text)}`);
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }

  private expectName(): Token {
    const token = this.next();
    if (token.kind !== 'rule' && token.kind !== 'token') this.fail(token, 'expected a name');
    return token;
  }

  private expect(kind: TokenKind): Token {
    const token = this.next();
    if (token.kind !== kind) this.fail(token, `expected ${kind}, found ${token.kind === 'newline' ? 'a newline' : JSON.stringify(token.text || token.kind)}`);
    return token;
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private peekAt(offset: number): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.tokens[this.position]!;
    if (token.kind !== 'eof') this.position++;
    return token;
  }

  private fail(token: Token, reason: string): never {
    throw new LarkCheckError(token.line, token.column, reason);
  }
}

/** Parses and checks a Lark grammar; throws LarkCheckError with the position of the first problem. */
export function checkLark(source: string): LarkGrammar {
  const grammar = new Parser(tokenize(source)).parse();
  checkNames(grammar);
  return grammar;
}

function checkNames(grammar: LarkGrammar): void {
  const definitions = new Map<string, LarkDefinition>();
  for (const definition of grammar.definitions) {
    if (definitions.has(definition.name)) throw new LarkCheckError(definition.token.line, definition.token.column, `${definition.name} is defined twice`);
    definitions.set(definition.name, definition);
  }
  if (!definitions.has('start')) throw new LarkCheckError(1, 1, 'the grammar has no start rule');
  const imported = new Set(grammar.imports);
  for (const definition of grammar.definitions) {
    for (const use of namesIn(definition.body)) {
      const target = definitions.get(use.name);
      if (!target && !imported.has(use.name)) throw new LarkCheckError(use.token.line, use.token.column, `${use.name} is not defined`);
      if (definition.terminal && target && !target.terminal) throw new LarkCheckError(use.token.line, use.token.column, `terminal ${definition.name} uses rule ${use.name}; terminals can only use terminals`);
    }
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (definition: LarkDefinition): void => {
    if (state.get(definition.name) === 'done') return;
    if (state.get(definition.name) === 'open') throw new LarkCheckError(definition.token.line, definition.token.column, `terminal ${definition.name} is recursive`);
    state.set(definition.name, 'open');
    for (const use of namesIn(definition.body)) {
      const target = definitions.get(use.name);
      if (target?.terminal) visit(target);
    }
    state.set(definition.name, 'done');
  };
  grammar.definitions.filter((definition) => definition.terminal).forEach(visit);
}

function namesIn(body: LarkAlternatives): { name: string; token: Token }[] {
  const found: { name: string; token: Token }[] = [];
  const walk = (alternatives: LarkAlternatives): void => {
    for (const conjunction of alternatives) {
      for (const sequence of conjunction) {
        for (const expr of sequence) {
          if (expr.atom.kind === 'name') found.push({ name: expr.atom.name, token: expr.atom.token });
          if (expr.atom.kind === 'group' || expr.atom.kind === 'maybe') walk(expr.atom.body);
        }
      }
    }
  };
  walk(body);
  return found;
}

export class RegexSyntaxError extends Error {
  constructor(message: string, readonly index: number) {
    super(message);
  }
}

const ASCII_CLASSES: Record<string, CodeSet> = {
  d: CodeSet.parse('0-9'),
  w: CodeSet.parse('a-zA-Z0-9_'),
  s: CodeSet.parse(' \\t\\n\\r\\f\\v'),
};

/**
 * The Rust `regex` syntax llguidance lexemes use, as a Regex. `\d \w \s` are read as their
 * ASCII forms. Rejected: lookaround, lazy quantifiers, backreferences, anchors, `\p{...}`,
 * nested classes and class set operations, and inline flags other than `s`.
 */
export function parseRustRegex(source: string): R.Regex {
  const chars = [...source];
  let index = 0;
  const fail = (message: string, at = index): never => {
    throw new RegexSyntaxError(message, at);
  };
  const peek = (): string | undefined => chars[index];
  const alternation = (dotAll: boolean): R.Regex => {
    const options = [concatenation(dotAll)];
    while (peek() === '|') {
      index++;
      options.push(concatenation(dotAll));
    }
    return R.or(...options);
  };
  const concatenation = (dotAll: boolean): R.Regex => {
    const items: R.Regex[] = [];
    while (index < chars.length && peek() !== '|' && peek() !== ')') items.push(quantified(dotAll));
    return R.cat(...items);
  };
  const quantified = (dotAll: boolean): R.Regex => {
    let item = atom(dotAll);
    for (;;) {
      const char = peek();
      const at = index;
      let bounds: [number, number | null] | undefined;
      if (char === '*') bounds = [0, null];
      else if (char === '+') bounds = [1, null];
      else if (char === '?') bounds = [0, 1];
      else if (char === '{') bounds = counted();
      if (!bounds) return item;
      if (char !== '{') index++;
      if (peek() === '?') fail('lazy quantifiers are not supported by llguidance');
      if (peek() === '+') fail('possessive quantifiers are not supported');
      item = R.rep(item, bounds[0], bounds[1]);
      if (at === index) return item;
    }
  };
  const counted = (): [number, number | null] => {
    const start = index;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(index).join(''));
    if (!match) return fail('malformed counted repetition', start);
    index += [...match[0]].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? null : Number(match[3]);
    if (max !== null && max < min) fail('counted repetition has its bounds reversed', start);
    return [min, max];
  };
  const atom = (dotAll: boolean): R.Regex => {
    const char = peek();
    if (char === undefined) return fail('unexpected end of regex');
    if (char === '(') return group(dotAll);
    if (char === '[') return R.set(charClassBody());
    index++;
    if (char === '.') return R.set(dotAll ? CodeSet.all : CodeSet.all.minus(CodeSet.char('\n')));
    if (char === '^' || char === '$') return fail('anchors are not supported in lexemes', index - 1);
    if (char === '*' || char === '+' || char === '?' || char === '{') return fail(`nothing to repeat before ${char}`, index - 1);
    if (char === ')') return fail('unbalanced )', index - 1);
    if (char === '\\') return R.set(escape(false));
    return R.text(char);
  };
  const group = (dotAll: boolean): R.Regex => {
    const open = index;
    index++;
    let inner = dotAll;
    if (peek() === '?') {
      index++;
      const rest = chars.slice(index).join('');
      if (/^(=|!|<=|<!)/.test(rest)) fail('lookaround is not supported by llguidance', open);
      const named = /^(P?<[A-Za-z_][A-Za-z0-9_]*>)/.exec(rest);
      const flags = /^([a-zA-Z-]*):/.exec(rest);
      if (named) index += named[1]!.length;
      else if (flags) {
        for (const flag of flags[1]!) {
          if (flag !== 's' && flag !== '-') fail(`inline flag ${flag} is not supported by this checker`, index);
        }
        inner = flags[1]!.includes('-') ? false : flags[1]!.includes('s') || dotAll;
        index += flags[0].length;
      } else {
        fail('malformed group', open);
      }
    }
    const body = alternation(inner);
    if (peek() !== ')') fail('unclosed group', open);
    index++;
    return body;
  };
  const hexEscape = (length: number | 'braced'): number => {
    if (length === 'braced') {
      const match = /^\{([0-9a-fA-F]{1,8})\}/.exec(chars.slice(index).join(''));
      if (!match) return fail('malformed \\x{...} escape');
      index += match[0].length;
      return checkCode(parseInt(match[1]!, 16));
    }
    const digits = chars.slice(index, index + length).join('');
    if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) return fail('malformed hex escape');
    index += length;
    return checkCode(parseInt(digits, 16));
  };
  const checkCode = (code: number): number => (code > MAX_CODE_POINT || (code >= 0xd800 && code <= 0xdfff) ? fail('escape is not a Unicode scalar value') : code);
  const escape = (inClass: boolean): CodeSet => {
    const at = index - 1;
    const char = chars[index++];
    if (char === undefined) return fail('dangling backslash', at);
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, a: 7 };
    if (char in simple) return CodeSet.range(simple[char]!, simple[char]!);
    if (char === 'x') return single(chars[index] === '{' ? hexEscape('braced') : hexEscape(2));
    if (char === 'u') return single(chars[index] === '{' ? hexEscape('braced') : hexEscape(4));
    if (char === 'U') return single(chars[index] === '{' ? hexEscape('braced') : hexEscape(8));
    const lower = char.toLowerCase();
    if (lower in ASCII_CLASSES) return char === lower ? ASCII_CLASSES[lower]! : ASCII_CLASSES[lower]!.complement();
    if (/[0-9]/.test(char)) return fail('backreferences are not supported', at);
    if (/[bBAz]/.test(char) && !inClass) return fail('anchors are not supported in lexemes', at);
    if (/[pP]/.test(char)) return fail('Unicode classes \\p{...} are not supported by this checker', at);
    if (/[A-Za-z]/.test(char)) return fail(`unknown escape \\${char}`, at);
    return single(char.codePointAt(0)!);
  };
  const single = (code: number): CodeSet => CodeSet.range(code, code);
  const charClassBody = (): CodeSet => {
    const open = index;
    index++;
    const negated = peek() === '^';
    if (negated) index++;
    let members = CodeSet.empty;
    let first = true;
    for (;;) {
      const char = peek();
      if (char === undefined) return fail('unclosed character class', open);
      if (char === ']' && !first) break;
      first = false;
      if (char === '[') fail('nested classes are not supported by this checker');
      if ((char === '&' || char === '~' || char === '-') && chars[index + 1] === char && index > open + 1) fail('class set operations are not supported by this checker');
      const from = classItem();
      if (peek() === '-' && chars[index + 1] !== ']' && chars[index + 1] !== undefined) {
        const dash = index;
        index++;
        const to = classItem();
        if (from.size !== 1 || to.size !== 1) fail('a class range needs single characters', dash);
        if (to.min < from.min) fail('class range has its bounds reversed', dash);
        members = members.union(CodeSet.range(from.min, to.min));
      } else {
        members = members.union(from);
      }
    }
    index++;
    if (members.isEmpty) fail('empty character class', open);
    return negated ? members.complement() : members;
  };
  const classItem = (): CodeSet => {
    const char = chars[index++]!;
    return char === '\\' ? escape(true) : CodeSet.char(char);
  };
  const result = alternation(false);
  if (index < chars.length) fail(peek() === ')' ? 'unbalanced )' : 'unexpected character');
  return result;
}

/** Turns a checked Lark grammar into the dialect-neutral model (terminals become automaton rules). */
export function larkToGrammar(lark: LarkGrammar): Grammar {
  if (lark.ignores.length > 0) throw new Error('%ignore is not converted');
  const builder = new GrammarBuilder('root');
  const names = new Map(lark.definitions.map((definition, position) => [definition.name, definition.name === 'start' ? 'root' : `d${position}`]));
  const terminals = new Map<string, R.Regex>();
  const terminalRegex = (name: string): R.Regex => {
    const cached = terminals.get(name);
    if (cached) return cached;
    const definition = lark.definitions.find((candidate) => candidate.name === name)!;
    const regex = alternativesToRegex(definition.body, terminalRegex);
    terminals.set(name, regex);
    return regex;
  };
  let counter = 0;
  const atomExpr = (atom: LarkAtom): Expr => {
    switch (atom.kind) {
      case 'string':
        return lit(atom.value);
      case 'range':
        return charClass(CodeSet.range(atom.from, atom.to));
      case 'regex':
        if (atom.regex.kind === 'chars') return charClass(atom.regex.set);
        if (atom.regex.kind === 'literal') return lit(atom.regex.text);
        return ref(addDfaRules(builder, compileRegex(atom.regex), `x${counter++}`)[0]!);
      case 'name':
        return ref(names.get(atom.name)!);
      case 'group':
        return alternativesExpr(atom.body);
      case 'maybe':
        return opt(alternativesExpr(atom.body));
      default:
        throw new Error(`${atom.kind} is not converted`);
    }
  };
  const alternativesExpr = (body: LarkAlternatives): Expr =>
    alt(...body.map((conjunction) => {
      if (conjunction.length !== 1) throw new Error('& outside a terminal');
      return seq(...conjunction[0]!.map((expr) => repeat(atomExpr(expr.atom), expr.min, expr.max)));
    }));
  for (const definition of lark.definitions) {
    const name = names.get(definition.name)!;
    if (definition.terminal) builder.rule(name, ref(addDfaRules(builder, compileRegex(terminalRegex(definition.name)), `${name}-t`)[0]!));
    else builder.rule(name, alternativesExpr(definition.body));
  }
  return builder.build();
}

function alternativesToRegex(body: LarkAlternatives, terminal: (name: string) => R.Regex): R.Regex {
  return R.or(...body.map((conjunction) => R.both(...conjunction.map((sequence) => R.cat(...sequence.map((expr) => exprToRegex(expr, terminal)))))));
}

function exprToRegex(expr: LarkExpr, terminal: (name: string) => R.Regex): R.Regex {
  let base: R.Regex;
  switch (expr.atom.kind) {
    case 'string':
      base = R.text(expr.atom.value);
      break;
    case 'range':
      base = R.set(CodeSet.range(expr.atom.from, expr.atom.to));
      break;
    case 'regex':
      base = expr.atom.regex;
      break;
    case 'name':
      base = terminal(expr.atom.name);
      break;
    case 'group':
      base = alternativesToRegex(expr.atom.body, terminal);
      break;
    case 'maybe':
      base = R.maybe(alternativesToRegex(expr.atom.body, terminal));
      break;
    default:
      throw new Error(`${expr.atom.kind} cannot appear in a terminal`);
  }
  if (expr.negated) base = R.without(R.anyText, base);
  return R.rep(base, expr.min, expr.max);
}

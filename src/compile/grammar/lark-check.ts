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
import { LarkCheckError, tokenize, type Token, type TokenKind } from './lark/tokens.js';
import { RegexSyntaxError, parseRustRegex } from './lark/rust-regex.js';
import type * as R from './regular.js';

export { LarkCheckError } from './lark/tokens.js';
export { RegexSyntaxError, parseRustRegex } from './lark/rust-regex.js';
export { larkToGrammar } from './lark/to-grammar.js';

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

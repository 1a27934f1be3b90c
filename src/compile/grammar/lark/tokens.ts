// The tokens of llguidance's Lark lexer, with 1-based positions for errors.

export class LarkCheckError extends Error {
  override readonly name = 'LarkCheckError';
  constructor(readonly line: number, readonly column: number, readonly reason: string) {
    super(`${line}:${column}: ${reason}`);
  }
}

export type TokenKind =
  | 'newline' | 'rule' | 'token' | 'string' | 'regexp' | 'number' | 'op' | 'special' | 'grammar-ref' | 'json'
  | ':' | '::' | ',' | '.' | '..' | '->' | '(' | ')' | '{' | '}' | '[' | ']' | '~' | '|' | '&' | '='
  | '%ignore' | '%import' | '%declare' | '%override' | '%llguidance' | '%json' | '%regex' | 'eof';

export interface Token {
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

export function tokenize(source: string): Token[] {
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

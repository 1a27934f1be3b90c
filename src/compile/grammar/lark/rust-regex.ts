// The Rust `regex` syntax llguidance lexemes use, parsed into the project's Regex model.
import { CodeSet, MAX_CODE_POINT } from '../charset.js';
import * as R from '../regular.js';

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

/**
 * Naming constraints carry an ECMAScript regex every name must match (naming.ts STYLE_PATTERNS
 * produces them). The regular part of that syntax converts to a Regex: literals, classes, `.`,
 * groups, alternation, `* + ? {m,n}`, `\d \w \s` (ASCII, as in a regex without the `u` flag), and
 * `^`/`$` at the ends. Anything else (lookaround, backreferences, `\b`, flags) is refused with a
 * 422, because a grammar cannot enforce it.
 */
import { AnankeError } from '../../errors.js';
import { CodeSet } from './charset.js';
import * as R from './regular.js';

const LINE_TERMINATORS = CodeSet.fromChars('\n\r\u2028\u2029');
const CLASS_ESCAPES: Record<string, CodeSet> = {
  d: CodeSet.parse('0-9'),
  w: CodeSet.parse('a-zA-Z0-9_'),
  s: CodeSet.parse(' \\t\\n\\r\\f\\v\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF'),
};
const CONTROL_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };

function unsupported(pattern: string, reason: string): never {
  throw new AnankeError(
    'unprocessable',
    `naming pattern ${JSON.stringify(pattern)} cannot become a grammar rule: ${reason}`,
    'use a pattern made of literals, classes, groups, alternation and quantifiers, anchored with ^ and $ (the naming concern produces such patterns)',
  );
}

/** The set of names the pattern accepts (a name matches when the regex finds a match in it). */
export function namePatternRegex(pattern: string): R.Regex {
  const chars = [...pattern];
  let index = 0;
  const anchoredStart = chars[0] === '^';
  if (anchoredStart) index = 1;
  let end = chars.length;
  const anchoredEnd = end > index && chars[end - 1] === '$' && chars[end - 2] !== '\\';
  if (anchoredEnd) end--;
  const fail = (reason: string): never => unsupported(pattern, `${reason} at position ${index}`);
  const peek = (): string | undefined => (index < end ? chars[index] : undefined);

  const alternation = (): R.Regex => {
    const options = [sequence()];
    while (peek() === '|') {
      index++;
      options.push(sequence());
    }
    return R.or(...options);
  };
  const sequence = (): R.Regex => {
    const items: R.Regex[] = [];
    while (peek() !== undefined && peek() !== '|' && peek() !== ')') items.push(quantified());
    return R.cat(...items);
  };
  const quantified = (): R.Regex => {
    let item = atom();
    for (;;) {
      const char = peek();
      let bounds: [number, number | null] | undefined;
      if (char === '*') bounds = [0, null];
      else if (char === '+') bounds = [1, null];
      else if (char === '?') bounds = [0, 1];
      else if (char === '{') {
        const match = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(index, end).join(''));
        if (!match) return fail('a malformed {m,n} quantifier');
        const min = Number(match[1]);
        const max = match[2] === undefined ? min : match[3] === '' ? null : Number(match[3]);
        if (max !== null && max < min) fail('a {m,n} quantifier with reversed bounds');
        bounds = [min, max];
        index += match[0].length - 1;
      }
      if (!bounds) return item;
      index++;
      if (peek() === '?') index++;
      item = R.rep(item, bounds[0], bounds[1]);
    }
  };
  const atom = (): R.Regex => {
    const char = chars[index++]!;
    switch (char) {
      case '(': {
        if (chars[index] === '?') {
          if (chars[index + 1] !== ':') fail('lookaround or named groups');
          index += 2;
        }
        const body = alternation();
        if (peek() !== ')') fail('an unclosed group');
        index++;
        return body;
      }
      case '[':
        return R.set(classBody());
      case '.':
        return R.set(LINE_TERMINATORS.complement());
      case '\\':
        return R.set(escape());
      case '^':
      case '$':
        return fail('an anchor that is not at the start or end');
      case '*':
      case '+':
      case '?':
      case '{':
        return fail('a quantifier with nothing to repeat');
      default:
        return R.text(char);
    }
  };
  const escape = (): CodeSet => {
    const char = chars[index++];
    if (char === undefined) return fail('a trailing backslash');
    if (char in CLASS_ESCAPES) return CLASS_ESCAPES[char]!;
    if (char.toLowerCase() in CLASS_ESCAPES) return CLASS_ESCAPES[char.toLowerCase()]!.complement();
    if (char in CONTROL_ESCAPES) return CodeSet.range(CONTROL_ESCAPES[char]!, CONTROL_ESCAPES[char]!);
    if (char === 'x' || char === 'u') {
      const length = char === 'x' ? 2 : 4;
      const digits = chars.slice(index, index + length).join('');
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) fail(`a malformed \\${char} escape`);
      index += length;
      const code = parseInt(digits, 16);
      return CodeSet.range(code, code);
    }
    if (/[A-Za-z0-9]/.test(char)) return fail(`the escape \\${char} (word boundaries and backreferences are not regular)`);
    return CodeSet.char(char);
  };
  const classBody = (): CodeSet => {
    const negated = chars[index] === '^';
    if (negated) index++;
    let members = CodeSet.empty;
    while (peek() !== ']') {
      if (peek() === undefined) fail('an unclosed class');
      const from = classAtom();
      if (peek() === '-' && chars[index + 1] !== ']' && index + 1 < end) {
        index++;
        const to = classAtom();
        if (from.size !== 1 || to.size !== 1 || to.min < from.min) fail('a bad class range');
        members = members.union(CodeSet.range(from.min, to.min));
      } else {
        members = members.union(from);
      }
    }
    index++;
    return negated ? members.complement() : members;
  };
  const classAtom = (): CodeSet => {
    const char = chars[index++]!;
    if (char !== '\\') return CodeSet.char(char);
    if (chars[index] === 'b') {
      index++;
      return CodeSet.range(8, 8);
    }
    return escape();
  };

  const body = alternation();
  if (index !== end) fail(peek() === ')' ? 'an unbalanced )' : 'an unexpected character');
  return R.cat(anchoredStart ? R.epsilon : R.anyText, body, anchoredEnd ? R.epsilon : R.anyText);
}

/**
 * Regex pieces for JSON text. Output avoids what Python's `re` (vLLM's `regex`) and ECMAScript
 * disagree on: no lookarounds, no named or non-capturing groups, no \d \w \s, no \u{...}, no \p{...}.
 * Use it with the `u` flag in JavaScript so that a character is a code point, as in Python.
 */
import { codePoints, complement, intersect, JSON_ESCAPED, subtract, type CharSet } from './regex-charset.js';

const SYNTAX = /[\\^$.|?*+()[\]{}/]/g;

export function escapeRegexText(text: string): string {
  return text.replace(SYNTAX, (character) => `\\${character}`);
}

/** One JSON string character, encoded: a plain character, a short escape, or \u escapes for one code point. */
export const JSON_STRING_CHAR = String.raw`([^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u([0-9a-cA-Ce-fE-F][0-9a-fA-F]{3}|[dD][0-7][0-9a-fA-F]{2})|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})`;

const SHORT_ESCAPES: Record<number, string> = { 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0c: 'f', 0x0d: 'r', 0x22: '"', 0x5c: '\\' };

function hexDigitClass(digit: string): string {
  return /[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit;
}

/** How JSON.stringify writes one character that JSON must escape, as a regex. */
function escapedCharRegex(codePoint: number): string {
  const short = SHORT_ESCAPES[codePoint];
  if (short !== undefined) return `\\\\${escapeRegexText(short)}`;
  return `\\\\u${[...codePoint.toString(16).padStart(4, '0')].map(hexDigitClass).join('')}`;
}

/** The \u00XX escapes of several control characters, grouped by their third hex digit. */
function hexEscapesRegex(codePointsToEscape: readonly number[]): string | undefined {
  if (codePointsToEscape.length === 0) return undefined;
  const byHighDigit = new Map<string, string[]>();
  for (const codePoint of codePointsToEscape) {
    const [high = '0', low = '0'] = [...codePoint.toString(16).padStart(2, '0')];
    byHighDigit.set(high, [...(byHighDigit.get(high) ?? []), low]);
  }
  const groups = [...byHighDigit].map(([high, lows]) => {
    const letters = lows.map((digit) => (/[a-f]/.test(digit) ? `${digit}${digit.toUpperCase()}` : digit)).join('');
    return `${high}${lows.length === 1 && !/[a-f]/.test(lows[0] ?? '') ? letters : `[${letters}]`}`;
  });
  return `\\\\u00${groups.length === 1 ? groups[0] : `(${groups.join('|')})`}`;
}

function classMember(codePoint: number): string {
  if (codePoint > 0xffff) return String.fromCodePoint(codePoint);
  const character = String.fromCharCode(codePoint);
  if (/[A-Za-z0-9 !#%&',:;<=>@_`~"]/.test(character)) return character;
  return `\\u${codePoint.toString(16).padStart(4, '0')}`;
}

function classBody(set: CharSet): string {
  return set.map(([low, high]) => (low === high ? classMember(low) : `${classMember(low)}-${classMember(high)}`)).join('');
}

function isBmpOnly(set: CharSet): boolean {
  return set.every(([, high]) => high <= 0xffff);
}

/** A class for characters that need no escaping in JSON; undefined when it cannot be written portably. */
function plainClass(set: CharSet): string | undefined {
  if (set.length === 1 && set[0]?.[0] === set[0]?.[1]) return escapeRegexText(String.fromCodePoint(set[0]?.[0] as number));
  if (isBmpOnly(set)) return `[${classBody(set)}]`;
  const outside = complement(set);
  return isBmpOnly(outside) && outside.length > 0 ? `[^${classBody(outside)}]` : undefined;
}

/**
 * The JSON encodings of any one character of `set`, as a regex atom: plain characters as a class,
 * characters JSON must escape as the escapes JSON.stringify writes. Undefined if `set` is empty
 * or cannot be written portably.
 */
export function encodedSetRegex(set: CharSet): string | undefined {
  const plain = subtract(set, JSON_ESCAPED);
  const special = codePoints(intersect(set, JSON_ESCAPED));
  const hex = hexEscapesRegex(special.filter((codePoint) => SHORT_ESCAPES[codePoint] === undefined));
  const escaped = [...special.filter((codePoint) => SHORT_ESCAPES[codePoint] !== undefined).map(escapedCharRegex), ...(hex ? [hex] : [])];
  const alternatives: string[] = [];
  if (plain.length > 0) {
    const written = plainClass(plain);
    if (written === undefined) return undefined;
    alternatives.push(written);
  }
  alternatives.push(...escaped);
  if (alternatives.length === 0) return undefined;
  return alternatives.length === 1 && plain.length > 0 ? alternatives[0] : `(${alternatives.join('|')})`;
}

/** The JSON text of a string literal, as JSON.stringify writes it, as a regex. */
export function stringLiteralRegex(value: string): string {
  return escapeRegexText(JSON.stringify(value)).replace(/\\\\u([0-9a-f]{4})/g, (_, hex: string) => `\\\\u${[...hex].map(hexDigitClass).join('')}`);
}

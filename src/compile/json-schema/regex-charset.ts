/** Sets of Unicode code points as sorted, merged [low, high] ranges. */
export type CharSet = readonly (readonly [number, number])[];

export const MAX_CODE_POINT = 0x10ffff;

export function normalizeSet(ranges: readonly (readonly [number, number])[]): CharSet {
  const sorted = [...ranges].filter(([low, high]) => low <= high).sort((left, right) => left[0] - right[0]);
  const merged: [number, number][] = [];
  for (const [low, high] of sorted) {
    const last = merged[merged.length - 1];
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else merged.push([low, high]);
  }
  return merged;
}

export function complement(set: CharSet): CharSet {
  const result: [number, number][] = [];
  let next = 0;
  for (const [low, high] of set) {
    if (low > next) result.push([next, low - 1]);
    next = high + 1;
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}

export function union(...sets: CharSet[]): CharSet {
  return normalizeSet(sets.flat());
}

export function intersect(left: CharSet, right: CharSet): CharSet {
  return complement(union(complement(left), complement(right)));
}

export function subtract(left: CharSet, right: CharSet): CharSet {
  return intersect(left, complement(right));
}

export function codePoints(set: CharSet): number[] {
  return set.flatMap(([low, high]) => Array.from({ length: high - low + 1 }, (_, index) => low + index));
}

export const DIGITS: CharSet = [[0x30, 0x39]];
export const WORD: CharSet = normalizeSet([[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]);
/** ECMAScript \s: WhiteSpace and LineTerminator. */
export const SPACE: CharSet = normalizeSet([
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029],
  [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
]);
/** ECMAScript `.` without the s flag: anything but a line terminator. */
export const DOT: CharSet = complement(normalizeSet([[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]]));
/** What JSON must escape inside a string: the quote, the backslash and control characters. */
export const JSON_ESCAPED: CharSet = normalizeSet([[0x00, 0x1f], [0x22, 0x22], [0x5c, 0x5c]]);

/** Sets of Unicode code points as sorted, disjoint, non-adjacent inclusive ranges. */

export const MAX_CODE_POINT = 0x10ffff;

export type CodeRange = readonly [number, number];

export class CodeSet {
  private constructor(readonly ranges: readonly CodeRange[]) {}

  static readonly empty = new CodeSet([]);
  static readonly all = new CodeSet([[0, MAX_CODE_POINT]]);
  static readonly ascii = new CodeSet([[0, 0x7f]]);
  static readonly nonAscii = new CodeSet([[0x80, MAX_CODE_POINT]]);

  static of(ranges: Iterable<CodeRange>): CodeSet {
    return new CodeSet(normalize([...ranges]));
  }

  static char(text: string): CodeSet {
    const code = text.codePointAt(0);
    if (code === undefined || String.fromCodePoint(code) !== text) throw new Error(`CodeSet.char expects one code point, got ${JSON.stringify(text)}`);
    return new CodeSet([[code, code]]);
  }

  static range(from: number, to: number): CodeSet {
    return CodeSet.of([[from, to]]);
  }

  /** Every code point of the string. */
  static fromChars(text: string): CodeSet {
    return CodeSet.of([...text].map((char) => [char.codePointAt(0)!, char.codePointAt(0)!] as const));
  }

  /** A class body in regex style: `a-z_\-\]`, escapes `\\ \- \] \^ \n \r \t \f \v \uXXXX \u{X..}`. */
  static parse(spec: string): CodeSet {
    const codes = decodeClassBody(spec);
    const ranges: CodeRange[] = [];
    for (let index = 0; index < codes.length; index++) {
      const item = codes[index]!;
      const next = codes[index + 1];
      const end = codes[index + 2];
      if (next && !next.escaped && next.code === 0x2d && end) {
        if (end.code < item.code) throw new Error(`reversed range in class ${JSON.stringify(spec)}`);
        ranges.push([item.code, end.code]);
        index += 2;
      } else {
        ranges.push([item.code, item.code]);
      }
    }
    return CodeSet.of(ranges);
  }

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  get size(): number {
    return this.ranges.reduce((total, [from, to]) => total + to - from + 1, 0);
  }

  get min(): number {
    const first = this.ranges[0];
    if (!first) throw new Error('empty CodeSet has no minimum');
    return first[0];
  }

  has(code: number): boolean {
    let low = 0;
    let high = this.ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [from, to] = this.ranges[middle]!;
      if (code < from) high = middle - 1;
      else if (code > to) low = middle + 1;
      else return true;
    }
    return false;
  }

  union(other: CodeSet): CodeSet {
    if (other.ranges.length === 0) return this;
    if (this.ranges.length === 0) return other;
    const merged: [number, number][] = [];
    let left = 0;
    let right = 0;
    while (left < this.ranges.length || right < other.ranges.length) {
      const next = right >= other.ranges.length || (left < this.ranges.length && this.ranges[left]![0] <= other.ranges[right]![0]) ? this.ranges[left++]! : other.ranges[right++]!;
      const last = merged[merged.length - 1];
      if (last && next[0] <= last[1] + 1) last[1] = Math.max(last[1], next[1]);
      else merged.push([next[0], next[1]]);
    }
    return new CodeSet(merged);
  }

  complement(): CodeSet {
    const result: CodeRange[] = [];
    let next = 0;
    for (const [from, to] of this.ranges) {
      if (from > next) result.push([next, from - 1]);
      next = to + 1;
    }
    if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
    return new CodeSet(result);
  }

  intersect(other: CodeSet): CodeSet {
    const result: CodeRange[] = [];
    let left = 0;
    let right = 0;
    while (left < this.ranges.length && right < other.ranges.length) {
      const [fromA, toA] = this.ranges[left]!;
      const [fromB, toB] = other.ranges[right]!;
      const from = Math.max(fromA, fromB);
      const to = Math.min(toA, toB);
      if (from <= to) result.push([from, to]);
      if (toA < toB) left++;
      else right++;
    }
    return new CodeSet(result);
  }

  minus(other: CodeSet): CodeSet {
    return this.intersect(other.complement());
  }

  /** True when the set holds either every non-ASCII code point or none (see bnf.ts). */
  get uniformOutsideAscii(): boolean {
    const outside = this.intersect(CodeSet.nonAscii);
    return outside.isEmpty || outside.size === CodeSet.nonAscii.size;
  }

  equals(other: CodeSet): boolean {
    return this.key === other.key;
  }

  /** Stable text form, usable as a map key. */
  get key(): string {
    return this.ranges.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(',');
  }
}

function normalize(ranges: CodeRange[]): CodeRange[] {
  for (const [from, to] of ranges) {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > MAX_CODE_POINT || from > to) {
      throw new Error(`invalid code point range ${from}-${to}`);
    }
  }
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

interface ClassCode {
  code: number;
  escaped: boolean;
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, f: 0x0c, v: 0x0b, '0': 0 };

function decodeClassBody(spec: string): ClassCode[] {
  const chars = [...spec];
  const codes: ClassCode[] = [];
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index]!;
    if (char !== '\\') {
      codes.push({ code: char.codePointAt(0)!, escaped: false });
      continue;
    }
    const escape = chars[++index];
    if (escape === undefined) throw new Error(`dangling backslash in class ${JSON.stringify(spec)}`);
    if (escape === 'u') {
      const [code, length] = readUnicodeEscape(chars, index + 1, spec);
      codes.push({ code, escaped: true });
      index += length;
    } else if (escape in SIMPLE_ESCAPES) {
      codes.push({ code: SIMPLE_ESCAPES[escape]!, escaped: true });
    } else if (/[\\\-\]\[^]/.test(escape)) {
      codes.push({ code: escape.codePointAt(0)!, escaped: true });
    } else {
      throw new Error(`unknown escape \\${escape} in class ${JSON.stringify(spec)}`);
    }
  }
  return codes;
}

function readUnicodeEscape(chars: string[], start: number, spec: string): [number, number] {
  if (chars[start] === '{') {
    const close = chars.indexOf('}', start);
    const hex = chars.slice(start + 1, close).join('');
    if (close < 0 || !/^[0-9a-fA-F]{1,6}$/.test(hex)) throw new Error(`bad \\u{...} escape in class ${JSON.stringify(spec)}`);
    return [parseInt(hex, 16), close - start + 1];
  }
  const hex = chars.slice(start, start + 4).join('');
  if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Error(`bad \\uXXXX escape in class ${JSON.stringify(spec)}`);
  return [parseInt(hex, 16), 4];
}

/**
 * Splits the code point space into the coarsest disjoint pieces on which every given set is
 * either full or empty. Each atom lists which input sets contain it.
 */
export function partition(sets: readonly CodeSet[]): { set: CodeSet; members: number[] }[] {
  const bounds = new Set<number>();
  for (const set of sets) {
    for (const [from, to] of set.ranges) {
      bounds.add(from);
      bounds.add(to + 1);
    }
  }
  const points = [...bounds].sort((a, b) => a - b);
  const groups = new Map<string, { ranges: CodeRange[]; members: number[] }>();
  const cursors = sets.map(() => 0);
  for (let index = 0; index + 1 < points.length; index++) {
    const from = points[index]!;
    const to = points[index + 1]! - 1;
    const members: number[] = [];
    sets.forEach((set, setIndex) => {
      let cursor = cursors[setIndex]!;
      while (cursor < set.ranges.length && set.ranges[cursor]![1] < from) cursor++;
      cursors[setIndex] = cursor;
      const range = set.ranges[cursor];
      if (range && range[0] <= from && to <= range[1]) members.push(setIndex);
    });
    if (members.length === 0) continue;
    const key = members.join(',');
    const group = groups.get(key);
    if (group) group.ranges.push([from, to]);
    else groups.set(key, { ranges: [[from, to]], members });
  }
  return [...groups.values()].map((group) => ({ set: CodeSet.of(group.ranges), members: group.members }));
}

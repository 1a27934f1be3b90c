/**
 * Regexes for JSON integers in a range, written as JSON writes them: no leading zeros, no "+",
 * no "-0", no exponent. Bounds may be missing (unbounded on that side).
 */

function digitClass(low: string, high: string): string {
  return low === high ? low : `[${low}-${high}]`;
}

function anyDigits(count: number): string {
  if (count === 0) return '';
  return count === 1 ? '[0-9]' : `[0-9]{${count}}`;
}

/** Alternatives for the same-length decimal strings from `low` to `high` (low <= high). */
function sameLength(low: string, high: string): string[] {
  if (low === high) return [low];
  const head = low[0] as string;
  const top = high[0] as string;
  const lowRest = low.slice(1);
  const highRest = high.slice(1);
  if (lowRest.length === 0) return [digitClass(head, top)];
  if (head === top) return sameLength(lowRest, highRest).map((tail) => head + tail);
  const restLength = lowRest.length;
  const lowFull = /^0*$/.test(lowRest);
  const highFull = /^9*$/.test(highRest);
  const parts: string[] = [];
  if (!lowFull) parts.push(...sameLength(lowRest, '9'.repeat(restLength)).map((tail) => head + tail));
  const middleLow = lowFull ? Number(head) : Number(head) + 1;
  const middleHigh = highFull ? Number(top) : Number(top) - 1;
  if (middleLow <= middleHigh) parts.push(digitClass(String(middleLow), String(middleHigh)) + anyDigits(restLength));
  if (!highFull) parts.push(...sameLength('0'.repeat(restLength), highRest).map((tail) => top + tail));
  return parts;
}

/** Alternatives for the non-negative integers from `low` to `high`; `high` undefined means no upper bound. */
function nonNegative(low: number, high: number | undefined): string[] {
  const lowDigits = String(low).length;
  const parts: string[] = [];
  const lastLength = high === undefined ? lowDigits : String(high).length;
  for (let length = lowDigits; length <= lastLength; length += 1) {
    const from = Math.max(low, length === 1 ? 0 : 10 ** (length - 1));
    const to = Math.min(high ?? Infinity, 10 ** length - 1);
    if (from <= to) parts.push(...sameLength(String(from), String(to)));
  }
  if (high === undefined) parts.push(`[1-9][0-9]{${lowDigits},}`);
  return parts;
}

function group(parts: string[]): string {
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join('|')})`;
}

/** A regex (unanchored, one group or atom) for integers in [minimum, maximum]; undefined if the range is empty. */
export function integerRangeRegex(minimum: number | undefined, maximum: number | undefined): string | undefined {
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) return undefined;
  const parts: string[] = [];
  if (maximum === undefined || maximum >= 0) parts.push(...nonNegative(Math.max(minimum ?? 0, 0), maximum));
  if (minimum === undefined || minimum <= -1) {
    const magnitudes = nonNegative(Math.max(-(maximum ?? -1), 1), minimum === undefined ? undefined : -minimum);
    parts.push(`-${group(magnitudes)}`);
  }
  return group(parts);
}

import type { Evidence, Location, Provenance } from '../../constraints/schema.js';

export interface Observation extends Location {
  conforming: boolean;
  rule: string;
}

const MAX_EXAMPLES = 5;

/** Counts observations; examples are the first conforming ones in file and line order. */
export function evidenceOf(observations: readonly Observation[]): Evidence {
  const conforming = observations.filter((observation) => observation.conforming);
  const examples = (conforming.length ? conforming : observations)
    .slice(0, MAX_EXAMPLES)
    .map(({ file, range }) => ({ file, range }));
  return { count: observations.length, conforming: conforming.length, examples };
}

/** Provenance of an aggregated constraint: where it was first seen, plus the evidence. */
export function inferredProvenance(observations: readonly Observation[]): Provenance {
  const evidence = evidenceOf(observations);
  const first = observations.find((observation) => observation.conforming) ?? observations[0];
  return {
    source: 'inferred',
    ...(first ? { file: first.file, range: first.range, rule: first.rule } : {}),
    evidence,
  };
}

export function confidenceOf(evidence: Evidence): number {
  return evidence.count === 0 ? 0 : Math.round((evidence.conforming / evidence.count) * 1000) / 1000;
}

/** Groups items by key, keeping first-seen key order stable across runs. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The most frequent value; ties go to the value that sorts first, so the result is stable. */
export function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
}

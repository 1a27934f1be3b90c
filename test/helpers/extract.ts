import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeParsers } from '../../src/cli/wasm-node.js';
import { expect, it } from 'vitest';
import { canonicalJson } from '../../src/constraints/canonical.js';
import { Constraint as ConstraintSchema, ConstraintSet as ConstraintSetSchema, type Constraint, type ConstraintSet, type ConstraintType } from '../../src/constraints/schema.js';
import { extract } from '../../src/extract/extract.js';
import type { Concern } from '../../src/constraints/extract-api.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function readFixture(relativePath: string): string {
  return readFileSync(join(FIXTURES, relativePath), 'utf8');
}

/** Extracts fixtures by their paths under test/fixtures, keeping those paths in provenance. */
export async function extractFixtures(paths: string[], concerns?: Concern[]): Promise<ConstraintSet> {
  const parsers = await nodeParsers();
  return extract(parsers, { files: paths.map((path) => ({ path, content: readFixture(path) })), ...(concerns ? { concerns } : {}) });
}

export function ofType<T extends ConstraintType>(set: ConstraintSet, type: T): Extract<Constraint, { type: T }>[] {
  return set.constraints.filter((constraint): constraint is Extract<Constraint, { type: T }> => constraint.type === type);
}

/** What every language's extraction must be: valid under the wire schemas and the same across runs and file orders. */
export function itIsValidAndDeterministic(files: string[], current: () => ConstraintSet): void {
  it('validates under the zod schemas', () => {
    const set = current();
    expect(() => ConstraintSetSchema.parse(set)).not.toThrow();
    for (const constraint of set.constraints) expect(ConstraintSchema.safeParse(constraint).success).toBe(true);
  });

  it('is deterministic across runs and file orders', async () => {
    const again = await extractFixtures(files);
    const reversed = await extractFixtures([...files].reverse());
    expect(canonicalJson(again)).toBe(canonicalJson(current()));
    expect(canonicalJson(reversed)).toBe(canonicalJson(current()));
  });
}

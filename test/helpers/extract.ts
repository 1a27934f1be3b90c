import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeParsers } from '../../src/cli/wasm-node.js';
import type { Constraint, ConstraintSet, ConstraintType } from '../../src/constraints/schema.js';
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

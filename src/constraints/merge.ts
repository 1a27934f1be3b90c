import { canonicalJson } from './canonical.js';
import { SCHEMA_VERSION, type Constraint, type ConstraintSet, type Range } from './schema.js';

const TYPE_ORDER: Record<Constraint['type'], number> = {
  signature: 0, type_shape: 1, import: 2, naming: 3, error_handling: 4, forbid: 5, require: 6,
  test_convention: 7, hole: 8, json_schema: 9, regex: 10, grammar: 11, length: 12,
};

function comparePosition(a: Range | undefined, b: Range | undefined): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return a.start.line - b.start.line || a.start.column - b.start.column;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic order: by type, then file, then position, then id. */
export function compareConstraints(a: Constraint, b: Constraint): number {
  return (
    TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
    compareText(a.provenance.file ?? '', b.provenance.file ?? '') ||
    comparePosition(a.provenance.range, b.provenance.range) ||
    compareText(a.id, b.id)
  );
}

/** The stronger of two constraints with one id: higher priority, then confidence, then first seen. */
function stronger(kept: Constraint, candidate: Constraint): Constraint {
  if (candidate.priority !== kept.priority) return candidate.priority > kept.priority ? candidate : kept;
  return candidate.confidence > kept.confidence ? candidate : kept;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

export function sortConstraints(constraints: Constraint[]): Constraint[] {
  return [...constraints].sort(compareConstraints);
}

/**
 * Union of constraint sets. Constraints are deduplicated by id (the stronger one is kept),
 * files by path (the last set wins: it is the newer content), errors and findings by value.
 */
export function mergeConstraintSets(...sets: ConstraintSet[]): ConstraintSet {
  const byId = new Map<string, Constraint>();
  for (const constraint of sets.flatMap((set) => set.constraints)) {
    const kept = byId.get(constraint.id);
    byId.set(constraint.id, kept ? stronger(kept, constraint) : constraint);
  }
  const files = new Map(sets.flatMap((set) => set.files).map((file) => [file.path, file]));
  const languages = new Set(sets.map((set) => set.language));
  const language = languages.size === 1 ? [...languages][0] : undefined;
  return {
    version: SCHEMA_VERSION,
    ...(language ? { language } : {}),
    constraints: sortConstraints([...byId.values()]),
    files: [...files.values()].sort((a, b) => compareText(a.path, b.path)),
    parse_errors: uniqueBy(sets.flatMap((set) => set.parse_errors), canonicalJson),
    findings: uniqueBy(sets.flatMap((set) => set.findings), canonicalJson),
  };
}

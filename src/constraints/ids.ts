import { canonicalJson } from './canonical.js';
import { sha256Hex } from './hash.js';
import type { Constraint, ConstraintType, PayloadOf } from './schema.js';

const recentIds = new Map<string, string>();
const MAX_RECENT_IDS = 10_000;

/**
 * Stable content id of a constraint: the hash of its type and payload, nothing else. The same
 * payloads recur in every request (each language's security rules, common imports), so ids of
 * recent canonical texts are remembered instead of hashed again.
 */
export function constraintId(type: ConstraintType, payload: unknown): string {
  const text = canonicalJson({ type, payload });
  let id = recentIds.get(text);
  if (id === undefined) {
    id = `c_${sha256Hex(text).slice(0, 16)}`;
    if (recentIds.size >= MAX_RECENT_IDS) recentIds.delete(recentIds.keys().next().value!);
    recentIds.set(text, id);
  }
  return id;
}

type Fields<T extends ConstraintType> = Omit<Extract<Constraint, { type: T }>, 'id' | 'type' | 'payload'>;

/** Builds a constraint of the given type with its id derived from the payload. */
export function makeConstraint<T extends ConstraintType>(type: T, payload: PayloadOf<T>, fields: Fields<T>): Extract<Constraint, { type: T }> {
  return { id: constraintId(type, payload), type, ...fields, payload } as Extract<Constraint, { type: T }>;
}

/** Stable id of a whole constraint set: the hash of its canonical JSON. */
export function constraintSetId(set: unknown): string {
  return `s_${sha256Hex(canonicalJson(set)).slice(0, 16)}`;
}

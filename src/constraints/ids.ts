import { canonicalJson } from './canonical.js';
import { sha256Hex } from './hash.js';
import type { Constraint, ConstraintType, PayloadOf } from './schema.js';

/** Stable content id of a constraint: the hash of its type and payload, nothing else. */
export function constraintId(type: ConstraintType, payload: unknown): string {
  return `c_${sha256Hex(canonicalJson({ type, payload })).slice(0, 16)}`;
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

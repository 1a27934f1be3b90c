export * from './schema.js';
export * from './extract-api.js';
export { canonicalJson } from './canonical.js';
export { constraintId, constraintSetId, makeConstraint } from './ids.js';
export { mergeConstraintSets, sortConstraints, compareConstraints } from './merge.js';
export { sha256Hex } from './hash.js';

// Constraint sets for the generate tests; no Node APIs, so the workerd tests use them too.
import { makeConstraint } from '../../src/constraints/ids.js';
import type { ConstraintSet } from '../../src/constraints/schema.js';
import { constraintSet, jsonSchema } from '../helpers/constraint-sets.js';

/** An order as JSON: strings with bounds, an enum, an optional array; no integer bounds (XGrammar 0.1.27 does not enforce them). */
export function orderJsonSet(): ConstraintSet {
  return constraintSet(undefined, [
    jsonSchema('Order', {
      type: 'object',
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 12 },
        quantity: { type: 'integer' },
        status: { enum: ['open', 'paid', 'shipped'] },
        tags: { type: 'array', items: { type: 'string', maxLength: 8 }, maxItems: 3 },
      },
      required: ['id', 'quantity', 'status'],
      additionalProperties: false,
    }),
  ]);
}

/** A constraint no grammar can enforce: the output must contain `pattern`. */
export function requireText(pattern: string): ConstraintSet['constraints'][number] {
  return makeConstraint('require', { match: 'substring', pattern, reason: `the codebase always uses ${pattern}` }, {
    kind: 'semantic', severity: 'error', priority: 60, confidence: 1, description: `uses ${pattern}`, provenance: { source: 'user' },
  });
}

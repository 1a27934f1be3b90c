import type { Shape } from '../constraints/compile-api.js';
import { constraintLanguage, type Constraint, type ConstraintOf, type Language } from '../constraints/schema.js';
import { AnankeError } from '../errors.js';

/** Constraints that speak about `language` (or about no language in particular). */
export function forLanguage(constraints: readonly Constraint[], language: Language | undefined): Constraint[] {
  return constraints.filter((constraint) => !language || !constraintLanguage(constraint) || constraintLanguage(constraint) === language);
}

type Targetable = ConstraintOf<'signature'> | ConstraintOf<'type_shape'> | ConstraintOf<'json_schema'> | ConstraintOf<'hole'>;

const TARGET_TYPES: Record<Shape, Constraint['type'][]> = {
  function: ['signature'],
  json: ['json_schema', 'type_shape'],
  hole: ['hole'],
  module: [],
};

function labelOf(constraint: Targetable): string {
  switch (constraint.type) {
    case 'signature':
      return constraint.payload.container ? `${constraint.payload.container}.${constraint.payload.name}` : constraint.payload.name;
    case 'type_shape':
      return constraint.payload.name;
    case 'json_schema':
      return constraint.payload.name ?? constraint.id;
    case 'hole':
      return `${constraint.payload.file}:${constraint.payload.range.start.line}`;
  }
}

function matchesTarget(constraint: Targetable, target: string): boolean {
  return constraint.id === target || labelOf(constraint) === target || (constraint.type === 'signature' && constraint.payload.name === target);
}

/**
 * The constraint the output is built around: the signature of a function, the schema of a json
 * value, the hole to fill. Module shape has none. Ambiguity is a 422 that lists the choices.
 */
export function selectTarget(constraints: readonly Constraint[], shape: Shape, target: string | undefined): Targetable | undefined {
  if (shape === 'module') return undefined;
  const candidates = constraints.filter((constraint): constraint is Targetable => TARGET_TYPES[shape].includes(constraint.type));
  const preferred = shape === 'json' && candidates.some((c) => c.type === 'json_schema') && !target ? candidates.filter((c) => c.type === 'json_schema') : candidates;
  const matches = target === undefined ? preferred : candidates.filter((candidate) => matchesTarget(candidate, target));
  const choices = candidates.slice(0, 20).map(labelOf).join(', ');
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new AnankeError('unprocessable', target ? `no ${TARGET_TYPES[shape].join(' or ')} constraint matches target "${target}"` : `the ${shape} shape needs a ${TARGET_TYPES[shape].join(' or ')} constraint, and the set has none`, choices ? `set "target" to one of: ${choices}` : `add a ${TARGET_TYPES[shape][0]} constraint or use shape "module"`);
  }
  throw new AnankeError('unprocessable', `${matches.length} constraints could be the ${shape} target`, `set "target" to one of: ${matches.slice(0, 20).map(labelOf).join(', ')} (or a constraint id)`, { choices: matches.map((match) => ({ id: match.id, label: labelOf(match) })) });
}

/** Drops the targetable constraints that are not the target: other signatures describe other code. */
export function focusOn(constraints: readonly Constraint[], shape: Shape, target: Targetable | undefined): Constraint[] {
  const targetTypes = new Set(TARGET_TYPES[shape]);
  return constraints.filter((constraint) => {
    if (constraint.type === 'hole' || (shape !== 'json' && (constraint.type === 'type_shape' || constraint.type === 'json_schema'))) return constraint.id === target?.id;
    if (constraint.type === 'signature') return shape === 'module' || constraint.id === target?.id;
    if (targetTypes.has(constraint.type)) return constraint.id === target?.id;
    return true;
  });
}

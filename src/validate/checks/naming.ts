import type { ConstraintOf } from '../../constraints/schema.js';
import { violated, type Check } from './types.js';

/** Every name the output declares for the constraint's target follows its pattern. */
export const checkNaming: Check<ConstraintOf<'naming'>> = (constraint, candidate) => {
  if (!candidate.facts) return { status: 'not_checked', reason: 'names are checked on code shapes only' };
  if (constraint.payload.language && constraint.payload.language !== candidate.language) return { status: 'not_checked', reason: `constraint is for ${constraint.payload.language}` };
  if (constraint.payload.target === 'file') return { status: 'not_checked', reason: 'the output has no file name' };
  const pattern = new RegExp(constraint.payload.pattern);
  return violated(
    ...candidate.facts.declarations
      .filter((fact) => fact.target === constraint.payload.target && !pattern.test(fact.name))
      .map((fact) => ({
        message: `${fact.target} "${fact.name}" is not ${constraint.payload.style}`,
        location: fact.range.start,
        hint: `rename it to ${constraint.payload.style} (${constraint.payload.pattern})`,
      })),
  );
};

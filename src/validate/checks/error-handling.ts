import type { ConstraintOf } from '../../constraints/schema.js';
import { violated, type Check } from './types.js';

/** Habits followed at least this often in the codebase are enforced on the output. */
export const HABIT_ENFORCEMENT_CONFIDENCE = 0.8;

/** Every observation of the habit in the output conforms (an await outside try/catch does not). */
export const checkErrorHandling: Check<ConstraintOf<'error_handling'>> = (constraint, candidate) => {
  if (!candidate.facts) return { status: 'not_checked', reason: 'error handling is checked on code shapes only' };
  if (constraint.confidence < HABIT_ENFORCEMENT_CONFIDENCE) {
    return { status: 'not_checked', reason: `habit followed ${Math.round(constraint.confidence * 100)}% of the time, under the ${HABIT_ENFORCEMENT_CONFIDENCE * 100}% needed to enforce it` };
  }
  return violated(
    ...candidate.facts.errors
      .filter((fact) => fact.habit === constraint.payload.habit && !fact.conforming)
      .map((fact) => ({ message: `does not follow: ${constraint.payload.description}`, location: fact.range.start, hint: `the codebase does this ${Math.round(constraint.confidence * 100)}% of the time${constraint.payload.names.length ? ` (${constraint.payload.names.join(', ')})` : ''}` })),
  );
};

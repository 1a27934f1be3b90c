import type { ConstraintOf } from '../../constraints/schema.js';
import { positionAt, violated, type Candidate, type Check, type CheckResult } from './types.js';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The regex that finds one banned pattern in code, by how it is matched. */
export function forbidMatcher(match: ConstraintOf<'forbid'>['payload']['match'], pattern: string): RegExp {
  switch (match) {
    case 'call':
      return new RegExp(`(?<![\\w$.])${escapeRegex(pattern)}\\s*\\(`, 'g');
    case 'identifier':
      return new RegExp(`(?<![\\w$])${escapeRegex(pattern)}(?![\\w$])`, 'g');
    case 'substring':
      return new RegExp(escapeRegex(pattern), 'g');
    case 'regex':
      return new RegExp(pattern, 'g');
    case 'import':
      return new RegExp(`(?<![\\w$./-])${escapeRegex(pattern)}(?![\\w$./-])`, 'g');
  }
}

function importViolations(constraint: ConstraintOf<'forbid'>, candidate: Candidate) {
  const banned = new Set(constraint.payload.patterns);
  return (candidate.facts?.imports ?? [])
    .filter((fact) => banned.has(fact.module))
    .map((fact) => ({ message: `imports "${fact.module}", which is forbidden (${constraint.payload.rule})`, location: fact.range.start, hint: `remove the import: ${constraint.payload.reason}` }));
}

function textViolations(constraint: ConstraintOf<'forbid'>, candidate: Candidate, patterns = constraint.payload.patterns) {
  return patterns.flatMap((pattern) =>
    [...candidate.code.matchAll(forbidMatcher(constraint.payload.match, pattern))].map((found) => ({
      message: `contains ${JSON.stringify(found[0])}, forbidden by ${constraint.payload.rule}`,
      location: positionAt(candidate.code, found.index),
      hint: `remove it: ${constraint.payload.reason}`,
    })),
  );
}

/** A forbidden call, identifier, substring, regex or import must not appear in the output. */
export const checkForbid: Check<ConstraintOf<'forbid'>> = (constraint, candidate): CheckResult => {
  if (constraint.payload.match !== 'import') return violated(...textViolations(constraint, candidate));
  if (!candidate.facts) return { status: 'not_checked', reason: 'imports are checked on code shapes only' };
  return violated(...importViolations(constraint, candidate));
};

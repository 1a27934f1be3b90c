import type { Resolution } from '../constraints/compile-api.js';
import type { Constraint, ConstraintOf } from '../constraints/schema.js';
import { AnankeError } from '../errors.js';

export interface ConflictOutcome {
  kept: Constraint[];
  resolutions: Resolution[];
}

/** Higher priority wins; then higher confidence; then the smaller id, so the outcome is stable. */
function winnerOf(a: Constraint, b: Constraint): [Constraint, Constraint] {
  const order = b.priority - a.priority || b.confidence - a.confidence || (a.id < b.id ? -1 : 1);
  return order <= 0 ? [a, b] : [b, a];
}

interface Conflict {
  kind: Resolution['kind'];
  a: Constraint;
  b: Constraint;
  message: string;
}

function namingConflicts(constraints: readonly Constraint[]): Conflict[] {
  const naming = constraints.filter((c): c is ConstraintOf<'naming'> => c.type === 'naming');
  const conflicts: Conflict[] = [];
  for (const [index, a] of naming.entries()) {
    for (const b of naming.slice(index + 1)) {
      const sameTarget = a.payload.target === b.payload.target && (a.payload.language ?? b.payload.language) === (b.payload.language ?? a.payload.language);
      if (sameTarget && a.payload.pattern !== b.payload.pattern) {
        conflicts.push({ kind: 'naming', a, b, message: `${a.payload.target} names cannot be both ${a.payload.style} and ${b.payload.style}` });
      }
    }
  }
  return conflicts;
}

function importConflicts(constraints: readonly Constraint[]): Conflict[] {
  const imports = constraints.filter((c): c is ConstraintOf<'import'> => c.type === 'import');
  const forbidden = constraints.filter((c): c is ConstraintOf<'forbid'> => c.type === 'forbid' && c.payload.match === 'import');
  const conflicts: Conflict[] = [];
  for (const [index, a] of imports.entries()) {
    for (const b of imports.slice(index + 1)) {
      if (a.payload.module === b.payload.module && (a.payload.mode === 'forbid') !== (b.payload.mode === 'forbid')) {
        conflicts.push({ kind: 'import', a, b, message: `module "${a.payload.module}" is both ${a.payload.mode}ed and ${b.payload.mode}ed` });
      }
    }
    if (a.payload.mode === 'forbid') continue;
    for (const ban of forbidden) {
      if (ban.payload.patterns.includes(a.payload.module)) {
        conflicts.push({ kind: 'import', a, b: ban, message: `module "${a.payload.module}" is ${a.payload.mode}ed by one constraint and forbidden by ${ban.payload.rule}` });
      }
    }
  }
  return conflicts;
}

function requireForbidConflicts(constraints: readonly Constraint[]): Conflict[] {
  const required = constraints.filter((c): c is ConstraintOf<'require'> => c.type === 'require' && c.payload.match === 'substring');
  const bans = constraints.filter((c): c is ConstraintOf<'forbid'> => c.type === 'forbid' && c.payload.match !== 'regex');
  return required.flatMap((a) =>
    bans
      .filter((b) => b.payload.patterns.some((pattern) => a.payload.pattern.includes(pattern)))
      .map((b) => ({ kind: 'require_forbid' as const, a, b, message: `required "${a.payload.pattern}" contains text forbidden by ${b.payload.rule}` })),
  );
}

/**
 * Finds conflicting constraints and resolves each by priority, reporting both provenances; with
 * `strict`, the first conflict is a 422 that names both constraints instead.
 */
export function resolveConflicts(constraints: readonly Constraint[], strict: boolean): ConflictOutcome {
  const conflicts = [...namingConflicts(constraints), ...importConflicts(constraints), ...requireForbidConflicts(constraints)];
  if (strict && conflicts.length > 0) {
    const { a, b, message } = conflicts[0]!;
    throw new AnankeError('unprocessable', `conflicting constraints ${a.id} and ${b.id}: ${message}`, 'drop one of them, change a priority, or compile without strict to let the higher priority win', {
      conflicts: conflicts.map((conflict) => ({ kind: conflict.kind, constraints: [conflict.a.id, conflict.b.id], message: conflict.message })),
    });
  }
  const dropped = new Set<string>();
  const resolutions = conflicts.map(({ kind, a, b, message }): Resolution => {
    const [winner, loser] = winnerOf(a, b);
    dropped.add(loser.id);
    return { kind, winner: winner.id, loser: loser.id, message: `${message}: kept ${winner.id} (priority ${winner.priority})`, provenances: [winner.provenance, loser.provenance] };
  });
  return { kept: constraints.filter((constraint) => !dropped.has(constraint.id)), resolutions };
}

import type { Constraint, ConstraintOf } from '../constraints/schema.js';
import { AnankeError } from '../errors.js';
import { checkLark, LarkCheckError } from './grammar/lark-check.js';

function invalidRegex(constraint: Constraint, pattern: string, error: unknown): AnankeError {
  return new AnankeError('unprocessable', `regex of ${constraint.id} is invalid: ${(error as Error).message}`, 'fix the pattern (ECMAScript syntax, no lookbehind if the engine is Python re)', { constraint_id: constraint.id, pattern });
}

/** User regexes (regex, forbid with match=regex, require with match=regex) must compile. */
function checkRegexes(constraints: readonly Constraint[]): void {
  for (const constraint of constraints) {
    const patterns =
      constraint.type === 'regex' ? [constraint.payload.pattern]
      : constraint.type === 'forbid' && constraint.payload.match === 'regex' ? constraint.payload.patterns
      : constraint.type === 'require' && constraint.payload.match === 'regex' ? [constraint.payload.pattern]
      : [];
    for (const pattern of patterns) {
      try {
        new RegExp(pattern, constraint.type === 'regex' ? constraint.payload.flags.replace('g', '') : '');
      } catch (error) {
        throw invalidRegex(constraint, pattern, error);
      }
    }
  }
}

/** User Lark grammars are checked by the strict llguidance-subset checker, with the position of the first error. */
function checkGrammars(constraints: readonly Constraint[]): void {
  for (const constraint of constraints.filter((c): c is ConstraintOf<'grammar'> => c.type === 'grammar' && c.payload.dialect === 'lark')) {
    try {
      checkLark(constraint.payload.text);
    } catch (error) {
      if (!(error instanceof LarkCheckError)) throw error;
      throw new AnankeError('unprocessable', `Lark grammar of ${constraint.id} is invalid at line ${error.line}, column ${error.column}: ${error.reason}`, 'fix the grammar (llguidance Lark syntax)', { constraint_id: constraint.id, line: error.line, column: error.column });
    }
  }
}

/** Rejects user-supplied regexes and grammars that no engine could load, before any work is done. */
export function checkUserInputs(constraints: readonly Constraint[]): void {
  checkRegexes(constraints);
  checkGrammars(constraints);
}

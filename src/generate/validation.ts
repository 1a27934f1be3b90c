import type { GenerateWarning, ValidationSummary } from '../constraints/generate-api.js';
import { GENERATE_LIMITS } from '../constraints/generate-api.js';
import type { Constraint, ConstraintOf } from '../constraints/schema.js';
import type { ValidationReport } from '../constraints/validate-api.js';
import type { Parsers } from '../extract/parser.js';
import { validateOutput, type Output } from '../validate/validate.js';

export interface CheckedOutput {
  report: ValidationReport;
  warnings: GenerateWarning[];
}

/**
 * The validator reads a signature from the parse tree. When the body does not parse,
 * tree-sitter's recovery can lose the function node or read a return type out of the broken
 * text, and the validator reports the signature broken although the output begins with the
 * exact header. The header is what the signature
 * constraint asks for, and the parse failure is already reported under `syntax`; so such a
 * signature is counted as satisfied, checked as text, and said so in a warning.
 */
function signaturesHeldAsText(report: ValidationReport, output: Output, constraints: readonly Constraint[]): CheckedOutput {
  if (output.shape !== 'function' || !report.violated.some((violation) => violation.check === 'syntax')) return { report, warnings: [] };
  const code = output.code.trimStart();
  const heldAsText = new Set(
    constraints
      .filter((constraint): constraint is ConstraintOf<'signature'> => constraint.type === 'signature' && code.startsWith(constraint.payload.header))
      .map((constraint) => constraint.id)
      .filter((id) => report.violated.some((violation) => violation.constraint_id === id)),
  );
  if (heldAsText.size === 0) return { report, warnings: [] };
  const violated = report.violated.filter((violation) => !heldAsText.has(violation.constraint_id));
  return {
    report: {
      all_satisfied: violated.length === 0,
      satisfied: [...report.satisfied, ...[...heldAsText].map((id) => ({ constraint_id: id, check: 'signature' as const }))],
      violated,
      not_checked: report.not_checked,
    },
    warnings: [...heldAsText].map((id) => ({
      source: 'generate' as const,
      code: 'signature_checked_as_text',
      constraint_id: id,
      message: 'the output does not parse, so its signature was checked as text: it begins with the required header',
    })),
  };
}

/** `validateOutput`, with the signature of an unparsable function checked as text (see above). */
export function validateCode(parsers: Parsers, output: Output, constraints: readonly Constraint[]): CheckedOutput {
  return signaturesHeldAsText(validateOutput(parsers, output, constraints), output, constraints);
}

export function summarise(report: ValidationReport): ValidationSummary {
  return {
    all_satisfied: report.all_satisfied,
    satisfied: report.satisfied.length,
    violated: report.violated.length,
    not_checked: report.not_checked.length,
    violations: report.violated.slice(0, GENERATE_LIMITS.maxViolationsInSummary).map((violation) => ({ constraint_id: violation.constraint_id, check: violation.check, message: violation.message })),
  };
}

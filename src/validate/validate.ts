import { constraintLanguage, type Constraint, type Language } from '../constraints/schema.js';
import type { ValidationReport, Violation } from '../constraints/validate-api.js';
import { extractFile } from '../extract/extract.js';
import { DEFAULT_EXTENSION } from '../extract/languages.js';
import type { Parsers } from '../extract/parser.js';
import { checkErrorHandling } from './checks/error-handling.js';
import { checkForbid } from './checks/forbid.js';
import { checkImport } from './checks/imports.js';
import { checkNaming } from './checks/naming.js';
import { checkSignature } from './checks/signature.js';
import { checkJsonSchema, checkLength, checkRegex, checkRequire, checkTypeShape } from './checks/text.js';
import type { Candidate, Check, CheckKind, CheckResult } from './checks/types.js';

export const CHECKS: Partial<Record<Constraint['type'], { kind: CheckKind; check: Check<never> }>> = {
  signature: { kind: 'signature', check: checkSignature },
  naming: { kind: 'naming', check: checkNaming },
  forbid: { kind: 'forbid', check: checkForbid },
  require: { kind: 'require', check: checkRequire },
  import: { kind: 'import', check: checkImport },
  error_handling: { kind: 'error_handling', check: checkErrorHandling },
  json_schema: { kind: 'json_schema', check: checkJsonSchema },
  type_shape: { kind: 'type_shape', check: checkTypeShape },
  regex: { kind: 'regex', check: checkRegex },
  length: { kind: 'length', check: checkLength },
};

export interface Output {
  code: string;
  language: Language;
  shape: Candidate['shape'];
}

function parseJson(code: string): unknown {
  try {
    return JSON.parse(code);
  } catch {
    return undefined;
  }
}

function candidateOf(parsers: Parsers, output: Output): { candidate: Candidate; syntax: Violation[] } {
  if (output.shape === 'json') return { candidate: { ...output, json: parseJson(output.code) }, syntax: [] };
  const parsed = extractFile(parsers, { path: `output.${DEFAULT_EXTENSION[output.language]}`, language: output.language, content: output.code });
  const syntax = parsed.parseErrors.map((error) => ({ constraint_id: 'syntax', check: 'syntax' as const, message: error.message, location: error.range.start, hint: `the output must parse as ${output.language}` }));
  return { candidate: { ...output, facts: parsed.extracted.facts }, syntax };
}

/** Checks an output against every constraint for its language; nothing is skipped without a reason. */
export function validateOutput(parsers: Parsers, output: Output, constraints: readonly Constraint[]): ValidationReport {
  const { candidate, syntax } = candidateOf(parsers, output);
  const report: ValidationReport = { all_satisfied: true, satisfied: [], violated: [...syntax], not_checked: [] };
  if (output.shape !== 'json' && syntax.length === 0) report.satisfied.push({ constraint_id: 'syntax', check: 'syntax' });
  for (const constraint of constraints) {
    const language = constraintLanguage(constraint);
    const entry = CHECKS[constraint.type];
    if (language && language !== output.language) continue;
    if (!entry) {
      report.not_checked.push({ constraint_id: constraint.id, reason: `${constraint.type} constraints are not checked on output` });
      continue;
    }
    const result: CheckResult = (entry.check as Check)(constraint, candidate, constraints);
    if (result.status === 'satisfied') report.satisfied.push({ constraint_id: constraint.id, check: entry.kind });
    else if (result.status === 'not_checked') report.not_checked.push({ constraint_id: constraint.id, reason: result.reason });
    else report.violated.push(...result.violations.map((violation) => ({ constraint_id: constraint.id, check: entry.kind, ...violation })));
  }
  report.all_satisfied = report.violated.length === 0;
  return report;
}

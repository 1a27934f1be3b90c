import type { Validator } from '../../constraints/compile-api.js';
import type { Constraint, Language } from '../../constraints/schema.js';
import type { Violation } from '../../constraints/validate-api.js';
import type { FileFacts } from '../../extract/facts.js';

export type CheckKind = Validator['check'];

/** What a check sees of the generated output. */
export interface Candidate {
  code: string;
  language: Language;
  shape: 'function' | 'module' | 'json' | 'hole';
  /** Facts extracted from the output with the same extractors as the input (code shapes only). */
  facts?: FileFacts;
  /** The JSON value, for json shape, when it parsed. */
  json?: unknown;
}

export type CheckResult =
  | { status: 'satisfied' }
  | { status: 'violated'; violations: Omit<Violation, 'constraint_id' | 'check'>[] }
  | { status: 'not_checked'; reason: string };

export type Check<C extends Constraint = Constraint> = (constraint: C, candidate: Candidate, all: readonly Constraint[]) => CheckResult;

export const SATISFIED: CheckResult = { status: 'satisfied' };

export function violated(...violations: Omit<Violation, 'constraint_id' | 'check'>[]): CheckResult {
  return violations.length ? { status: 'violated', violations } : SATISFIED;
}

/** 1-based position of a character offset in text. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

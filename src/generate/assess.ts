import type { CompiledIR, Dialect, Shape } from '../constraints/compile-api.js';
import type { EngineFailure, GenerateWarning } from '../constraints/generate-api.js';
import type { ConstraintOf, Language } from '../constraints/schema.js';
import type { ValidationReport, Violation } from '../constraints/validate-api.js';
import type { Parsers } from '../extract/parser.js';
import type { FinishReason, ProviderWarning } from '../providers/index.js';
import { repairedJsonText } from './json-text.js';
import { validateCode } from './validation.js';

export type SentKind = EngineFailure['sent'];
type GrammarDialect = NonNullable<EngineFailure['dialect']>;

/** The one structured-output constraint the engine was sent for this attempt. */
export interface SentConstraint {
  kind: SentKind;
  dialect?: GrammarDialect;
}

const KINDS: readonly SentKind[] = ['json_schema', 'grammar', 'regex'];
const GRAMMAR_DIALECTS: readonly GrammarDialect[] = ['lark', 'gbnf', 'ebnf'];
/** Provider warnings that mean a constraint did not reach the engine, or the engine said it did not hold it. */
const NOT_IN_FORCE = new Set(['unsupported', 'not_sent', 'moved_to_prompt', 'not_enforced']);

function present(ir: CompiledIR, kind: SentKind): boolean {
  if (kind === 'json_schema') return ir.json_schema !== undefined || ir.json_schema_openai !== undefined;
  if (kind === 'grammar') return GRAMMAR_DIALECTS.some((dialect) => ir.grammar[dialect] !== undefined);
  return ir.regex !== undefined;
}

/**
 * What the provider sent: engines take one constraint per request, in the order JSON Schema,
 * grammar, regex (src/providers/constraint.ts), and the provider warns about every other one.
 */
export function sentConstraint(ir: CompiledIR, warnings: readonly ProviderWarning[], dialects: readonly Dialect[]): SentConstraint | undefined {
  const withheld = new Set(warnings.filter((warning) => NOT_IN_FORCE.has(warning.code)).map((warning) => warning.setting));
  const kind = KINDS.find((candidate) => present(ir, candidate) && !withheld.has(candidate));
  if (kind !== 'grammar') return kind === undefined ? undefined : { kind };
  const dialect = dialects.find((candidate): candidate is GrammarDialect => (GRAMMAR_DIALECTS as readonly string[]).includes(candidate) && ir.grammar[candidate as GrammarDialect] !== undefined);
  return dialect === undefined ? { kind } : { kind, dialect };
}

export interface AssessInput {
  text: string;
  finishReason: FinishReason;
  ir: CompiledIR;
  shape: Shape;
  language: Language;
  prefix?: string;
  suffix?: string;
  sent: SentConstraint | undefined;
  parsers: Parsers;
}

export interface Assessment {
  /** For a hole: the fill only. */
  code: string;
  /** For a hole: prefix + fill + suffix, the text validated. */
  document?: string;
  report: ValidationReport;
  engineFailure?: EngineFailure;
  /** The engine stopped at max_tokens: the output may be a cut-off prefix of a valid one. */
  truncated: boolean;
  warnings: GenerateWarning[];
}

/**
 * A hole's grammar is the fill alone and the prompt asks for the fill alone, so the output is the
 * fill (an unconstrained engine that repeats the prefix and suffix anyway has them stripped); the
 * whole text, prefix + fill + suffix, is what gets validated.
 */
function splitHole(text: string, prefix: string, suffix: string): { code: string; document: string } {
  const repeated = prefix.length + suffix.length > 0 && text.length >= prefix.length + suffix.length && text.startsWith(prefix) && text.endsWith(suffix);
  const code = repeated ? text.slice(prefix.length, text.length - suffix.length) : text;
  return { code, document: `${prefix}${code}${suffix}` };
}

function headerOf(ir: CompiledIR): string | undefined {
  const target = ir.constraints.find((constraint): constraint is ConstraintOf<'signature'> => constraint.id === ir.target && constraint.type === 'signature');
  return target?.payload.header;
}

/** A text the grammar fixes must start the output; when cut at max_tokens, the output may also be a prefix of it. */
function keepsFixedStart(text: string, fixed: string, truncated: boolean): boolean {
  return text.startsWith(fixed) || (truncated && fixed.startsWith(text));
}

/** The fixed text of a code grammar (a function's header), as a violation when missing. */
function fixedTextViolations(input: AssessInput, truncated: boolean): Violation[] {
  if (input.shape !== 'function') return [];
  const header = headerOf(input.ir);
  if (header === undefined || keepsFixedStart(input.text, header, truncated)) return [];
  return [{ constraint_id: input.ir.target!, check: 'signature', message: `the output does not begin with the header \`${header}\` that the grammar fixes`, hint: 'the engine must apply the grammar it was sent' }];
}

function regexViolations(input: AssessInput): { violations: Violation[]; warnings: GenerateWarning[] } {
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${input.ir.regex})$`);
  } catch {
    return { violations: [], warnings: [{ source: 'generate', code: 'regex_not_checked', message: 'the regex sent to the engine is not an ECMAScript regex, so the output was not matched against it here' }] };
  }
  if (pattern.test(input.text)) return { violations: [], warnings: [] };
  const userRegex = input.ir.constraints.find((constraint) => constraint.type === 'regex');
  return { violations: [{ constraint_id: userRegex?.id ?? input.ir.target ?? 'regex', check: 'regex', message: 'the output does not match the regex the engine was sent', hint: 'the engine must apply the regex it was sent' }], warnings: [] };
}

/** Checks that are decode-time for this attempt: the IR marks them, and the constraint that enforces them reached the engine. */
function inForce(ir: CompiledIR, shape: Shape, sent: SentConstraint | undefined): Set<string> {
  const enforcing = sent !== undefined && (shape === 'json' ? sent.kind !== 'grammar' : sent.kind === 'grammar');
  return new Set(enforcing ? ir.validators.filter((validator) => validator.enforced_at_decode).map((validator) => validator.constraint_id) : []);
}

function withViolations(report: ValidationReport, added: readonly Violation[]): ValidationReport {
  const fresh = added.filter((violation) => !report.violated.some((existing) => existing.constraint_id === violation.constraint_id));
  if (fresh.length === 0) return report;
  const ids = new Set(fresh.map((violation) => violation.constraint_id));
  return {
    all_satisfied: false,
    satisfied: report.satisfied.filter((entry) => !ids.has(entry.constraint_id)),
    violated: [...report.violated, ...fresh],
    not_checked: report.not_checked,
  };
}

function describeSent(sent: SentConstraint): string {
  if (sent.kind === 'grammar') return sent.dialect ? `the ${sent.dialect} grammar` : 'the grammar';
  return sent.kind === 'json_schema' ? 'the JSON Schema' : 'the regex';
}

function engineFailure(sent: SentConstraint, violations: readonly Violation[]): EngineFailure {
  const ids = [...new Set(violations.map((violation) => violation.constraint_id))];
  const examples = violations.slice(0, 3).map((violation) => `${violation.check}: ${violation.message}`).join('; ');
  return {
    kind: 'constraint_ignored',
    sent: sent.kind,
    ...(sent.dialect ? { dialect: sent.dialect } : {}),
    violated: ids,
    message: `the engine was sent ${describeSent(sent)} and answered as if it applied it, but the output breaks ${ids.length} decode-time check(s) (${examples}). The engine ignored the constraint: check that the server reads the field it was sent (vLLM >= 0.12 ignores guided_*) and that its grammar backend supports the dialect. Do not use this output.`,
  };
}

/**
 * Validates one engine output and decides whether the engine broke the constraint it was sent.
 * A decode-time check that fails while its constraint was sent is an engine failure, not a
 * violation to repair, unless the engine stopped at max_tokens (a cut-off output is a prefix
 * of a valid one, not a broken one).
 */
export function assessOutput(input: AssessInput): Assessment {
  const truncated = input.finishReason === 'length';
  const hole = input.shape === 'hole' ? splitHole(input.text, input.prefix ?? '', input.suffix ?? '') : undefined;
  const json = input.shape === 'json' ? repairedJsonText(input.text) : undefined;
  const code = hole?.code ?? json ?? input.text;
  const checked = validateCode(input.parsers, { code: hole?.document ?? code, language: input.language, shape: input.shape }, input.ir.constraints);
  const warnings = [...checked.warnings];
  if (json !== undefined) warnings.push({ source: 'generate', code: 'json_control_characters_escaped', message: 'the engine wrote raw control characters inside JSON strings (XGrammar\'s JSON grammar admits them, JSON does not); they were escaped, the value is unchanged' });
  const decodeTime = inForce(input.ir, input.shape, input.sent);
  const added: Violation[] = [];
  if (input.sent?.kind === 'grammar' && input.shape !== 'json' && input.shape !== 'module') added.push(...fixedTextViolations(input, truncated));
  if (input.sent?.kind === 'regex' && !truncated) {
    const regex = regexViolations(input);
    added.push(...regex.violations);
    warnings.push(...regex.warnings);
  }
  const report = withViolations(checked.report, added);
  if (truncated) warnings.push({ source: 'generate', code: 'truncated', message: 'the engine stopped at max_tokens: the output may be cut off; raise max_tokens' });
  const broken = [...added, ...(truncated ? [] : report.violated.filter((violation) => decodeTime.has(violation.constraint_id)))];
  const failure = input.sent !== undefined && broken.length > 0 ? engineFailure(input.sent, broken) : undefined;
  return { code, ...(hole ? { document: hole.document } : {}), report, ...(failure ? { engineFailure: failure } : {}), truncated, warnings };
}

import { DIALECTS, type CompiledIR, type Dialect, type EngineWarning, type Shape, type Validator } from '../constraints/compile-api.js';
import { canonicalJson } from '../constraints/canonical.js';
import { sha256Hex } from '../constraints/hash.js';
import { sortConstraints } from '../constraints/merge.js';
import type { Constraint, ConstraintOf, ConstraintSet, Language } from '../constraints/schema.js';
import { AnankeError } from '../errors.js';
import { CHECKS } from '../validate/validate.js';
import { codeOutputs } from './code-shape.js';
import { COMPILER_VERSION } from './compiler-version.generated.js';
import { resolveConflicts } from './conflicts.js';
import { jsonOutputs } from './json-shape.js';
import { promptRules } from './prompt-rules.js';
import { focusOn, forLanguage, selectTarget } from './target.js';
import { closeTypeShape } from './type-definitions.js';
import { checkUserInputs } from './user-inputs.js';

/** Part of every IR id, derived from the compiler's own source at build time (`npm run compiler-version:gen`). */
export { COMPILER_VERSION };

export interface CompileInput {
  set: ConstraintSet;
  language?: Language;
  shape: Shape;
  target?: string;
  prefix?: string;
  suffix?: string;
  dialects?: readonly Dialect[];
  strict?: boolean;
}

function resolveLanguage(input: CompileInput): Language | undefined {
  const language = input.language ?? input.set.language;
  if (!language && input.shape !== 'json') {
    throw new AnankeError('unprocessable', `the ${input.shape} shape needs a target language and the constraint set names none`, 'send "language" with the compile request');
  }
  return language;
}

export function irId(parts: Record<string, unknown>): string {
  return `ir_${sha256Hex(`${COMPILER_VERSION}\n${canonicalJson(parts)}`).slice(0, 16)}`;
}

function validatorsOf(constraints: readonly Constraint[], enforced: ReadonlySet<string>, shape: Shape): Validator[] {
  const syntax: Validator[] = shape === 'json' ? [] : [{ constraint_id: 'syntax', check: 'syntax', enforced_at_decode: false }];
  return [
    ...syntax,
    ...constraints.flatMap((constraint) => {
      const entry = CHECKS[constraint.type];
      return entry ? [{ constraint_id: constraint.id, check: entry.kind, enforced_at_decode: enforced.has(constraint.id) }] : [];
    }),
  ];
}

/** Every constraint the output is held to but no decoding mechanism enforces is said so, once. */
function decodeWarnings(validators: readonly Validator[], constraints: readonly Constraint[], explained: readonly EngineWarning[]): { warnings: EngineWarning[]; unsupported: CompiledIR['unsupported'] } {
  const checked = new Set(validators.map((validator) => validator.constraint_id));
  const said = new Set(explained.map((warning) => warning.constraint_id).filter((id) => id !== undefined));
  const warnings = validators
    .filter((validator) => !validator.enforced_at_decode && validator.constraint_id !== 'syntax' && !said.has(validator.constraint_id))
    .map((validator) => ({ constraint_id: validator.constraint_id, code: 'not_decodable', message: `${validator.check} is enforced by a prompt rule and checked by the validator, not at decode time` }));
  const unsupported = constraints
    .filter((constraint) => !checked.has(constraint.id))
    .map((constraint) => ({ constraint_id: constraint.id, reason: `${constraint.type} constraints are carried as prompt rules only: no validator checks them` }));
  return { warnings, unsupported };
}

function userGrammar(constraints: readonly Constraint[]): CompiledIR['grammar'] {
  const grammars = constraints.filter((c): c is ConstraintOf<'grammar'> => c.type === 'grammar');
  return Object.fromEntries(grammars.map((grammar) => [grammar.payload.dialect, grammar.payload.text]));
}

function forbiddenStrings(constraints: readonly Constraint[]): string[] {
  const strings = constraints.flatMap((c) => (c.type === 'forbid' && c.payload.match !== 'regex' ? c.payload.patterns : []));
  return [...new Set(strings)].sort();
}

/** What is known once the constraints are chosen: enough to name the IR before building it. */
export interface PreparedCompile {
  id: string;
  input: CompileInput;
  language: Language | undefined;
  dialects: Set<Dialect>;
  target: ReturnType<typeof selectTarget>;
  constraints: Constraint[];
  resolutions: CompiledIR['resolutions'];
  around: { prefix?: string; suffix?: string };
}

/** Chooses the constraints (language, target, conflicts) and names the IR; cheap next to building grammars. */
export function prepareCompile(input: CompileInput): PreparedCompile {
  const language = resolveLanguage(input);
  const dialects = new Set(input.dialects ?? DIALECTS);
  const relevant = forLanguage(input.set.constraints, language);
  const selected = selectTarget(relevant, input.shape, input.target);
  // A json target built from a type shape carries the types it refers to (type-definitions.ts).
  const target = input.shape === 'json' && selected?.type === 'type_shape' ? closeTypeShape(selected, relevant) : selected;
  const withTarget = target === selected ? relevant : relevant.map((constraint) => (constraint === selected ? target! : constraint));
  const { kept, resolutions } = resolveConflicts(focusOn(withTarget, input.shape, target), input.strict ?? false);
  const constraints = sortConstraints(kept);
  checkUserInputs(constraints);
  const around = input.shape === 'hole' ? { prefix: input.prefix, suffix: input.suffix } : {};
  const id = irId({ shape: input.shape, language, target: target?.id, ...around, dialects: [...dialects].sort(), constraints });
  return { id, input, language, dialects, target, constraints, resolutions, around };
}

/** Builds the IR of a prepared compile: schemas, regex, grammars, prompt rules, validators, warnings. */
export function finishCompile(prepared: PreparedCompile): CompiledIR {
  const { id, input, language, dialects, target, constraints, resolutions, around } = prepared;
  const json = input.shape === 'json' && target && target.type !== 'signature' && target.type !== 'hole' ? jsonOutputs(target, dialects.has('regex')) : undefined;
  const code = input.shape === 'json' ? undefined : codeOutputs(language!, input.shape, target, constraints, dialects, around);
  const enforced = new Set([...(code?.enforced ?? []), ...(json && target ? [target.id] : [])]);
  const validators = validatorsOf(constraints, enforced, input.shape);
  const decode = decodeWarnings(validators, constraints, code?.warnings ?? []);
  const userRegex = constraints.find((c): c is ConstraintOf<'regex'> => c.type === 'regex')?.payload.pattern;
  const regex = dialects.has('regex') ? userRegex ?? json?.regex : undefined;
  return {
    id,
    compiler_version: COMPILER_VERSION,
    shape: input.shape,
    ...(language ? { language } : {}),
    ...(target ? { target: target.id } : {}),
    ...(json && dialects.has('json_schema') ? { json_schema: json.json_schema, ...(json.json_schema_openai ? { json_schema_openai: json.json_schema_openai } : {}) } : {}),
    ...(regex ? { regex } : {}),
    grammar: { ...code?.grammar, ...userGrammar(constraints) },
    forbidden_strings: forbiddenStrings(constraints),
    prompt_rules: promptRules(constraints),
    validators,
    resolutions,
    warnings: [...(json?.warnings ?? []), ...(code?.warnings ?? []), ...decode.warnings],
    unsupported: decode.unsupported,
    constraints,
  };
}

/**
 * Compiles a constraint set into the canonical IR for one output shape. The same input gives
 * byte-identical IR, and its id hashes the canonical constraints with the compiler version.
 */
export function compileConstraints(input: CompileInput): CompiledIR {
  return finishCompile(prepareCompile(input));
}

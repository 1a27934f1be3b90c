import type { CompiledIR } from '../constraints/compile-api.js';
import type { ProviderWarning } from './types.js';

/**
 * Engines take one structured-output constraint per request (vLLM, SGLang and llama.cpp all say so).
 * This picks it from the IR in a fixed order (JSON Schema, then grammar, then regex) among what
 * the engine reads, and accounts for everything else the IR carries: each is either not sent
 * (a warning; validation still checks it) or, for engines with no grammar support, written into
 * the prompt as a rule.
 */
export type GrammarDialect = 'lark' | 'gbnf' | 'ebnf';

export type ConstraintChoice =
  | { kind: 'json_schema'; schema: Record<string, unknown> }
  | { kind: 'grammar'; dialect: GrammarDialect; grammar: string }
  | { kind: 'regex'; regex: string };

export interface EngineAccepts {
  /** Who is reading: named in warnings, e.g. "vLLM (xgrammar backend)". */
  engine: string;
  /** Which IR field the engine's JSON Schema comes from; absent: no JSON Schema field. */
  jsonSchema?: 'json_schema' | 'json_schema_openai';
  /** Grammar dialects the engine reads, preferred first. */
  grammar: readonly GrammarDialect[];
  regex: boolean;
  /** Write what cannot be sent into prompt rules (engines with no grammar field). */
  moveUnsupportedToPrompt?: boolean;
}

export interface ConstraintPlan {
  choice: ConstraintChoice | undefined;
  warnings: ProviderWarning[];
  promptRules: string[];
}

type Category = 'json_schema' | 'grammar' | 'regex';
const CATEGORIES: readonly Category[] = ['json_schema', 'grammar', 'regex'];
const PROMPT_DIALECT_ORDER: readonly GrammarDialect[] = ['lark', 'ebnf', 'gbnf'];

function present(ir: CompiledIR, category: Category): boolean {
  if (category === 'json_schema') return ir.json_schema !== undefined || ir.json_schema_openai !== undefined;
  if (category === 'grammar') return PROMPT_DIALECT_ORDER.some((dialect) => ir.grammar[dialect] !== undefined);
  return ir.regex !== undefined;
}

function accepted(ir: CompiledIR, category: Category, accepts: EngineAccepts): ConstraintChoice | undefined {
  if (category === 'json_schema') {
    const schema = accepts.jsonSchema === undefined ? undefined : ir[accepts.jsonSchema];
    return schema === undefined ? undefined : { kind: 'json_schema', schema };
  }
  if (category === 'grammar') {
    const dialect = accepts.grammar.find((candidate) => ir.grammar[candidate] !== undefined);
    const grammar = dialect === undefined ? undefined : ir.grammar[dialect];
    return dialect === undefined || grammar === undefined ? undefined : { kind: 'grammar', dialect, grammar };
  }
  return accepts.regex && ir.regex !== undefined ? { kind: 'regex', regex: ir.regex } : undefined;
}

function irForms(ir: CompiledIR, category: Category): string {
  if (category === 'json_schema') return [ir.json_schema && 'json_schema', ir.json_schema_openai && 'json_schema_openai'].filter(Boolean).join(' and ');
  if (category === 'grammar') return PROMPT_DIALECT_ORDER.filter((dialect) => ir.grammar[dialect] !== undefined).join(', ');
  return 'regex';
}

function engineForms(category: Category, accepts: EngineAccepts): string {
  if (category === 'json_schema') return accepts.jsonSchema ?? 'no JSON Schema';
  if (category === 'grammar') return accepts.grammar.length > 0 ? accepts.grammar.join(' or ') : 'no grammar';
  return accepts.regex ? 'regex' : 'no regex';
}

function describe(choice: ConstraintChoice): string {
  return choice.kind === 'grammar' ? `the ${choice.dialect} grammar` : choice.kind === 'json_schema' ? 'the JSON Schema' : 'the regex';
}

export function promptRuleFor(ir: CompiledIR, category: Category): string | undefined {
  if (category === 'regex') return ir.regex === undefined ? undefined : `The whole output must match this regular expression: ${ir.regex}`;
  if (category === 'json_schema') {
    const schema = ir.json_schema ?? ir.json_schema_openai;
    return schema === undefined ? undefined : `Answer with JSON that matches this JSON Schema: ${JSON.stringify(schema)}`;
  }
  const dialect = PROMPT_DIALECT_ORDER.find((candidate) => ir.grammar[candidate] !== undefined);
  const grammar = dialect === undefined ? undefined : ir.grammar[dialect];
  return dialect === undefined || grammar === undefined ? undefined : `The output must be derivable from this grammar (${dialect} notation):\n${grammar}`;
}

export function planConstraint(ir: CompiledIR, accepts: EngineAccepts): ConstraintPlan {
  const plan: ConstraintPlan = { choice: undefined, warnings: [], promptRules: [] };
  for (const category of CATEGORIES) {
    if (!present(ir, category)) continue;
    const candidate = accepted(ir, category, accepts);
    if (candidate !== undefined && plan.choice === undefined) {
      plan.choice = candidate;
      continue;
    }
    if (candidate !== undefined && plan.choice !== undefined) {
      plan.warnings.push({
        code: 'not_sent',
        setting: category,
        message: `${accepts.engine} takes one constraint per request and ${describe(plan.choice)} was sent; the ${category} is checked by validation only.`,
      });
      continue;
    }
    const rule = accepts.moveUnsupportedToPrompt ? promptRuleFor(ir, category) : undefined;
    if (rule !== undefined) plan.promptRules.push(rule);
    plan.warnings.push({
      code: rule === undefined ? 'unsupported' : 'moved_to_prompt',
      setting: category,
      message: `${accepts.engine} reads ${engineForms(category, accepts)}; the IR has ${irForms(ir, category)}: ${rule === undefined ? 'left to validation' : 'written into the prompt and left to validation'}.`,
    });
  }
  return plan;
}

/** A `json_schema.name` both OpenAI and SGLang accept (OpenAI: ^[a-zA-Z0-9_-]{1,64}$). */
export function schemaName(ir: CompiledIR): string {
  const name = (ir.target ?? 'output').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return name === '' ? 'output' : name;
}

import { z } from 'zod';
import { Constraint, ConstraintSet, Language, Provenance } from './schema.js';

export const SHAPES = ['function', 'module', 'json', 'hole'] as const;
export const Shape = z.enum(SHAPES);
export type Shape = z.infer<typeof Shape>;

export const DIALECTS = ['json_schema', 'regex', 'lark', 'gbnf', 'ebnf'] as const;
export const Dialect = z.enum(DIALECTS);
export type Dialect = z.infer<typeof Dialect>;

export const ENGINES = ['xgrammar', 'llguidance', 'llama_cpp', 'openai_strict'] as const;
export const Engine = z.enum(ENGINES);
export type Engine = z.infer<typeof Engine>;

export const CompileRequest = z
  .object({
    constraints: ConstraintSet.optional().describe('the constraint set to compile'),
    constraint_set_id: z.string().regex(/^s_[0-9a-f]{16}$/).optional().describe('id of a stored constraint set instead'),
    language: Language.optional().describe('target language (default: the set\'s language)'),
    shape: Shape.default('function'),
    target: z.string().optional().describe('which signature (function shape: name or "Container.name" or constraint id), type shape (json) or hole (hole: constraint id)'),
    prefix: z.string().optional().describe('hole shape: the code before the hole (default: the hole\'s file up to it, when known)'),
    suffix: z.string().optional().describe('hole shape: the code after the hole'),
    dialects: z.array(Dialect).min(1).optional().describe('only these outputs (default: all that apply)'),
    strict: z.boolean().default(false).describe('fail with 422 on a conflict instead of resolving it by priority'),
  })
  .strict()
  .refine((body) => (body.constraints === undefined) !== (body.constraint_set_id === undefined), {
    message: 'give exactly one of `constraints` or `constraint_set_id`',
  });
export type CompileRequest = z.infer<typeof CompileRequest>;

export const Resolution = z.object({
  kind: z.enum(['naming', 'import', 'require_forbid', 'signature']),
  winner: z.string().describe('constraint id kept'),
  loser: z.string().describe('constraint id overridden'),
  message: z.string(),
  provenances: z.tuple([Provenance, Provenance]),
});
export type Resolution = z.infer<typeof Resolution>;

export const EngineWarning = z.object({
  engine: Engine.optional(),
  constraint_id: z.string().optional(),
  code: z.string().describe('stable id of the warning, e.g. "not_decodable", "keyword_dropped"'),
  message: z.string(),
});
export type EngineWarning = z.infer<typeof EngineWarning>;

export const Validator = z.object({
  constraint_id: z.string(),
  check: z.enum(['syntax', 'signature', 'naming', 'forbid', 'require', 'import', 'error_handling', 'json_schema', 'regex', 'type_shape', 'length', 'test_convention']),
  enforced_at_decode: z.boolean().describe('the grammar already guarantees it; the validator double-checks'),
});
export type Validator = z.infer<typeof Validator>;

export const CompiledIR = z.object({
  id: z.string().regex(/^ir_[0-9a-f]{16}$/),
  compiler_version: z.string(),
  shape: Shape,
  language: Language.optional(),
  target: z.string().optional(),
  json_schema: z.record(z.string(), z.unknown()).optional().describe('portable subset, for json shape'),
  json_schema_openai: z.record(z.string(), z.unknown()).optional().describe('OpenAI strict-mode variant'),
  regex: z.string().optional(),
  grammar: z.object({ lark: z.string().optional(), gbnf: z.string().optional(), ebnf: z.string().optional() }),
  forbidden_strings: z.array(z.string()),
  prompt_rules: z.array(z.string()),
  validators: z.array(Validator),
  resolutions: z.array(Resolution),
  warnings: z.array(EngineWarning),
  unsupported: z.array(z.object({ constraint_id: z.string(), reason: z.string() })),
  constraints: z.array(Constraint).describe('the canonical constraints compiled, for validation'),
});
export type CompiledIR = z.infer<typeof CompiledIR>;

export const CompileResponse = z.object({
  id: z.string(),
  ir: CompiledIR,
  warnings: z.array(EngineWarning),
  cache: z.enum(['hit', 'miss', 'bypass']),
});
export type CompileResponse = z.infer<typeof CompileResponse>;

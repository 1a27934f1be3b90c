import { z } from 'zod';
import { Shape, Validator } from './compile-api.js';
import { SourceFile } from './extract-api.js';
import { ConstraintSet, Language } from './schema.js';
import { ValidationReport } from './validate-api.js';

/**
 * Every budget of one generate request, with why it has its value. The wire schema enforces
 * them, so a request past one is a 400 that names the field.
 */
export const GENERATE_LIMITS = {
  /** The intent is a few sentences; a whole document belongs in `context`. */
  maxIntentChars: 16_000,
  /** A function or a short module; the grammar engines also cost more per token the longer the text. */
  defaultMaxTokens: 512,
  /** A large module. Past this a GPU request runs for minutes, beyond what a Worker should wait for. */
  maxTokens: 8_192,
  /** One repair: most violations a model can fix are fixed by the first repair message. */
  defaultAttempts: 2,
  /** Every attempt is a full GPU call; past five, repairs rarely converge and only cost. */
  maxAttempts: 5,
  /** Files in `context`: each one is parsed in the request (about 5 ms per 500 lines). */
  maxContextFiles: 200,
  /** Violations quoted in one repair message: a model fixes the first ones first, more is noise. */
  maxViolationsInRepair: 20,
  /** Violations listed per attempt summary; the full list is in the chosen attempt's report. */
  maxViolationsInSummary: 20,
  /** Warnings in one response: a large context can yield hundreds of near-identical ones. */
  maxWarnings: 100,
} as const;

/** A configured provider's name: never a URL, so no request can point the function at another host. */
export const ProviderName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a configured provider name (lowercase letters, digits, "-" and "_"), never a URL');

export const GenerateRequest = z
  .object({
    intent: z.string().min(1).max(GENERATE_LIMITS.maxIntentChars).describe('what to write, in plain words'),
    language: Language.optional().describe('target language (default: the constraints\')'),
    shape: Shape.optional().describe('function | module | json | hole (default: the IR\'s shape with ir_id, else function)'),
    constraints: ConstraintSet.optional().describe('constraints to compile and hold the output to'),
    ir_id: z.string().regex(/^ir_[0-9a-f]{16}$/).optional().describe('a compiled IR in the shared cache (from POST /v1/compile)'),
    context: z
      .object({ files: z.array(SourceFile).min(1).max(GENERATE_LIMITS.maxContextFiles) })
      .strict()
      .optional()
      .describe('source files to extract the constraints from (cached by content)'),
    target: z.string().optional().describe('which signature (function), schema (json) or hole (hole) the output is for'),
    prefix: z.string().optional().describe('hole shape: the code before the hole'),
    suffix: z.string().optional().describe('hole shape: the code after the hole'),
    max_tokens: z.number().int().min(1).max(GENERATE_LIMITS.maxTokens).default(GENERATE_LIMITS.defaultMaxTokens),
    temperature: z.number().min(0).max(2).default(0.2),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    stream: z.boolean().default(false).describe('answer with server-sent events (also with Accept: text/event-stream)'),
    max_attempts: z.number().int().min(1).max(GENERATE_LIMITS.maxAttempts).default(GENERATE_LIMITS.defaultAttempts).describe('generation attempts in all, repairs included'),
    provider: ProviderName.optional().describe('one of the providers configured on the Worker (default: INFERENCE_PROVIDER)'),
  })
  .strict()
  .refine((body) => [body.constraints, body.ir_id, body.context].filter((value) => value !== undefined).length === 1, {
    message: 'give exactly one of `constraints`, `ir_id` or `context`',
  });
export type GenerateRequest = z.infer<typeof GenerateRequest>;

const CONSTRAINT_KINDS = ['json_schema', 'grammar', 'regex'] as const;

/** The engine answered as if it applied the constraint it was sent, and its output breaks it. */
export const EngineFailure = z.object({
  kind: z.literal('constraint_ignored'),
  sent: z.enum(CONSTRAINT_KINDS).describe('the structured-output constraint the engine was sent'),
  dialect: z.enum(['lark', 'gbnf', 'ebnf']).optional().describe('with sent=grammar: which one'),
  violated: z.array(z.string()).describe('ids of the decode-time checks the output breaks ("fixed_text" for the text around a hole or the header)'),
  message: z.string(),
});
export type EngineFailure = z.infer<typeof EngineFailure>;

export const Usage = z.object({
  prompt_tokens: z.number().int().nullable(),
  completion_tokens: z.number().int().nullable(),
});
export type Usage = z.infer<typeof Usage>;

export const ValidationSummary = z.object({
  all_satisfied: z.boolean(),
  satisfied: z.number().int(),
  violated: z.number().int(),
  not_checked: z.number().int(),
  violations: z.array(z.object({ constraint_id: z.string(), check: Validator.shape.check, message: z.string() })).describe('the first ones'),
});
export type ValidationSummary = z.infer<typeof ValidationSummary>;

export const AttemptError = z.object({
  code: z.string().describe('the error envelope code, e.g. gateway_timeout'),
  status: z.number().int(),
  reason: z.string().optional().describe('timeout | bad_response | circuit_open | rejected | error'),
  message: z.string(),
});

export const Attempt = z.object({
  attempt: z.number().int().min(1),
  code: z.string().describe('what the engine wrote (for a failed call: what it streamed before failing, often empty)'),
  finish_reason: z.string().optional(),
  validation: ValidationSummary.optional().describe('absent when the call failed'),
  engine_failure: EngineFailure.optional(),
  error: AttemptError.optional().describe('the call failed after its retries'),
  retries: z.array(z.object({ delay_ms: z.number(), error: z.string() })).describe('engine calls retried inside this attempt'),
  usage: Usage,
  generate_ms: z.number(),
  validate_ms: z.number(),
});
export type Attempt = z.infer<typeof Attempt>;

export const GenerateWarning = z.object({
  source: z.enum(['compile', 'provider', 'generate']),
  code: z.string(),
  message: z.string(),
  constraint_id: z.string().optional(),
  setting: z.string().optional(),
});
export type GenerateWarning = z.infer<typeof GenerateWarning>;

export const GenerateResponse = z.object({
  code: z.string().describe('the chosen attempt\'s output; for the hole shape, only the text that fills the hole'),
  document: z.string().optional().describe('hole shape: prefix + fill + suffix, the text that was validated'),
  validation: ValidationReport,
  engine_failure: EngineFailure.optional().describe('set when any attempt showed the engine ignoring its constraint'),
  provenance: z.object({
    ir_id: z.string(),
    constraint_set_id: z.string().optional(),
    target: z.string().optional(),
    shape: Shape,
    language: Language.optional(),
    compiler_version: z.string(),
    source: z.enum(['constraints', 'ir_id', 'context']),
    cache: z.enum(['hit', 'miss', 'bypass']).describe('whether the IR (and, for context, the extraction) came from the cache'),
  }),
  usage: Usage.describe('summed over attempts'),
  timings: z.object({ extract_ms: z.number(), compile_ms: z.number(), generate_ms: z.number(), validate_ms: z.number(), total_ms: z.number() }),
  provider: z.string().describe('the configured provider name'),
  model: z.string(),
  warnings: z.array(GenerateWarning),
  chosen_attempt: z.number().int().min(1),
  attempts: z.array(Attempt),
});
export type GenerateResponse = z.infer<typeof GenerateResponse>;

/** POST /v1/validate: the report, with what the checking itself had to say (e.g. a signature checked as text). */
export const ValidateResponse = ValidationReport.extend({ warnings: z.array(GenerateWarning) });
export type ValidateResponse = z.infer<typeof ValidateResponse>;

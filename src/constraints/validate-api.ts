import { z } from 'zod';
import { Validator } from './compile-api.js';
import { ConstraintSet, Language, Position } from './schema.js';

export const Violation = z.object({
  constraint_id: z.string(),
  check: Validator.shape.check,
  message: z.string(),
  location: Position.optional(),
  hint: z.string(),
});
export type Violation = z.infer<typeof Violation>;

export const ValidationReport = z.object({
  all_satisfied: z.boolean(),
  satisfied: z.array(z.object({ constraint_id: z.string(), check: Validator.shape.check })),
  violated: z.array(Violation),
  not_checked: z.array(z.object({ constraint_id: z.string(), reason: z.string() })),
});
export type ValidationReport = z.infer<typeof ValidationReport>;

export const ValidateRequest = z
  .object({
    code: z.string(),
    language: Language,
    shape: z.enum(['function', 'module', 'json', 'hole']).default('module'),
    target: z.string().optional().describe('the signature, type, schema or hole the code is for (name or constraint id), as in generate; needed when the set has more than one for the shape'),
    constraints: ConstraintSet,
  })
  .strict();
export type ValidateRequest = z.infer<typeof ValidateRequest>;

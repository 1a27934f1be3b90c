import type { z } from 'zod';
import { ExtractRequest, ExtractResponse } from './extract-api.js';
import { Constraint, ConstraintSet } from './schema.js';

/** Every body that crosses an HTTP boundary; scripts/gen-schema.ts writes each into docs/schema/. */
export const WIRE_SCHEMAS: Record<string, { schema: z.ZodType; io: 'input' | 'output' }> = {
  Constraint: { schema: Constraint, io: 'output' },
  ConstraintSet: { schema: ConstraintSet, io: 'output' },
  ExtractRequest: { schema: ExtractRequest, io: 'input' },
  ExtractResponse: { schema: ExtractResponse, io: 'output' },
};

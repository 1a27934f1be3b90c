import { z } from 'zod';
import { ExtractRequest, ExtractResponse } from './extract-api.js';
import { GenerateRequest, GenerateResponse, ValidateResponse } from './generate-api.js';
import { ValidateRequest } from './validate-api.js';
import { Constraint, ConstraintSet } from './schema.js';

/** Every body that crosses an HTTP boundary; scripts/gen-schema.ts writes each into docs/schema/. */
export const WIRE_SCHEMAS: Record<string, { schema: z.ZodType; io: 'input' | 'output' }> = {
  Constraint: { schema: Constraint, io: 'output' },
  ConstraintSet: { schema: ConstraintSet, io: 'output' },
  ExtractRequest: { schema: ExtractRequest, io: 'input' },
  ExtractResponse: { schema: ExtractResponse, io: 'output' },
  GenerateRequest: { schema: GenerateRequest, io: 'input' },
  GenerateResponse: { schema: GenerateResponse, io: 'output' },
  ValidateRequest: { schema: ValidateRequest, io: 'input' },
  ValidateResponse: { schema: ValidateResponse, io: 'output' },
};

/** The JSON Schema document for one wire type, exactly as it is stored in docs/schema/<name>.json. */
export function renderWireSchema(name: string): string {
  const entry = WIRE_SCHEMAS[name];
  if (!entry) throw new Error(`no wire schema "${name}"`);
  const json = z.toJSONSchema(entry.schema, { io: entry.io, target: 'draft-2020-12', unrepresentable: 'any', reused: 'ref' });
  return `${JSON.stringify({ $id: `https://ananke.dev/schema/${name}.json`, title: name, ...json }, null, 2)}\n`;
}

import type { ConstraintOf } from '../../constraints/schema.js';
import { createJsonSchemaValidator } from '../json-schema.js';
import { violated, type Check, type Candidate } from './types.js';

export const checkRequire: Check<ConstraintOf<'require'>> = (constraint, candidate) => {
  const { match, pattern, reason } = constraint.payload;
  const present = match === 'regex' ? new RegExp(pattern).test(candidate.code) : candidate.code.includes(pattern);
  return present ? { status: 'satisfied' } : violated({ message: `does not contain ${match === 'regex' ? `a match of /${pattern}/` : JSON.stringify(pattern)}`, hint: reason });
};

export const checkRegex: Check<ConstraintOf<'regex'>> = (constraint, candidate) => {
  const { pattern, flags } = constraint.payload;
  const anchored = new RegExp(`^(?:${pattern})$`, flags.replace('g', ''));
  return anchored.test(candidate.code) ? { status: 'satisfied' } : violated({ message: `does not match /${pattern}/${flags}`, hint: 'the whole output must match the pattern' });
};

export const checkLength: Check<ConstraintOf<'length'>> = (constraint, candidate) => {
  const lines = candidate.code.split('\n').length;
  const { max_lines: maxLines, max_chars: maxChars } = constraint.payload;
  return violated(
    ...(maxLines !== undefined && lines > maxLines ? [{ message: `${lines} lines, over ${maxLines}`, hint: 'shorten the output' }] : []),
    ...(maxChars !== undefined && candidate.code.length > maxChars ? [{ message: `${candidate.code.length} characters, over ${maxChars}`, hint: 'shorten the output' }] : []),
  );
};

function checkSchema(schema: Record<string, unknown>, candidate: Candidate) {
  if (candidate.shape !== 'json') return { status: 'not_checked' as const, reason: 'schemas are checked on json output' };
  if (candidate.json === undefined) return violated({ message: 'output is not JSON', hint: 'emit one JSON value' });
  const result = createJsonSchemaValidator(schema).validate(candidate.json);
  return violated(...result.errors.map((error) => ({ message: `${error.path || '/'}: ${error.message}`, hint: `schema keyword ${error.keyword}` })));
}

export const checkJsonSchema: Check<ConstraintOf<'json_schema'>> = (constraint, candidate) => checkSchema(constraint.payload.schema, candidate);
export const checkTypeShape: Check<ConstraintOf<'type_shape'>> = (constraint, candidate) => checkSchema(constraint.payload.schema, candidate);

import type { KeywordHandler } from '../evaluator.js';
import { checkFormat, isAssertedFormat } from '../formats.js';

/** Length in Unicode code points, as JSON Schema counts it (an emoji is 1, not 2). */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}

const minLength: KeywordHandler = (value, _schema, instance, scope) => {
  if (typeof value !== 'number' || typeof instance !== 'string') return;
  if (codePointLength(instance) < value) scope.fail('minLength', `must have at least ${value} characters`);
};

const maxLength: KeywordHandler = (value, _schema, instance, scope) => {
  if (typeof value !== 'number' || typeof instance !== 'string') return;
  if (codePointLength(instance) > value) scope.fail('maxLength', `must have at most ${value} characters`);
};

const pattern: KeywordHandler = (value, _schema, instance, scope) => {
  if (typeof value !== 'string' || typeof instance !== 'string') return;
  if (!scope.program.regex(value).test(instance)) scope.fail('pattern', `must match pattern ${JSON.stringify(value)}`);
};

const format: KeywordHandler = (value, _schema, instance, scope) => {
  if (!scope.program.assertFormats || typeof value !== 'string' || typeof instance !== 'string') return;
  if (isAssertedFormat(value) && !checkFormat(value, instance)) scope.fail('format', `must be a valid ${value}`);
};

export const stringKeywords = { minLength, maxLength, pattern, format } satisfies Record<string, KeywordHandler>;

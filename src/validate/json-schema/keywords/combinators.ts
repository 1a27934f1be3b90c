import type { KeywordHandler } from '../evaluator.js';

function branches(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const allOf: KeywordHandler = (value, _schema, instance, scope) => {
  branches(value).forEach((branch, index) => scope.apply(branch, ['allOf', index], instance));
};

const anyOf: KeywordHandler = (value, _schema, instance, scope) => {
  const options = branches(value);
  if (options.some((branch, index) => scope.test(branch, ['anyOf', index], instance))) return;
  scope.fail('anyOf', `must match at least one of the ${options.length} schemas in "anyOf"`);
};

const oneOf: KeywordHandler = (value, _schema, instance, scope) => {
  const matching = branches(value).flatMap((branch, index) => (scope.test(branch, ['oneOf', index], instance) ? [index] : []));
  if (matching.length === 1) return;
  const found = matching.length === 0 ? 'none matches' : `schemas ${matching.join(', ')} all match`;
  scope.fail('oneOf', `must match exactly one schema in "oneOf" (${found})`);
};

const not: KeywordHandler = (value, _schema, instance, scope) => {
  if (scope.test(value, ['not'], instance)) scope.fail('not', 'must not match the schema in "not"');
};

const ifThenElse: KeywordHandler = (value, schema, instance, scope) => {
  const branch = scope.test(value, ['if'], instance) ? 'then' : 'else';
  if (branch in schema) scope.apply(schema[branch], [branch], instance);
};

const handledBySibling: KeywordHandler = () => {};

export const combinatorKeywords = { allOf, anyOf, oneOf, not } satisfies Record<string, KeywordHandler>;
export const conditionalKeywords = { if: ifThenElse, then: handledBySibling, else: handledBySibling } satisfies Record<string, KeywordHandler>;

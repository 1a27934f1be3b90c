import { jsonEqual, jsonTypeOf } from '../equality.js';
import type { KeywordHandler } from '../evaluator.js';
import { preview } from './describe.js';

function matchesType(typeName: unknown, instance: unknown): boolean {
  if (typeName === 'integer') return typeof instance === 'number' && Number.isInteger(instance);
  return jsonTypeOf(instance) === typeName;
}

const type: KeywordHandler = (value, _schema, instance, scope) => {
  const typeNames = Array.isArray(value) ? value : [value];
  if (typeNames.some((typeName) => matchesType(typeName, instance))) return;
  scope.fail('type', `must be ${typeNames.join(' or ')}, got ${jsonTypeOf(instance) ?? typeof instance}`);
};

const enumKeyword: KeywordHandler = (value, _schema, instance, scope) => {
  if (!Array.isArray(value) || value.some((allowed) => jsonEqual(allowed, instance))) return;
  scope.fail('enum', `must be one of ${preview(value)}`);
};

const constKeyword: KeywordHandler = (value, _schema, instance, scope) => {
  if (!jsonEqual(value, instance)) scope.fail('const', `must equal ${preview(value)}`);
};

const reference: KeywordHandler = (value, _schema, instance, scope) => {
  if (typeof value === 'string') scope.followReference(value, instance);
};

export const typeKeywords = { type, enum: enumKeyword } satisfies Record<string, KeywordHandler>;
export const constKeywords = { const: constKeyword } satisfies Record<string, KeywordHandler>;
export const referenceKeywords = { $ref: reference } satisfies Record<string, KeywordHandler>;

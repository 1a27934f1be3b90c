import { canonicalJson } from '../../../constraints/canonical.js';
import type { KeywordHandler, KeywordScope } from '../evaluator.js';

function applyToItems(schema: unknown, keyword: string, items: readonly unknown[], from: number, scope: KeywordScope): void {
  for (let index = from; index < items.length; index += 1) scope.apply(schema, [keyword], items[index], [index]);
}

function applyTuple(schemas: readonly unknown[], keyword: string, items: readonly unknown[], scope: KeywordScope): void {
  const count = Math.min(schemas.length, items.length);
  for (let index = 0; index < count; index += 1) scope.apply(schemas[index], [keyword, index], items[index], [index]);
}

/** Before 2020-12, `items` was either one schema for all items or a tuple, with `additionalItems` for the rest. */
const legacyItems: KeywordHandler = (value, schema, instance, scope) => {
  if (!Array.isArray(instance)) return;
  if (!Array.isArray(value)) {
    applyToItems(value, 'items', instance, 0, scope);
    return;
  }
  applyTuple(value, 'items', instance, scope);
  if ('additionalItems' in schema) applyToItems(schema.additionalItems, 'additionalItems', instance, value.length, scope);
};

const prefixItems: KeywordHandler = (value, _schema, instance, scope) => {
  if (Array.isArray(value) && Array.isArray(instance)) applyTuple(value, 'prefixItems', instance, scope);
};

/** 2020-12 `items` covers what `prefixItems` leaves; the old tuple form is read as before (no ambiguity). */
const items: KeywordHandler = (value, schema, instance, scope) => {
  if (Array.isArray(value)) {
    legacyItems(value, schema, instance, scope);
    return;
  }
  if (!Array.isArray(instance)) return;
  const prefixLength = Array.isArray(schema.prefixItems) ? schema.prefixItems.length : 0;
  applyToItems(value, 'items', instance, prefixLength, scope);
};

function countMatches(schema: unknown, instance: readonly unknown[], scope: KeywordScope): number {
  return instance.filter((item, index) => scope.test(schema, ['contains'], item, [index])).length;
}

/** Draft-06/07 `contains`: at least one item matches. */
const legacyContains: KeywordHandler = (value, _schema, instance, scope) => {
  if (!Array.isArray(instance)) return;
  if (countMatches(value, instance, scope) === 0) scope.fail('contains', 'must contain at least 1 item matching "contains"');
};

/** 2020-12 `contains` with `minContains` (default 1, may be 0) and `maxContains`. */
const contains: KeywordHandler = (value, schema, instance, scope) => {
  if (!Array.isArray(instance)) return;
  const matches = countMatches(value, instance, scope);
  const minimum = typeof schema.minContains === 'number' ? schema.minContains : 1;
  const maximum = typeof schema.maxContains === 'number' ? schema.maxContains : Infinity;
  if (matches < minimum) {
    const keyword = 'minContains' in schema ? 'minContains' : 'contains';
    scope.fail(keyword, `must contain at least ${minimum} item(s) matching "contains", found ${matches}`);
  }
  if (matches > maximum) scope.fail('maxContains', `must contain at most ${maximum} item(s) matching "contains", found ${matches}`);
};

const minItems: KeywordHandler = (value, _schema, instance, scope) => {
  if (typeof value === 'number' && Array.isArray(instance) && instance.length < value) {
    scope.fail('minItems', `must have at least ${value} items`);
  }
};

const maxItems: KeywordHandler = (value, _schema, instance, scope) => {
  if (typeof value === 'number' && Array.isArray(instance) && instance.length > value) {
    scope.fail('maxItems', `must have at most ${value} items`);
  }
};

const uniqueItems: KeywordHandler = (value, _schema, instance, scope) => {
  if (value !== true || !Array.isArray(instance)) return;
  const firstIndexByValue = new Map<string, number>();
  for (const [index, item] of instance.entries()) {
    const key = canonicalJson(item);
    const earlier = firstIndexByValue.get(key);
    if (earlier !== undefined) {
      scope.fail('uniqueItems', `must not contain duplicate items (items ${earlier} and ${index} are equal)`);
      return;
    }
    firstIndexByValue.set(key, index);
  }
};

const handledBySibling: KeywordHandler = () => {};

export const arrayBoundKeywords = { minItems, maxItems, uniqueItems } satisfies Record<string, KeywordHandler>;
export const legacyArrayKeywords = { items: legacyItems, additionalItems: handledBySibling } satisfies Record<string, KeywordHandler>;
export const legacyContainsKeywords = { contains: legacyContains } satisfies Record<string, KeywordHandler>;
export const modernArrayKeywords = {
  prefixItems,
  items,
  additionalItems: handledBySibling,
  contains,
  minContains: handledBySibling,
  maxContains: handledBySibling,
} satisfies Record<string, KeywordHandler>;

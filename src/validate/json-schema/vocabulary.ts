import { isPlainObject } from './equality.js';
import type { JsonSchema, SchemaObject } from './types.js';

/** Keywords whose value is one subschema. */
export const SINGLE_SUBSCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  'additionalProperties', 'propertyNames', 'additionalItems', 'contains', 'not', 'if', 'then', 'else',
  'unevaluatedProperties', 'unevaluatedItems', 'contentSchema',
]);

/** Keywords whose value is an array of subschemas. */
export const ARRAY_SUBSCHEMA_KEYWORDS: ReadonlySet<string> = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** Keywords whose value maps names (or patterns) to subschemas. */
export const MAP_SUBSCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  'properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas',
]);

/** Keywords that describe and never assert: every validator and engine may ignore them. */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  '$schema', '$id', '$comment', '$defs', 'definitions', 'title', 'description', 'default', 'examples',
  'deprecated', 'readOnly', 'writeOnly', 'contentMediaType', 'contentEncoding', 'contentSchema', '$vocabulary',
]);

export type SubschemaVisitor = (subschema: JsonSchema, segments: (string | number)[]) => void;

export function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || isPlainObject(value);
}

/**
 * Calls `visit` for each direct subschema of `schema` with the path segments that lead to it.
 * `items` may be one schema or (before 2020-12) an array; `dependencies` mixes schemas and
 * name lists. Values of `enum`, `const`, `default` and unknown keywords are data, never visited.
 */
export function forEachSubschema(schema: SchemaObject, visit: SubschemaVisitor): void {
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'items') {
      visitSingleOrArray(value, keyword, visit);
    } else if (SINGLE_SUBSCHEMA_KEYWORDS.has(keyword)) {
      if (isSchema(value)) visit(value, [keyword]);
    } else if (ARRAY_SUBSCHEMA_KEYWORDS.has(keyword)) {
      if (Array.isArray(value)) value.forEach((item, index) => isSchema(item) && visit(item, [keyword, index]));
    } else if (MAP_SUBSCHEMA_KEYWORDS.has(keyword) || keyword === 'dependencies') {
      visitMap(value, keyword, visit);
    }
  }
}

function visitSingleOrArray(value: unknown, keyword: string, visit: SubschemaVisitor): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => isSchema(item) && visit(item, [keyword, index]));
  } else if (isSchema(value)) {
    visit(value, [keyword]);
  }
}

function visitMap(value: unknown, keyword: string, visit: SubschemaVisitor): void {
  if (!isPlainObject(value)) return;
  for (const [name, member] of Object.entries(value)) {
    if (isSchema(member)) visit(member, [keyword, name]);
  }
}

/** Visits `root` and every subschema below it, depth first, with its segments from the root. */
export function walkSchema(root: JsonSchema, visit: SubschemaVisitor, segments: (string | number)[] = []): void {
  visit(root, segments);
  if (typeof root === 'boolean') return;
  forEachSubschema(root, (subschema, relative) => walkSchema(subschema, visit, [...segments, ...relative]));
}

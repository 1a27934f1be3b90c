/**
 * Canonical key order for a schema: keywords sorted, names in `$defs`, `patternProperties`,
 * `dependentSchemas` and `dependentRequired` sorted, data (enum, const, default...) with sorted
 * keys. `properties` keeps its order: llguidance, llama.cpp and OpenAI generate properties in
 * that order, so it is part of the meaning. (As everywhere in JavaScript, integer-like property
 * names come first whatever order they were written in.)
 */
import { isPlainObject } from '../../validate/json-schema/equality.js';
import { ARRAY_SUBSCHEMA_KEYWORDS, MAP_SUBSCHEMA_KEYWORDS, SINGLE_SUBSCHEMA_KEYWORDS } from '../../validate/json-schema/vocabulary.js';
import type { JsonSchema } from './types.js';

function canonicalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalData);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonicalData(value[key])]));
}

function mapEntries(value: unknown, sorted: boolean, member: (entry: unknown) => unknown): unknown {
  if (!isPlainObject(value)) return canonicalData(value);
  const names = sorted ? Object.keys(value).sort() : Object.keys(value);
  return Object.fromEntries(names.map((name) => [name, member(value[name])]));
}

function canonicalKeywordValue(keyword: string, value: unknown): unknown {
  if (keyword === 'properties') return mapEntries(value, false, canonicalSchemaValue);
  if (MAP_SUBSCHEMA_KEYWORDS.has(keyword)) return mapEntries(value, true, canonicalSchemaValue);
  if (keyword === 'dependentRequired') return mapEntries(value, true, (names) => names);
  if (keyword === 'required') return value;
  if (ARRAY_SUBSCHEMA_KEYWORDS.has(keyword) || (keyword === 'items' && Array.isArray(value))) {
    return Array.isArray(value) ? value.map(canonicalSchemaValue) : value;
  }
  if (SINGLE_SUBSCHEMA_KEYWORDS.has(keyword) || keyword === 'items') return canonicalSchemaValue(value);
  return canonicalData(value);
}

function canonicalSchemaValue(schema: unknown): unknown {
  if (!isPlainObject(schema)) return schema;
  return Object.fromEntries(Object.keys(schema).sort().map((keyword) => [keyword, canonicalKeywordValue(keyword, schema[keyword])]));
}

export function canonicalSchema(schema: JsonSchema): JsonSchema {
  return canonicalSchemaValue(schema) as JsonSchema;
}

/** Compact JSON text of a canonical schema: the same schema always gives the same bytes. */
export function schemaText(schema: JsonSchema): string {
  return JSON.stringify(canonicalSchema(schema));
}

import type { SchemaObject } from './types.js';

/**
 * llama.cpp's converter (common/json-schema-to-grammar.cpp, `visit()`, ggml-org/llama.cpp @011c6c3)
 * tries one branch per schema object, in a fixed order, and reads only that branch's keywords:
 * everything else in the same object is skipped silently. This models that order.
 */
export interface LlamaBranch {
  name: string;
  keywords: ReadonlySet<string>;
}

const UUID_OR_DATE_FORMAT = /^(uuid[1-5]?|date|time|date-time)$/;
const INTEGER_BOUNDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];

function branch(name: string, ...keywords: string[]): LlamaBranch {
  return { name, keywords: new Set(['type', ...keywords]) };
}

function singleTypeBranch(schema: SchemaObject, type: unknown): LlamaBranch {
  const untypedOr = (...types: string[]) => type === undefined || types.includes(type as string);
  if ('const' in schema) return branch('const', 'const');
  if ('enum' in schema) return branch('enum', 'enum');
  if (untypedOr('object') && ('properties' in schema || ('additionalProperties' in schema && schema.additionalProperties !== true))) {
    return branch('object', 'properties', 'required', 'additionalProperties');
  }
  if (untypedOr('object', 'string') && 'allOf' in schema) return branch('allOf', 'allOf');
  if (untypedOr('array') && 'items' in schema) {
    return Array.isArray(schema.items) ? branch('tuple', 'items') : branch('array', 'items', 'minItems', 'maxItems');
  }
  if (untypedOr('array') && 'prefixItems' in schema) return branch('tuple', 'prefixItems');
  if (untypedOr('string') && 'pattern' in schema) return branch('pattern', 'pattern');
  if (untypedOr('string') && typeof schema.format === 'string' && UUID_OR_DATE_FORMAT.test(schema.format)) return branch('format', 'format');
  if (type === 'string' && ('minLength' in schema || 'maxLength' in schema)) return branch('string length', 'minLength', 'maxLength');
  if (type === 'integer' && INTEGER_BOUNDS.some((bound) => bound in schema)) return branch('integer range', ...INTEGER_BOUNDS);
  return branch(typeof type === 'string' ? type : 'any value');
}

export function llamaBranch(schema: SchemaObject): LlamaBranch {
  if ('$ref' in schema) return { name: '$ref', keywords: new Set(['$ref']) };
  if ('oneOf' in schema) return { name: 'oneOf', keywords: new Set(['oneOf']) };
  if ('anyOf' in schema) return { name: 'anyOf', keywords: new Set(['anyOf']) };
  if (!Array.isArray(schema.type)) return singleTypeBranch(schema, schema.type);
  const keywords = new Set<string>(['type']);
  for (const type of schema.type) singleTypeBranch(schema, type).keywords.forEach((keyword) => keywords.add(keyword));
  return { name: 'type union', keywords };
}

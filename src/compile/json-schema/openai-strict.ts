/**
 * Rewrites a schema for OpenAI strict mode: every property required (the optional ones made
 * nullable), `additionalProperties: false` on every object, `oneOf` as `anyOf`, and keywords
 * strict mode refuses or does not document removed. Each change comes back as a warning, so
 * whatever was removed can still be checked by the validator after generation.
 */
import { isPlainObject, jsonEqual } from '../../validate/json-schema/equality.js';
import { appendPointer } from '../../validate/json-schema/pointer.js';
import { ARRAY_SUBSCHEMA_KEYWORDS, MAP_SUBSCHEMA_KEYWORDS, SINGLE_SUBSCHEMA_KEYWORDS } from '../../validate/json-schema/vocabulary.js';
import { canonicalSchema } from './canonical.js';
import { engineWarnings } from './engine-report.js';
import { ENGINE_SUPPORT, OPENAI_FORMATS } from './engines.js';
import { normalizeSchema, type NormalizeResult } from './normalize.js';
import { isAssertion, isObjectSchema, optionalProperties, propertyNames, typeNames } from './schema-facts.js';
import type { SchemaObject, SchemaWarning } from './types.js';

type MutableSchema = Record<string, unknown>;

const REFUSED = new Set(['allOf', 'not', 'dependentRequired', 'dependentSchemas', 'if', 'then', 'else', 'default']);

class StrictRewriter {
  readonly warnings: SchemaWarning[] = [];

  private note(path: string, keyword: string, action: SchemaWarning['action'], message: string, at = appendPointer(path, keyword)): void {
    this.warnings.push({ engine: 'openai_strict', keyword, path: at, action, message });
  }

  rewrite(input: unknown, path: string): unknown {
    if (!isPlainObject(input)) return input;
    const node = this.mergeAllOf(input, path);
    const result: MutableSchema = {};
    for (const [keyword, value] of Object.entries(node)) this.rewriteKeyword(keyword, value, node, path, result);
    if (isObjectSchema(node)) this.closeObject(node, result, path);
    return result;
  }

  /** Strict mode has no allOf; branches that only add keywords (or properties) are folded into the schema. */
  private mergeAllOf(node: SchemaObject, path: string): SchemaObject {
    if (!Array.isArray(node.allOf)) return node;
    const { allOf, ...merged } = node as MutableSchema;
    for (const branch of node.allOf) {
      if (!isPlainObject(branch) || '$ref' in branch || !mergeInto(merged, branch)) return node;
    }
    this.note(path, 'allOf', 'rewritten', `allOf folded into the schema: its ${(allOf as unknown[]).length} branch(es) only add keywords`);
    return merged;
  }

  private rewriteKeyword(keyword: string, value: unknown, node: SchemaObject, path: string, result: MutableSchema): void {
    if (keyword === 'oneOf') {
      if ('anyOf' in node) return this.note(path, keyword, 'dropped', 'removed: anyOf is already present and strict mode has no oneOf');
      result.anyOf = this.subschemas(keyword, value, path);
      return this.note(path, keyword, 'rewritten', 'oneOf written as anyOf: a value matching several branches is accepted');
    }
    if (REFUSED.has(keyword)) return this.note(path, keyword, 'dropped', `removed: OpenAI strict mode refuses ${keyword}`);
    if (keyword === 'format' && !OPENAI_FORMATS.has(String(value))) {
      return this.note(path, keyword, 'dropped', `removed: OpenAI strict mode refuses format "${String(value)}"`);
    }
    if (isAssertion(keyword) && !ENGINE_SUPPORT.openai_strict.supported.has(keyword)) {
      return this.note(path, keyword, 'dropped', `removed: ${keyword} is not among the keywords OpenAI documents for strict mode`);
    }
    result[keyword] = this.subschemas(keyword, value, path);
  }

  private subschemas(keyword: string, value: unknown, path: string): unknown {
    const at = appendPointer(path, keyword === 'oneOf' ? 'anyOf' : keyword);
    if (SINGLE_SUBSCHEMA_KEYWORDS.has(keyword) || keyword === 'items') return this.rewrite(value, at);
    if (ARRAY_SUBSCHEMA_KEYWORDS.has(keyword) || keyword === 'oneOf') {
      return Array.isArray(value) ? value.map((member, index) => this.rewrite(member, appendPointer(at, index))) : value;
    }
    if (MAP_SUBSCHEMA_KEYWORDS.has(keyword) && isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, this.rewrite(member, appendPointer(at, name))]));
    }
    return value;
  }

  private closeObject(original: SchemaObject, result: MutableSchema, path: string): void {
    const properties = isPlainObject(result.properties) ? { ...result.properties } : {};
    for (const name of optionalProperties(original)) {
      properties[name] = nullable(properties[name]);
      const at = appendPointer(path, 'properties', name);
      this.note(path, 'required', 'rewritten', `optional property "${name}" made required and nullable`, at);
    }
    if (isPlainObject(result.properties)) result.properties = properties;
    result.required = propertyNames(original);
    if (result.additionalProperties !== false) {
      const before = 'additionalProperties' in original ? 'other properties were allowed' : 'additionalProperties was unset';
      this.note(path, 'additionalProperties', 'rewritten', `set to false (${before})`);
      result.additionalProperties = false;
    }
    if (!typeNames(original).includes('object')) {
      result.type = 'object';
      this.note(path, 'type', 'rewritten', 'type "object" added: strict mode needs every object typed');
    }
  }
}

function mergeInto(target: MutableSchema, branch: SchemaObject): boolean {
  for (const [keyword, value] of Object.entries(branch)) {
    if (keyword === 'required' && Array.isArray(value)) {
      target.required = [...new Set([...(Array.isArray(target.required) ? target.required : []), ...value])];
    } else if (keyword === 'properties' && isPlainObject(value)) {
      const properties = isPlainObject(target.properties) ? target.properties : {};
      if (Object.keys(value).some((name) => Object.hasOwn(properties, name) && !jsonEqual(properties[name], value[name]))) return false;
      target.properties = { ...properties, ...value };
    } else if (keyword in target && !jsonEqual(target[keyword], value)) {
      return false;
    } else {
      target[keyword] = value;
    }
  }
  return true;
}

/** The same schema, also accepting null: a "null" type member where that is exact, else anyOf with null. */
function nullable(schema: unknown): unknown {
  if (!isPlainObject(schema)) return schema === false ? { type: 'null' } : schema;
  const types = typeNames(schema);
  if (types.includes('null')) return schema;
  const simple = types.length > 0 && !('const' in schema) && !('$ref' in schema) && !('anyOf' in schema);
  if (!simple) return { anyOf: [schema, { type: 'null' }] };
  const widened: MutableSchema = { ...schema, type: [...types, 'null'] };
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) widened.enum = [...schema.enum, null];
  return widened;
}

/**
 * `normalizeSchema`, then the strict-mode rewrite. Warnings: the normalisation's own rewrites,
 * every change made for strict mode, and what strict mode would still refuse (such as a root
 * that is not an object), which no rewrite can fix without changing the output's shape.
 */
export function toOpenAiStrict(schema: unknown): NormalizeResult {
  const normalized = normalizeSchema(schema, { engines: [] });
  const rewriter = new StrictRewriter();
  const strict = canonicalSchema(rewriter.rewrite(normalized.schema, '#') as SchemaObject);
  const remaining = engineWarnings(strict, ['openai_strict']).filter((warning) => warning.action === 'rejected');
  return { schema: strict, warnings: [...normalized.warnings, ...rewriter.warnings, ...remaining] };
}

/**
 * Rewrites draft-04/06/07 and OpenAPI spellings into their 2020-12 equivalents, so every engine
 * reads one dialect: `definitions` -> `$defs`, tuple `items` -> `prefixItems` (+ `additionalItems`
 * -> `items`), `dependencies` -> `dependentRequired` / `dependentSchemas`, boolean
 * `exclusiveMinimum`/`exclusiveMaximum` -> numeric ones, OpenAPI `nullable` -> a `"null"` type.
 * `$ref`s that pointed into renamed places are rewritten to match.
 */
import { AnankeError } from '../../errors.js';
import { dialectOfSchemaUri } from '../../validate/json-schema/dialects.js';
import { isPlainObject } from '../../validate/json-schema/equality.js';
import { appendPointer, fragmentFromSegments, fragmentSegments } from '../../validate/json-schema/pointer.js';
import {
  ANNOTATION_KEYWORDS, ARRAY_SUBSCHEMA_KEYWORDS, MAP_SUBSCHEMA_KEYWORDS, SINGLE_SUBSCHEMA_KEYWORDS, walkSchema,
} from '../../validate/json-schema/vocabulary.js';
import type { Dialect } from '../../validate/json-schema.js';
import type { JsonSchema, SchemaObject, SchemaWarning } from './types.js';

type MutableSchema = Record<string, unknown>;

interface Upgrader {
  readonly legacy: boolean;
  readonly warnings: SchemaWarning[];
}

function note(upgrader: Upgrader, keyword: string, path: string, action: SchemaWarning['action'], message: string): void {
  upgrader.warnings.push({ engine: 'all', keyword, path: appendPointer(path, keyword), action, message });
}

function upgradeMap(value: unknown, path: string, upgrader: Upgrader): MutableSchema {
  const result: MutableSchema = {};
  if (!isPlainObject(value)) return result;
  for (const [name, member] of Object.entries(value)) result[name] = upgradeNode(member, appendPointer(path, name), upgrader);
  return result;
}

function upgradeKeywordValue(keyword: string, value: unknown, path: string, upgrader: Upgrader): unknown {
  const at = appendPointer(path, keyword);
  if (SINGLE_SUBSCHEMA_KEYWORDS.has(keyword) || keyword === 'items') return upgradeNode(value, at, upgrader);
  if (ARRAY_SUBSCHEMA_KEYWORDS.has(keyword) && Array.isArray(value)) {
    return value.map((member, index) => upgradeNode(member, appendPointer(at, index), upgrader));
  }
  if (MAP_SUBSCHEMA_KEYWORDS.has(keyword)) return upgradeMap(value, at, upgrader);
  return value;
}

function mergeDefinitions(schema: SchemaObject, path: string, upgrader: Upgrader): MutableSchema | undefined {
  if (!('definitions' in schema) && !('$defs' in schema)) return undefined;
  const definitions = upgradeMap(schema.definitions, appendPointer(path, '$defs'), upgrader);
  const defs = upgradeMap(schema.$defs, appendPointer(path, '$defs'), upgrader);
  const clash = Object.keys(definitions).find((name) => Object.hasOwn(defs, name));
  if (clash !== undefined) {
    throw new AnankeError('invalid_request', `the schema defines "${clash}" in both $defs and definitions`, 'Keep one of the two definitions (2020-12 uses $defs).');
  }
  if ('definitions' in schema) note(upgrader, '$defs', path, 'rewritten', 'definitions renamed to $defs (2020-12)');
  return { ...definitions, ...defs };
}

function upgradeArrayKeywords(schema: SchemaObject, result: MutableSchema, path: string, upgrader: Upgrader): void {
  if (Array.isArray(schema.items)) {
    result.prefixItems = upgradeKeywordValue('prefixItems', schema.items, path, upgrader);
    note(upgrader, 'prefixItems', path, 'rewritten', 'array-form items written as prefixItems (2020-12)');
    if ('additionalItems' in schema) {
      result.items = upgradeNode(schema.additionalItems, appendPointer(path, 'items'), upgrader);
      note(upgrader, 'items', path, 'rewritten', 'additionalItems written as items (2020-12)');
    }
  } else if ('items' in schema) {
    result.items = upgradeKeywordValue('items', schema.items, path, upgrader);
  }
  if ('additionalItems' in schema && !Array.isArray(schema.items)) {
    note(upgrader, 'additionalItems', path, 'dropped', 'additionalItems has no effect without array-form items');
  }
}

function upgradeDependencies(schema: SchemaObject, result: MutableSchema, path: string, upgrader: Upgrader): void {
  if (!isPlainObject(schema.dependencies)) return;
  for (const [name, dependency] of Object.entries(schema.dependencies)) {
    if (Array.isArray(dependency)) {
      result.dependentRequired = { ...(result.dependentRequired as object | undefined), [name]: dependency };
    } else {
      const upgraded = upgradeNode(dependency, appendPointer(path, 'dependentSchemas', name), upgrader);
      result.dependentSchemas = { ...(result.dependentSchemas as object | undefined), [name]: upgraded };
    }
  }
  note(upgrader, 'dependencies', path, 'rewritten', 'dependencies split into dependentRequired and dependentSchemas (2020-12)');
}

/** Draft-04 `maximum` + `exclusiveMaximum: true` is 2020-12 `exclusiveMaximum: <maximum>`. */
function upgradeBound(schema: SchemaObject, result: MutableSchema, bound: 'minimum' | 'maximum', path: string, upgrader: Upgrader): void {
  const exclusiveKeyword = bound === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
  const exclusive = schema[exclusiveKeyword];
  if (typeof exclusive === 'number') result[exclusiveKeyword] = exclusive;
  if (!(bound in schema)) return;
  if (exclusive === true) {
    result[exclusiveKeyword] = schema[bound];
    note(upgrader, exclusiveKeyword, path, 'rewritten', `${bound} with ${exclusiveKeyword}: true written as numeric ${exclusiveKeyword} (2020-12)`);
  } else {
    result[bound] = schema[bound];
  }
}

/** OpenAPI 3.0 `nullable: true` is a `"null"` member of `type` (and of `enum`, when there is one). */
function upgradeNullable(schema: SchemaObject, result: MutableSchema, path: string, upgrader: Upgrader): void {
  if (schema.nullable !== true) {
    if ('nullable' in schema) note(upgrader, 'nullable', path, 'dropped', 'nullable: false is the default; removed');
    return;
  }
  const types = typeof result.type === 'string' ? [result.type] : Array.isArray(result.type) ? result.type : undefined;
  if (types && !types.includes('null')) result.type = [...types, 'null'];
  if (Array.isArray(result.enum) && !result.enum.includes(null)) result.enum = [...result.enum, null];
  note(upgrader, 'nullable', path, 'rewritten', 'OpenAPI nullable: true written as a "null" type');
}

const HANDLED_APART = new Set([
  'definitions', '$defs', 'items', 'additionalItems', 'dependencies', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'nullable',
]);

function keptKeywords(schema: SchemaObject, path: string, upgrader: Upgrader): string[] {
  const keywords = Object.keys(schema);
  if (!upgrader.legacy || !('$ref' in schema)) return keywords;
  const kept = keywords.filter((keyword) => keyword === '$ref' || ANNOTATION_KEYWORDS.has(keyword));
  for (const keyword of keywords.filter((candidate) => !kept.includes(candidate))) {
    note(upgrader, keyword, path, 'dropped', 'draft-07 and older ignore keywords beside $ref; removed because 2020-12 engines apply them');
  }
  return kept;
}

function upgradeNode(node: unknown, path: string, upgrader: Upgrader): unknown {
  if (!isPlainObject(node)) return node;
  const result: MutableSchema = {};
  const keywords = keptKeywords(node, path, upgrader);
  for (const keyword of keywords) {
    if (!HANDLED_APART.has(keyword)) result[keyword] = upgradeKeywordValue(keyword, node[keyword], path, upgrader);
  }
  const definitions = mergeDefinitions(node, path, upgrader);
  if (definitions) result.$defs = definitions;
  if (!keywords.includes('$ref') || !upgrader.legacy) {
    upgradeArrayKeywords(node, result, path, upgrader);
    upgradeDependencies(node, result, path, upgrader);
    upgradeBound(node, result, 'minimum', path, upgrader);
    upgradeBound(node, result, 'maximum', path, upgrader);
    upgradeNullable(node, result, path, upgrader);
  }
  return result;
}

/** Where a pointer into the original schema lands after the renames above. */
function translateSegments(original: unknown, segments: readonly string[]): string[] {
  const translated: string[] = [];
  let node = original;
  for (let index = 0; index < segments.length;) {
    const keyword = segments[index] as string;
    const next = segments[index + 1];
    if (!isPlainObject(node)) return [...translated, ...segments.slice(index)];
    let step: { out: string[]; child: unknown; used: number } | undefined;
    if (keyword === 'definitions' && next !== undefined) step = { out: ['$defs', next], child: (node.definitions as MutableSchema | undefined)?.[next], used: 2 };
    else if (keyword === 'items' && Array.isArray(node.items) && next !== undefined) step = { out: ['prefixItems', next], child: node.items[Number(next)], used: 2 };
    else if (keyword === 'additionalItems' && Array.isArray(node.items)) step = { out: ['items'], child: node.additionalItems, used: 1 };
    else if (keyword === 'dependencies' && next !== undefined) {
      const dependency = (node.dependencies as MutableSchema | undefined)?.[next];
      if (Array.isArray(dependency)) return [...translated, 'dependentRequired', ...segments.slice(index + 1)];
      step = { out: ['dependentSchemas', next], child: dependency, used: 2 };
    } else if ((MAP_SUBSCHEMA_KEYWORDS.has(keyword) || ARRAY_SUBSCHEMA_KEYWORDS.has(keyword)) && next !== undefined) {
      step = { out: [keyword, next], child: (node[keyword] as MutableSchema | undefined)?.[next], used: 2 };
    } else if (SINGLE_SUBSCHEMA_KEYWORDS.has(keyword) || keyword === 'items') {
      step = { out: [keyword], child: node[keyword], used: 1 };
    }
    if (!step) return [...translated, ...segments.slice(index)];
    translated.push(...step.out);
    node = step.child;
    index += step.used;
  }
  return translated;
}

function rewriteReferences(upgraded: JsonSchema, original: JsonSchema): void {
  walkSchema(upgraded, (node) => {
    if (typeof node === 'boolean' || typeof node.$ref !== 'string') return;
    const segments = fragmentSegments(node.$ref);
    if (segments) (node as MutableSchema).$ref = fragmentFromSegments(translateSegments(original, segments));
  });
}

/** `dialect` applies when the schema has no recognised `$schema`; without either, it is read as 2020-12. */
export function upgradeToDraft2020(schema: JsonSchema, fallbackDialect?: Dialect): { schema: JsonSchema; warnings: SchemaWarning[] } {
  const dialect = (isPlainObject(schema) ? dialectOfSchemaUri(schema.$schema) : undefined) ?? fallbackDialect;
  const upgrader: Upgrader = { legacy: dialect === 'draft-04' || dialect === 'draft-07', warnings: [] };
  const upgraded = upgradeNode(schema, '#', upgrader) as JsonSchema;
  rewriteReferences(upgraded, schema);
  if (isPlainObject(upgraded) && dialect && dialect !== '2020-12') {
    (upgraded as MutableSchema).$schema = 'https://json-schema.org/draft/2020-12/schema';
    note(upgrader, '$schema', '#', 'rewritten', `schema written for ${dialect} upgraded to 2020-12`);
  }
  return { schema: upgraded, warnings: upgrader.warnings };
}

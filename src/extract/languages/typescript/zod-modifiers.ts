import type { Node } from 'web-tree-sitter';
import { nullable, type JsonSchema } from '../common.js';
import { literalValue } from './syntax.js';
import { objectSchema } from './type-schema.js';

export interface ZodValue {
  schema: JsonSchema;
  /** `.optional()`, `.nullish()` or `.default()`: may be left out of an object. */
  optional: boolean;
  /** The schema a `$ref` points to, when it is declared earlier in the file (for `.extend()`, `.pick()`, ...). */
  base?: JsonSchema | undefined;
}

type Evaluate = (node: Node) => ZodValue | undefined;

export const FORMATS: Record<string, string> = { email: 'email', url: 'uri', uuid: 'uuid', datetime: 'date-time', date: 'date', ipv4: 'ipv4', ipv6: 'ipv6' };

/** Bound keywords by the type they constrain: [string, number, array]. */
const BOUNDS: Record<string, [string, string, string]> = {
  min: ['minLength', 'minimum', 'minItems'],
  max: ['maxLength', 'maximum', 'maxItems'],
  gte: ['minLength', 'minimum', 'minItems'],
  lte: ['maxLength', 'maximum', 'maxItems'],
  gt: ['minLength', 'exclusiveMinimum', 'minItems'],
  lt: ['maxLength', 'exclusiveMaximum', 'maxItems'],
};

const SIGN_BOUNDS: Record<string, [string, number]> = {
  positive: ['exclusiveMinimum', 0],
  nonnegative: ['minimum', 0],
  negative: ['exclusiveMaximum', 0],
  nonpositive: ['maximum', 0],
};

/** A record's own entry (never an inherited one such as `constructor`). */
export function ownEntry<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function numberArgument(args: Node[]): number | undefined {
  const value = args[0] ? literalValue(args[0])?.value : undefined;
  return typeof value === 'number' ? value : undefined;
}

const BOUND_SLOT: Record<string, 0 | 1 | 2> = { string: 0, number: 1, integer: 1, array: 2 };

function bound(schema: JsonSchema, keywords: [string, string, string], limit: number | undefined): JsonSchema {
  const slot = typeof schema.type === 'string' ? ownEntry(BOUND_SLOT, schema.type) : undefined;
  return limit === undefined || slot === undefined ? schema : { ...schema, [keywords[slot]]: limit };
}

/** The object schema behind a value: itself, or the earlier declaration a `$ref` points to. */
function objectBehind(value: ZodValue): JsonSchema | undefined {
  const schema = value.base ?? value.schema;
  return schema.type === 'object' ? schema : undefined;
}

function keysOf(mask: Node | undefined): string[] {
  return (mask?.type === 'object' ? mask.namedChildren : []).flatMap((pair) => {
    const key = pair?.type === 'pair' ? pair.childForFieldName('key') : null;
    return key ? [String(literalValue(key)?.value ?? key.text)] : [];
  });
}

function selectKeys(object: JsonSchema, keep: (key: string) => boolean): JsonSchema {
  const properties = Object.fromEntries(Object.entries((object.properties as Record<string, JsonSchema> | undefined) ?? {}).filter(([key]) => keep(key)));
  const required = ((object.required as string[] | undefined) ?? []).filter(keep);
  const { properties: _properties, required: _required, ...rest } = object;
  return { ...rest, ...(Object.keys(properties).length ? { properties } : {}), ...(required.length ? { required } : {}) };
}

function mergeObjects(base: JsonSchema, extension: JsonSchema): JsonSchema {
  const properties = { ...((base.properties as object | undefined) ?? {}), ...((extension.properties as object | undefined) ?? {}) };
  const overridden = new Set(Object.keys((extension.properties as object | undefined) ?? {}));
  const required = [...((base.required as string[] | undefined) ?? []).filter((key) => !overridden.has(key)), ...((extension.required as string[] | undefined) ?? [])];
  return { ...base, type: 'object', ...(Object.keys(properties).length ? { properties } : {}), ...(required.length ? { required } : {}) };
}

function objectModifier(value: ZodValue, method: string, args: Node[], evaluate: Evaluate): JsonSchema | undefined {
  const object = objectBehind(value);
  switch (method) {
    case 'extend': {
      const fields = args[0]?.type === 'object' ? objectLiteralSchema(args[0], evaluate) : undefined;
      if (!fields) return { allOf: [value.schema, {}] };
      return object ? mergeObjects(object, fields) : { allOf: [value.schema, fields] };
    }
    case 'merge': {
      const other = args[0] ? evaluate(args[0]) : undefined;
      const otherObject = other && objectBehind(other);
      return object && otherObject ? mergeObjects(object, otherObject) : { allOf: [value.schema, other?.schema ?? {}] };
    }
    case 'pick': return object && selectKeys(object, (key) => keysOf(args[0]).includes(key));
    case 'omit': return object && selectKeys(object, (key) => !keysOf(args[0]).includes(key));
    case 'partial': return object && selectKeys({ ...object, required: [] }, () => true);
    case 'strict': return object && { ...object, additionalProperties: false };
    case 'passthrough': case 'loose': return object && selectKeys(object, () => true);
    default: return undefined;
  }
}

/** `{ a: z.string(), b }` as an object schema; each value goes through the zod evaluator. */
export function objectLiteralSchema(literal: Node | undefined, evaluate: Evaluate): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const member of literal?.type === 'object' ? literal.namedChildren : []) {
    const key = member?.type === 'pair' ? member.childForFieldName('key') : member?.type === 'shorthand_property_identifier' ? member : null;
    const field = member?.type === 'pair' ? member.childForFieldName('value') : member;
    if (!key || !field) continue;
    const name = String(literalValue(key)?.value ?? key.text);
    const found = evaluate(field) ?? { schema: {}, optional: false };
    properties[name] = found.schema;
    if (!found.optional) required.push(name);
  }
  return objectSchema(properties, required);
}

/** Calls that keep a schema's JSON shape: refinements, transforms, string normalisers. */
const SCHEMA_PRESERVING = new Set([
  'refine', 'superRefine', 'transform', 'brand', 'catch', 'readonly', 'pipe', 'trim', 'toLowerCase', 'toUpperCase',
  'startsWith', 'endsWith', 'includes', 'finite', 'safe',
]);

/**
 * Applies one chained call (`.optional()`, `.min(3)`, `.extend({...})`, ...) to a zod value;
 * undefined for a call that is not a schema method (`.parse()`, `.safeParse()`, ...).
 */
export function applyModifier(value: ZodValue, method: string, args: Node[], evaluate: Evaluate): ZodValue | undefined {
  const schema = value.schema;
  const next = (changed: JsonSchema, optional = value.optional): ZodValue => ({ schema: changed, optional });
  const bounds = ownEntry(BOUNDS, method);
  if (bounds) return next(bound(schema, bounds, numberArgument(args)));
  const sign = ownEntry(SIGN_BOUNDS, method);
  if (sign) return next({ ...schema, [sign[0]]: sign[1] });
  const format = ownEntry(FORMATS, method);
  if (format && schema.type === 'string') return next({ ...schema, format });
  switch (method) {
    case 'optional': return next(schema, true);
    case 'nullable': return next(nullable(schema));
    case 'nullish': return next(nullable(schema), true);
    case 'default': {
      const literal = args[0] ? literalValue(args[0]) : undefined;
      return next(literal ? { ...schema, default: literal.value } : schema, true);
    }
    case 'describe': {
      const text = args[0] ? literalValue(args[0])?.value : undefined;
      return next(typeof text === 'string' ? { ...schema, description: text } : schema);
    }
    case 'int': return next({ ...schema, type: 'integer' });
    case 'length': {
      const size = numberArgument(args);
      return next(bound(bound(schema, BOUNDS.min!, size), BOUNDS.max!, size));
    }
    case 'nonempty': return next(bound(schema, BOUNDS.min!, 1));
    case 'regex': {
      const pattern = args[0]?.type === 'regex' ? args[0].childForFieldName('pattern')?.text : undefined;
      return next(pattern === undefined ? schema : { ...schema, pattern });
    }
    case 'multipleOf': case 'step': {
      const factor = numberArgument(args);
      return next(factor === undefined ? schema : { ...schema, multipleOf: factor });
    }
    case 'array': return next({ type: 'array', items: schema });
    case 'or': return next({ anyOf: [schema, (args[0] && evaluate(args[0])?.schema) ?? {}] });
    case 'and': return next({ allOf: [schema, (args[0] && evaluate(args[0])?.schema) ?? {}] });
    default: {
      if (SCHEMA_PRESERVING.has(method)) return value;
      const changed = objectModifier(value, method, args, evaluate);
      return changed ? next(changed) : undefined;
    }
  }
}

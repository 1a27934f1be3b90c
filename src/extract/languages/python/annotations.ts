import type { Node } from 'web-tree-sitter';
import { canonicalJson } from '../../../constraints/canonical.js';
import { unquote } from '../common.js';
import { applyAnnotatedMetadata } from './field-options.js';
import { isNullSchema, literalValue, valuesSchema, type JsonSchema, type JsonValue } from './literals.js';
import { lastName } from './syntax.js';

const DATE_TIME = { type: 'string', format: 'date-time' };

const SCALARS: Record<string, JsonSchema> = {
  str: { type: 'string' }, int: { type: 'integer' }, float: { type: 'number' }, bool: { type: 'boolean' },
  bytes: { type: 'string', format: 'binary' }, None: { type: 'null' }, NoneType: { type: 'null' },
  datetime: DATE_TIME, AwareDatetime: DATE_TIME, NaiveDatetime: DATE_TIME,
  date: { type: 'string', format: 'date' }, time: { type: 'string', format: 'time' },
  timedelta: { type: 'string', format: 'duration' }, UUID: { type: 'string', format: 'uuid' },
  UUID4: { type: 'string', format: 'uuid' }, Decimal: { type: 'number' },
  EmailStr: { type: 'string', format: 'email' }, AnyUrl: { type: 'string', format: 'uri' },
  HttpUrl: { type: 'string', format: 'uri' }, AnyHttpUrl: { type: 'string', format: 'uri' },
  Path: { type: 'string' }, SecretStr: { type: 'string' }, PositiveInt: { type: 'integer', exclusiveMinimum: 0 },
  NonNegativeInt: { type: 'integer', minimum: 0 }, PositiveFloat: { type: 'number', exclusiveMinimum: 0 },
  list: { type: 'array' }, List: { type: 'array' }, dict: { type: 'object' }, Dict: { type: 'object' },
  Any: {}, object: {},
};

const ARRAYS = new Set(['list', 'List', 'Sequence', 'MutableSequence', 'Iterable', 'Collection', 'Deque', 'deque']);
const SETS = new Set(['set', 'Set', 'frozenset', 'FrozenSet', 'AbstractSet', 'MutableSet']);
const TUPLES = new Set(['tuple', 'Tuple']);
const MAPPINGS = new Set(['dict', 'Dict', 'Mapping', 'MutableMapping', 'DefaultDict', 'defaultdict', 'OrderedDict']);
/** Wrappers that say something about the field, not about its values. */
export const WRAPPERS = new Set(['Final', 'ClassVar', 'Required', 'NotRequired', 'ReadOnly', 'InitVar']);
const OPAQUE = new Set(['Callable', 'Type', 'type', 'Awaitable', 'Coroutine', 'Generator', 'AsyncGenerator', 'Iterator', 'AsyncIterator']);

function named(name: string): JsonSchema {
  if (!name || OPAQUE.has(name)) return {};
  return SCALARS[name] ?? { $ref: `#/$defs/${name}` };
}

export function isNullable(schema: JsonSchema): boolean {
  return isNullSchema(schema) || (Array.isArray(schema.anyOf) && (schema.anyOf as JsonSchema[]).some(isNullSchema));
}

/** anyOf of the members, flattened and deduplicated, with null last; Any absorbs everything. */
export function unionOf(members: readonly JsonSchema[]): JsonSchema {
  const flat = members.flatMap((member) => (Array.isArray(member.anyOf) && Object.keys(member).length === 1 ? (member.anyOf as JsonSchema[]) : [member]));
  if (flat.some((member) => Object.keys(member).length === 0)) return {};
  const unique = [...new Map(flat.map((member) => [canonicalJson(member), member])).values()];
  const ordered = [...unique.filter((member) => !isNullSchema(member)), ...unique.filter(isNullSchema)];
  return ordered.length === 1 ? ordered[0]! : { anyOf: ordered };
}

/** Members of `A | B | None`, whether parsed as a union_type or a binary `|`. */
function unionMembers(node: Node): Node[] {
  if (node.type === 'type' && node.namedChildren.length === 1) return unionMembers(node.namedChildren[0]!);
  const isUnion = node.type === 'union_type' || (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '|');
  if (!isUnion) return [node];
  return node.namedChildren.flatMap((child) => (child ? unionMembers(child) : []));
}

function literalSchema(args: readonly Node[]): JsonSchema {
  const values = args.map(literalValue).filter((value): value is JsonValue => value !== undefined);
  return values.length ? valuesSchema(values) : {};
}

function tupleSchema(args: readonly Node[]): JsonSchema {
  if (args.length === 2 && args[1]!.text === '...') return withItems({ type: 'array' }, annotationSchema(args[0]!));
  return { type: 'array', prefixItems: args.map(annotationSchema), minItems: args.length, maxItems: args.length };
}

function withItems(schema: JsonSchema, items: JsonSchema): JsonSchema {
  return Object.keys(items).length ? { ...schema, items } : schema;
}

function mappingSchema(args: readonly Node[]): JsonSchema {
  const value = args[1] ? annotationSchema(args[1]) : {};
  return Object.keys(value).length ? { type: 'object', additionalProperties: value } : { type: 'object' };
}

function genericSchema(name: string, args: readonly Node[]): JsonSchema {
  const first = args[0];
  if (name === 'Optional') return unionOf([...args.map(annotationSchema), { type: 'null' }]);
  if (name === 'Union') return unionOf(args.map(annotationSchema));
  if (name === 'Literal') return literalSchema(args);
  if (name === 'Annotated' && first) return applyAnnotatedMetadata(annotationSchema(first), args.slice(1));
  if (WRAPPERS.has(name) && first) return annotationSchema(first);
  if (ARRAYS.has(name)) return withItems({ type: 'array' }, first ? annotationSchema(first) : {});
  if (SETS.has(name)) return { ...withItems({ type: 'array' }, first ? annotationSchema(first) : {}), uniqueItems: true };
  if (TUPLES.has(name)) return tupleSchema(args);
  if (MAPPINGS.has(name)) return mappingSchema(args);
  if (name === 'Counter') return { type: 'object', additionalProperties: { type: 'integer' } };
  return named(name);
}

/** Type arguments of `X[a, b]`, whichever way the grammar parsed it. */
export function typeArguments(node: Node): Node[] {
  if (node.type === 'generic_type') {
    const list = node.namedChildren.find((child) => child?.type === 'type_parameter');
    return (list?.namedChildren ?? []).filter((child): child is Node => child !== null);
  }
  if (node.type === 'subscript') return node.childrenForFieldName('subscript').filter((child): child is Node => child !== null);
  return [];
}

function forwardReference(node: Node): JsonSchema {
  const text = unquote(node.text).trim();
  return /^[A-Za-z_][\w.]*$/.test(text) ? named(text.slice(text.lastIndexOf('.') + 1)) : {};
}

/** JSON Schema (2020-12) of a Python type annotation. */
export function annotationSchema(node: Node): JsonSchema {
  const members = unionMembers(node);
  if (members.length > 1) return unionOf(members.map(annotationSchema));
  switch (node.type) {
    case 'type': case 'parenthesized_expression':
      return node.namedChildren[0] ? annotationSchema(node.namedChildren[0]) : {};
    case 'none': return { type: 'null' };
    case 'identifier': case 'attribute': return named(lastName(node) ?? '');
    case 'string': return forwardReference(node);
    case 'generic_type': case 'subscript': return genericSchema(lastName(node) ?? '', typeArguments(node));
    default: return {};
  }
}

/** The outermost wrapper of an annotation (ClassVar, NotRequired, ...), if it has one. */
export function wrapperOf(annotation: Node): string | undefined {
  const inner = annotation.type === 'type' ? annotation.namedChildren[0] : annotation;
  if (!inner || (inner.type !== 'generic_type' && inner.type !== 'subscript' && inner.type !== 'identifier' && inner.type !== 'attribute')) return undefined;
  const name = lastName(inner);
  return name && WRAPPERS.has(name) ? name : undefined;
}

import type { Node } from 'web-tree-sitter';
import type { JsonSchema } from '../common.js';
import { docComment, hasToken, literalValue, stringValue } from './syntax.js';


/** Names that mean a type parameter in scope, not a named type to `$ref`. */
export type TypeScope = ReadonlySet<string>;

export function ref(name: string): JsonSchema {
  return { $ref: `#/$defs/${name}` };
}

const PREDEFINED: Record<string, JsonSchema> = {
  string: { type: 'string' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  bigint: { type: 'integer' },
  object: { type: 'object' },
  null: { type: 'null' },
};

/**
 * Named types JSON Schema cannot follow: values that are not data (functions, promises) and
 * utility types that reshape another type (Partial<User> is not User). Both become `{}`.
 */
const OPAQUE_TYPES = new Set([
  'Function', 'Promise', 'PromiseLike', 'Symbol', 'RegExp',
  'Partial', 'Required', 'Pick', 'Omit', 'Exclude', 'Extract', 'ReturnType', 'Parameters', 'Awaited', 'InstanceType',
]);

const WRAPPERS_OF_FIRST_ARGUMENT = new Set(['Readonly', 'NonNullable']);

function typeArguments(generic: Node): Node[] {
  return generic.childForFieldName('type_arguments')?.namedChildren.filter((child): child is Node => child !== null) ?? [];
}

function genericSchema(generic: Node, scope: TypeScope): JsonSchema {
  const name = generic.childForFieldName('name')?.text ?? '';
  const [first, second] = typeArguments(generic);
  const of = (node: Node | undefined): JsonSchema => (node ? typeSchema(node, scope) : {});
  switch (name) {
    case 'Array': case 'ReadonlyArray': return { type: 'array', items: of(first) };
    case 'Set': case 'ReadonlySet': return { type: 'array', items: of(first), uniqueItems: true };
    case 'Record': case 'Map': case 'ReadonlyMap': return { type: 'object', additionalProperties: of(second) };
    case 'z.infer': case 'z.input': case 'z.output': {
      const target = first?.type === 'type_query' ? first.namedChildren[0]?.text : undefined;
      return target ? ref(target) : {};
    }
    default:
      if (WRAPPERS_OF_FIRST_ARGUMENT.has(name)) return of(first);
      return namedSchema(name, scope);
  }
}

function namedSchema(name: string, scope: TypeScope): JsonSchema {
  if (scope.has(name) || OPAQUE_TYPES.has(name)) return {};
  if (name === 'Date') return { type: 'string', format: 'date-time' };
  return ref(name);
}

function literalSchema(literal: Node): JsonSchema {
  const inner = literal.namedChildren[0];
  if (!inner || inner.type === 'undefined') return {};
  if (inner.type === 'null') return { type: 'null' };
  const found = literalValue(inner);
  return found ? { const: found.value } : {};
}

function unionMembers(union: Node): Node[] {
  return union.namedChildren.flatMap((member) => {
    if (!member) return [];
    return member.type === 'union_type' ? unionMembers(member) : [member];
  });
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** `{ enum }` for literal values, with `type` when they all share one. */
export function enumSchema(values: unknown[]): JsonSchema {
  const types = new Set(values.map(jsonType));
  if (types.has('integer') && types.has('number')) types.delete('integer');
  return types.size === 1 ? { type: [...types][0], enum: values } : { enum: values };
}

function isUndefined(member: Node): boolean {
  return member.text === 'undefined';
}

function unionSchema(union: Node, scope: TypeScope): JsonSchema {
  const members = unionMembers(union).filter((member) => !isUndefined(member)).map((member) => typeSchema(member, scope));
  if (members.length === 1) return members[0]!;
  const isLiteral = (schema: JsonSchema) => 'const' in schema || (schema.type === 'null' && Object.keys(schema).length === 1);
  if (members.length > 0 && members.every(isLiteral)) return enumSchema(members.map((schema) => ('const' in schema ? schema.const : null)));
  return { anyOf: members };
}

function tupleSchema(tuple: Node, scope: TypeScope): JsonSchema {
  const prefixItems: JsonSchema[] = [];
  let minItems = 0;
  let rest: JsonSchema | undefined;
  for (const element of tuple.namedChildren) {
    if (!element) continue;
    if (element.type === 'rest_type') {
      const items = element.namedChildren[0] ? typeSchema(element.namedChildren[0], scope) : {};
      rest = (items.items as JsonSchema | undefined) ?? {};
      continue;
    }
    const optional = element.type === 'optional_type';
    const inner = optional ? element.namedChildren[0] : element;
    prefixItems.push(inner ? typeSchema(inner, scope) : {});
    if (!optional) minItems = prefixItems.length;
  }
  return { type: 'array', prefixItems, items: rest ?? false, minItems };
}

function propertyName(member: Node): string | undefined {
  const name = member.childForFieldName('name');
  if (!name) return undefined;
  return name.type === 'string' ? stringValue(name) : name.text;
}

function propertySchema(member: Node, scope: TypeScope): JsonSchema {
  const annotation = member.childForFieldName('type');
  const schema: JsonSchema = annotation?.namedChildren[0] ? { ...typeSchema(annotation.namedChildren[0], scope) } : {};
  if (hasToken(member, 'readonly')) schema.readOnly = true;
  const description = docComment(member);
  if (description) schema.description = description;
  return schema;
}

/**
 * An object schema from the members of an interface body or object type: properties
 * (`?` leaves them out of `required`), index signatures as `additionalProperties`.
 * Methods are behaviour, not data, and are left out.
 */
export function membersSchema(body: Node, scope: TypeScope): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  let additional: JsonSchema | undefined;
  for (const member of body.namedChildren) {
    if (member?.type === 'property_signature') {
      const name = propertyName(member);
      if (name === undefined) continue;
      properties[name] = propertySchema(member, scope);
      if (!hasToken(member, '?')) required.push(name);
    } else if (member?.type === 'index_signature') {
      const value = member.childForFieldName('type')?.namedChildren[0];
      additional = value ? typeSchema(value, scope) : {};
    }
  }
  return objectSchema(properties, required, additional);
}

export function objectSchema(properties: Record<string, JsonSchema>, required: string[], additional?: JsonSchema | boolean): JsonSchema {
  return {
    type: 'object',
    ...(Object.keys(properties).length ? { properties } : {}),
    ...(required.length ? { required } : {}),
    ...(additional !== undefined ? { additionalProperties: additional } : {}),
  };
}

/** JSON Schema (2020-12) of a TypeScript type node. Types JSON Schema cannot say become `{}`. */
export function typeSchema(node: Node, scope: TypeScope): JsonSchema {
  const first = () => node.namedChildren[0];
  switch (node.type) {
    case 'type_annotation': case 'parenthesized_type': case 'readonly_type': case 'optional_type': {
      const inner = node.namedChildren.find((child) => child?.type !== 'readonly');
      return inner ? typeSchema(inner, scope) : {};
    }
    case 'predefined_type': return { ...(PREDEFINED[node.text] ?? {}) };
    case 'literal_type': return literalSchema(node);
    case 'template_literal_type': return { type: 'string' };
    case 'union_type': return unionSchema(node, scope);
    case 'intersection_type':
      return { allOf: node.namedChildren.flatMap((member) => (member ? [typeSchema(member, scope)] : [])) };
    case 'array_type': {
      const items = first();
      return { type: 'array', items: items ? typeSchema(items, scope) : {} };
    }
    case 'tuple_type': return tupleSchema(node, scope);
    case 'object_type': return membersSchema(node, scope);
    case 'generic_type': return genericSchema(node, scope);
    case 'type_identifier': case 'nested_type_identifier': case 'identifier':
      return namedSchema(node.text, scope);
    default: return {};
  }
}

/** Names of the type parameters a declaration introduces. */
export function typeParameterNames(declaration: Node): Set<string> {
  const parameters = declaration.childForFieldName('type_parameters')?.namedChildren ?? [];
  return new Set(parameters.flatMap((parameter) => parameter?.childForFieldName('name')?.text ?? []));
}

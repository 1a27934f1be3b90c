import type { Node } from 'web-tree-sitter';
import { commentsAbove, commentText, nullable, type JsonSchema } from '../common.js';
import { attributesOf, serdeOptions } from './attributes.js';
import { renameAll } from './rename.js';
import { optionInner, rustTypeSchema, tupleSchema } from './schema.js';

type SerdeOptions = ReadonlyMap<string, string | true>;

/** The type's generic parameter names, which can hold anything. */
export function genericsOf(item: Node): Set<string> {
  const parameters = item.childForFieldName('type_parameters')?.namedChildren ?? [];
  return new Set(parameters.flatMap((parameter) => (parameter.type === 'type_parameter' ? [parameter.childForFieldName('name')!.text] : [])));
}

/** Outer doc comments (`///` lines or a `/**` block) above an item, attributes stepped over. */
export function docOf(item: Node): string {
  const isDoc = (node: Node) => (node.type === 'line_comment' && /^\/\/\/(?!\/)/.test(node.text)) || (node.type === 'block_comment' && /^\/\*\*(?!\*)/.test(node.text));
  return commentText(commentsAbove(item, isDoc, (node) => node.type === 'attribute_item' || node.type === 'line_comment'));
}

interface ObjectParts {
  properties: Record<string, JsonSchema>;
  required: string[];
  flattened: JsonSchema[];
}

function addField(parts: ObjectParts, field: Node, container: SerdeOptions, generics: ReadonlySet<string>): void {
  const options = serdeOptions(attributesOf(field));
  const type = field.childForFieldName('type')!;
  if (options.has('skip') || options.has('skip_serializing') || options.has('skip_deserializing')) return;
  if (options.has('flatten')) {
    parts.flattened.push(rustTypeSchema(optionInner(type) ?? type, generics));
    return;
  }
  const name = field.childForFieldName('name')!.text.replace(/^r#/, '');
  const rename = options.get('rename');
  const key = typeof rename === 'string' ? rename : renameAll(name, container.get('rename_all'));
  const option = optionInner(type);
  parts.properties[key] = option ? nullable(rustTypeSchema(option, generics)) : rustTypeSchema(type, generics);
  const optional = option !== undefined || options.has('default') || options.has('skip_serializing_if') || container.has('default');
  if (!optional) parts.required.push(key);
}

/**
 * The object serde reads for named fields: renames, defaults, skips, Option as optional and
 * nullable, flatten as allOf. Closed only under deny_unknown_fields (serde ignores unknown keys).
 */
export function fieldsSchema(list: Node, container: SerdeOptions, generics: ReadonlySet<string>): JsonSchema {
  const parts: ObjectParts = { properties: {}, required: [], flattened: [] };
  for (const field of list.namedChildren) if (field.type === 'field_declaration') addField(parts, field, container, generics);
  const object: JsonSchema = { type: 'object', properties: parts.properties, ...(parts.required.length ? { required: parts.required } : {}) };
  const closed = container.has('deny_unknown_fields');
  if (parts.flattened.length) return { ...object, allOf: parts.flattened, ...(closed ? { unevaluatedProperties: false } : {}) };
  return closed ? { ...object, additionalProperties: false } : object;
}

/** `(A)` is written as A itself (a newtype), `(A, B)` as a two-item array. */
export function positionalSchema(list: Node, generics: ReadonlySet<string>): JsonSchema {
  const types = list.childrenForFieldName('type');
  return types.length === 1 ? rustTypeSchema(types[0]!, generics) : tupleSchema(types, generics);
}

/** Schema of a struct or variant body: named fields, positional fields, or none (unit). */
export function bodySchema(body: Node | null, container: SerdeOptions, generics: ReadonlySet<string>): JsonSchema | undefined {
  if (body?.type === 'field_declaration_list') return fieldsSchema(body, container, generics);
  if (body?.type === 'ordered_field_declaration_list') return positionalSchema(body, generics);
  return undefined;
}

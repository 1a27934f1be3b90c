import type { Node } from 'web-tree-sitter';
import type { JsonSchema } from '../common.js';
import { attributesOf, serdeOptions } from './attributes.js';
import { bodySchema, genericsOf } from './fields.js';
import { renameAll } from './rename.js';

type SerdeOptions = ReadonlyMap<string, string | true>;

interface Variant {
  name: string;
  /** undefined for a unit variant */
  content: JsonSchema | undefined;
}

function variantsOf(item: Node, container: SerdeOptions): Variant[] {
  const generics = genericsOf(item);
  const fieldOptions: SerdeOptions = new Map([...container].filter(([key]) => key === 'rename_all_fields').map(([, value]) => ['rename_all', value]));
  return (item.childForFieldName('body')?.namedChildren ?? []).flatMap((variant) => {
    if (variant.type !== 'enum_variant') return [];
    const options = serdeOptions(attributesOf(variant));
    if (options.has('skip') || options.has('skip_serializing') || options.has('skip_deserializing')) return [];
    const rename = options.get('rename');
    const name = typeof rename === 'string' ? rename : renameAll(variant.childForFieldName('name')!.text, container.get('rename_all'));
    return [{ name, content: bodySchema(variant.childForFieldName('body'), fieldOptions, generics) }];
  });
}

function tagged(tag: string, name: string): JsonSchema {
  return { type: 'object', properties: { [tag]: { const: name } }, required: [tag] };
}

/** `{"type": "Name", ...fields}`: fields of a struct variant sit beside the tag. */
function internallyTagged(tag: string, { name, content }: Variant): JsonSchema {
  if (!content) return tagged(tag, name);
  if (content.type === 'object' && content.properties) {
    const required = [tag, ...((content.required as string[] | undefined) ?? [])];
    return { ...content, properties: { [tag]: { const: name }, ...(content.properties as JsonSchema) }, required };
  }
  return { allOf: [tagged(tag, name), content] };
}

function adjacentlyTagged(tag: string, contentKey: string, { name, content }: Variant): JsonSchema {
  if (!content) return tagged(tag, name);
  return { type: 'object', properties: { [tag]: { const: name }, [contentKey]: content }, required: [tag, contentKey], additionalProperties: false };
}

function externallyTagged({ name, content }: Variant): JsonSchema {
  if (!content) return { const: name };
  return { type: 'object', properties: { [name]: content }, required: [name], additionalProperties: false };
}

/**
 * An enum as serde writes it: unit-only enums as a string enum; others as oneOf their variants,
 * externally tagged by default, or per #[serde(tag)], #[serde(tag, content)] or #[serde(untagged)].
 */
export function enumSchema(item: Node): JsonSchema {
  const container = serdeOptions(attributesOf(item));
  const variants = variantsOf(item, container);
  const tag = container.get('tag');
  const content = container.get('content');
  if (container.has('untagged')) return { anyOf: variants.map((variant) => variant.content ?? { type: 'null' }) };
  if (typeof tag === 'string' && typeof content === 'string') return { oneOf: variants.map((variant) => adjacentlyTagged(tag, content, variant)) };
  if (typeof tag === 'string') return { oneOf: variants.map((variant) => internallyTagged(tag, variant)) };
  if (variants.every((variant) => !variant.content)) return { type: 'string', enum: variants.map((variant) => variant.name) };
  return { oneOf: variants.map(externallyTagged) };
}

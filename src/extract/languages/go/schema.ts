import type { Node } from 'web-tree-sitter';
import { nullable, type JsonSchema } from '../common.js';
import { isExported } from './signatures.js';

const SIGNED = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'rune']);
const UNSIGNED = new Set(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'byte']);

const BASIC: Record<string, JsonSchema> = {
  string: { type: 'string' },
  bool: { type: 'boolean' },
  float32: { type: 'number' },
  float64: { type: 'number' },
  any: {},
  error: {},
};

/** Types from other packages whose JSON form is known; others are references by qualified name. */
const QUALIFIED: Record<string, JsonSchema> = {
  'time.Time': { type: 'string', format: 'date-time' },
  'time.Duration': { type: 'integer' },
  'json.RawMessage': {},
  'uuid.UUID': { type: 'string', format: 'uuid' },
};

export function refTo(name: string): JsonSchema {
  return { $ref: `#/$defs/${name}` };
}

function namedSchema(name: string, generics: ReadonlySet<string>): JsonSchema {
  if (generics.has(name)) return {};
  if (SIGNED.has(name)) return { type: 'integer' };
  if (UNSIGNED.has(name)) return { type: 'integer', minimum: 0 };
  return BASIC[name] ?? refTo(name);
}

function elementSchema(element: Node | null, generics: ReadonlySet<string>): JsonSchema {
  return element ? goTypeSchema(element, generics) : {};
}

/** JSON Schema of a Go type as encoding/json reads and writes it. */
export function goTypeSchema(type: Node, generics: ReadonlySet<string>): JsonSchema {
  switch (type.type) {
    case 'type_identifier':
      return namedSchema(type.text, generics);
    case 'qualified_type':
      return QUALIFIED[type.text] ?? refTo(type.text);
    case 'generic_type':
      return namedSchema(type.childForFieldName('type')?.text ?? '', generics);
    case 'pointer_type':
      return nullable(elementSchema(type.namedChildren[0] ?? null, generics));
    case 'parenthesized_type':
      return elementSchema(type.namedChildren[0] ?? null, generics);
    case 'slice_type': {
      const element = type.childForFieldName('element');
      // encoding/json writes []byte as a base64 string.
      if (element?.text === 'byte') return { type: 'string', contentEncoding: 'base64' };
      return { type: 'array', items: elementSchema(element, generics) };
    }
    case 'array_type':
      return { type: 'array', items: elementSchema(type.childForFieldName('element'), generics) };
    case 'map_type':
      return { type: 'object', additionalProperties: elementSchema(type.childForFieldName('value'), generics) };
    case 'struct_type':
      return structSchema(type, generics);
    default:
      return {};
  }
}

interface JsonTag {
  name?: string;
  skip: boolean;
  omitempty: boolean;
  asString: boolean;
}

/** Reads the `json:"name,omitempty"` part of a struct tag. */
export function parseJsonTag(tag: Node | null): JsonTag {
  const json = tag ? /(?:^|\s)json:"([^"]*)"/.exec(tag.text.slice(1, -1)) : null;
  if (!json) return { skip: false, omitempty: false, asString: false };
  const [name = '', ...options] = json[1]!.split(',');
  return {
    ...(name && name !== '-' ? { name } : {}),
    skip: name === '-' && options.length === 0,
    omitempty: options.includes('omitempty') || options.includes('omitzero'),
    asString: options.includes('string'),
  };
}

/** The named type an embedded field refers to: `Base`, `*Base` or `pkg.Base`. */
function embeddedSchema(type: Node): JsonSchema {
  const target = type.type === 'pointer_type' ? type.namedChildren[0] : type;
  const name = target?.type === 'generic_type' ? target.childForFieldName('type')?.text : target?.text;
  return refTo(name ?? type.text);
}

interface StructParts {
  properties: Record<string, JsonSchema>;
  required: string[];
  embedded: JsonSchema[];
}

function addField(parts: StructParts, field: Node, generics: ReadonlySet<string>): void {
  const tag = parseJsonTag(field.childForFieldName('tag'));
  const type = field.childForFieldName('type');
  if (tag.skip || !type) return;
  const names = field.childrenForFieldName('name').map((name) => name.text);
  if (names.length === 0 && !tag.name) {
    parts.embedded.push(embeddedSchema(type));
    return;
  }
  for (const name of names.length ? names : [type.text]) {
    // encoding/json ignores unexported fields.
    if (names.length && !isExported(name)) continue;
    const key = tag.name ?? name;
    parts.properties[key] = tag.asString ? { type: 'string' } : goTypeSchema(type, generics);
    if (!tag.omitempty) parts.required.push(key);
  }
}

/**
 * A struct as a closed object. Embedded structs are merged in with allOf, and then
 * unevaluatedProperties closes the object (additionalProperties cannot see into allOf).
 */
export function structSchema(struct: Node, generics: ReadonlySet<string>): JsonSchema {
  const parts: StructParts = { properties: {}, required: [], embedded: [] };
  const fields = struct.namedChildren.find((child) => child.type === 'field_declaration_list');
  for (const field of fields?.namedChildren ?? []) if (field.type === 'field_declaration') addField(parts, field, generics);
  const object: JsonSchema = { type: 'object', properties: parts.properties, ...(parts.required.length ? { required: parts.required } : {}) };
  return parts.embedded.length ? { ...object, allOf: parts.embedded, unevaluatedProperties: false } : { ...object, additionalProperties: false };
}

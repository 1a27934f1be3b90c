import type { Node } from 'web-tree-sitter';
import { nullable, type JsonSchema } from '../common.js';
import { typeName } from './signatures.js';

const SIGNED = new Set(['i8', 'i16', 'i32', 'i64', 'i128', 'isize']);
const UNSIGNED = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'usize']);
const LISTS = new Set(['Vec', 'VecDeque', 'LinkedList', 'BinaryHeap']);
const SETS = new Set(['HashSet', 'BTreeSet', 'IndexSet']);
const MAPS = new Set(['HashMap', 'BTreeMap', 'IndexMap']);
/** Wrappers serde writes as their content. */
const TRANSPARENT = new Set(['Box', 'Rc', 'Arc', 'Cow', 'RefCell', 'Cell']);

/** Named types whose serde form is known; other names are references to their definitions. */
const KNOWN: Record<string, JsonSchema> = {
  String: { type: 'string' },
  str: { type: 'string' },
  char: { type: 'string' },
  bool: { type: 'boolean' },
  f32: { type: 'number' },
  f64: { type: 'number' },
  Value: {},
  Uuid: { type: 'string', format: 'uuid' },
  DateTime: { type: 'string', format: 'date-time' },
  NaiveDateTime: { type: 'string', format: 'date-time' },
  OffsetDateTime: { type: 'string', format: 'date-time' },
  NaiveDate: { type: 'string', format: 'date' },
  PathBuf: { type: 'string' },
};

export function refTo(name: string): JsonSchema {
  return { $ref: `#/$defs/${name}` };
}

function namedSchema(name: string, generics: ReadonlySet<string>): JsonSchema {
  if (generics.has(name)) return {};
  if (SIGNED.has(name)) return { type: 'integer' };
  if (UNSIGNED.has(name)) return { type: 'integer', minimum: 0 };
  return KNOWN[name] ?? refTo(name);
}

/** The type arguments of `Name<...>`, lifetimes left out. */
export function typeArguments(generic: Node): Node[] {
  return generic.childForFieldName('type_arguments')?.namedChildren.filter((argument) => argument.type !== 'lifetime') ?? [];
}

/** `Option<T>` gives T, anything else undefined. */
export function optionInner(type: Node | null): Node | undefined {
  return type?.type === 'generic_type' && typeName(type) === 'Option' ? typeArguments(type)[0] : undefined;
}

function genericSchema(type: Node, generics: ReadonlySet<string>): JsonSchema {
  const name = typeName(type) ?? '';
  const [first, second] = typeArguments(type);
  const schemaOf = (argument: Node | undefined) => (argument ? rustTypeSchema(argument, generics) : {});
  if (name === 'Option') return nullable(schemaOf(first));
  if (LISTS.has(name)) return { type: 'array', items: schemaOf(first) };
  if (SETS.has(name)) return { type: 'array', items: schemaOf(first), uniqueItems: true };
  if (MAPS.has(name)) return { type: 'object', additionalProperties: schemaOf(second) };
  if (TRANSPARENT.has(name)) return schemaOf(typeArguments(type).at(-1));
  return namedSchema(name, generics);
}

export function tupleSchema(types: readonly Node[], generics: ReadonlySet<string>): JsonSchema {
  return { type: 'array', prefixItems: types.map((type) => rustTypeSchema(type, generics)), minItems: types.length, maxItems: types.length };
}

/** JSON Schema of a Rust type as serde writes it. */
export function rustTypeSchema(type: Node, generics: ReadonlySet<string>): JsonSchema {
  switch (type.type) {
    case 'primitive_type':
    case 'type_identifier':
    case 'scoped_type_identifier':
      return namedSchema(typeName(type) ?? type.text, generics);
    case 'generic_type':
      return genericSchema(type, generics);
    case 'reference_type':
      return rustTypeSchema(type.childForFieldName('type')!, generics);
    case 'array_type':
      return { type: 'array', items: rustTypeSchema(type.childForFieldName('element')!, generics) };
    case 'tuple_type':
      return tupleSchema(type.namedChildren, generics);
    case 'unit_type':
      return { type: 'null' };
    default:
      return {};
  }
}

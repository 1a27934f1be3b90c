import type { Node } from 'web-tree-sitter';
import { nullable, type JsonSchema } from '../common.js';
import { simpleTypeName } from './syntax.js';

const STRING: JsonSchema = { type: 'string' };
const INTEGER: JsonSchema = { type: 'integer' };
const NUMBER: JsonSchema = { type: 'number' };
const DATE_TIME: JsonSchema = { type: 'string', format: 'date-time' };

/** Named types whose Jackson form is known; other names are references to their definitions. */
const KNOWN: Record<string, JsonSchema> = {
  String: STRING, CharSequence: STRING, Character: STRING, char: STRING,
  Integer: INTEGER, Long: INTEGER, Short: INTEGER, Byte: INTEGER, BigInteger: INTEGER,
  int: INTEGER, long: INTEGER, short: INTEGER, byte: INTEGER,
  Double: NUMBER, Float: NUMBER, BigDecimal: NUMBER, Number: NUMBER, double: NUMBER, float: NUMBER,
  Boolean: { type: 'boolean' }, boolean: { type: 'boolean' },
  UUID: { type: 'string', format: 'uuid' },
  Instant: DATE_TIME, OffsetDateTime: DATE_TIME, ZonedDateTime: DATE_TIME, LocalDateTime: DATE_TIME, Date: DATE_TIME,
  LocalDate: { type: 'string', format: 'date' },
  LocalTime: { type: 'string', format: 'time' },
  Duration: { type: 'string', format: 'duration' },
  URI: { type: 'string', format: 'uri' },
  Object: {}, JsonNode: {},
};
const LISTS = new Set(['List', 'ArrayList', 'LinkedList', 'Collection', 'Iterable', 'Deque', 'Queue']);
const SETS = new Set(['Set', 'HashSet', 'TreeSet', 'LinkedHashSet', 'SortedSet', 'EnumSet']);
const MAPS = new Set(['Map', 'HashMap', 'TreeMap', 'LinkedHashMap', 'SortedMap', 'ConcurrentHashMap', 'EnumMap']);

export function refTo(name: string): JsonSchema {
  return { $ref: `#/$defs/${name}` };
}

function typeArguments(generic: Node): Node[] {
  return generic.namedChildren.find((child) => child.type === 'type_arguments')?.namedChildren.filter((argument) => !argument.type.endsWith('annotation')) ?? [];
}

/** `Optional<T>` gives T, anything else undefined. */
export function optionalInner(type: Node | null): Node | undefined {
  return type?.type === 'generic_type' && simpleTypeName(type) === 'Optional' ? typeArguments(type)[0] : undefined;
}

function namedSchema(name: string, generics: ReadonlySet<string>): JsonSchema {
  if (generics.has(name)) return {};
  return KNOWN[name] ?? refTo(name);
}

function genericSchema(type: Node, generics: ReadonlySet<string>): JsonSchema {
  const name = simpleTypeName(type);
  const [first, second] = typeArguments(type);
  const schemaOf = (argument: Node | undefined) => (argument ? javaTypeSchema(argument, generics) : {});
  if (name === 'Optional') return nullable(schemaOf(first));
  if (LISTS.has(name)) return { type: 'array', items: schemaOf(first) };
  if (SETS.has(name)) return { type: 'array', items: schemaOf(first), uniqueItems: true };
  if (MAPS.has(name)) return { type: 'object', additionalProperties: schemaOf(second) };
  return namedSchema(name, generics);
}

/** JSON Schema of a Java type as Jackson writes it. */
export function javaTypeSchema(type: Node, generics: ReadonlySet<string>): JsonSchema {
  switch (type.type) {
    case 'generic_type':
      return genericSchema(type, generics);
    case 'array_type': {
      const element = type.childForFieldName('element')!;
      // Jackson writes byte[] as a base64 string.
      if (element.text === 'byte') return { type: 'string', contentEncoding: 'base64' };
      return { type: 'array', items: javaTypeSchema(element, generics) };
    }
    case 'integral_type':
    case 'floating_point_type':
    case 'boolean_type':
    case 'type_identifier':
    case 'scoped_type_identifier':
      return namedSchema(simpleTypeName(type), generics);
    default:
      return {};
  }
}

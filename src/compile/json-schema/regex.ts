/**
 * JSON Schema -> one anchored regex for the JSON text of its instances, when that language is
 * regular and small: const/enum, booleans, null, integers (ranges too), unbounded numbers,
 * strings (length bounds, a translatable pattern, or format uuid), arrays of such items, and
 * closed objects whose properties are all required, in the order of `properties`. Whitespace is
 * allowed between tokens (JSON's four characters, at most `maxWhitespace` in a row), never around
 * the whole text. The regex is portable to Python's `re` (vLLM `regex`); in JavaScript use the
 * `u` flag. It matches exactly the valid instances as JSON.stringify writes them (plus that
 * whitespace): keys in schema order, numbers in their shortest form.
 */
import { fragmentSegments, resolveSegments } from '../../validate/json-schema/pointer.js';
import { isPlainObject } from '../../validate/json-schema/equality.js';
import { isAssertion, requiredNames, typeNames, branchesAreExclusive } from './schema-facts.js';
import { integerRangeRegex } from './regex-integer.js';
import { escapeRegexText, JSON_STRING_CHAR, stringLiteralRegex } from './regex-json.js';
import { translatePattern } from './regex-pattern.js';
import type { JsonSchema, SchemaObject } from './types.js';

export const SCHEMA_REGEX_LIMITS = {
  /** Longest regex returned: engines turn regexes into automata, and big ones cost seconds to build per request. */
  maxPatternLength: 16_384,
  /** Largest {m,n} bound written for lengths and item counts, for the same reason. */
  maxRepetition: 1_000,
  /** Whitespace characters allowed in a row between tokens (llama.cpp's JSON grammar allows 20 spaces of indentation). */
  maxWhitespace: 20,
} as const;

export interface SchemaRegexOptions {
  /** `flexible` (default): JSON whitespace between tokens; `none`: compact JSON only. */
  whitespace?: 'none' | 'flexible';
}

export type SchemaRegexResult = { pattern: string; reason?: undefined } | { pattern: undefined; reason: string };

class NotRegular extends Error {}

const ALLOWED = new Set([
  'type', 'const', 'enum', 'anyOf', 'oneOf', '$ref', 'properties', 'required', 'additionalProperties', 'items', 'minItems',
  'maxItems', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
]);
const NUMBER = String.raw`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

function alternation(parts: readonly string[]): string {
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join('|')})`;
}

function repetition(minimum: number, maximum: number | undefined): string {
  if (Math.max(minimum, maximum ?? 0) > SCHEMA_REGEX_LIMITS.maxRepetition) {
    throw new NotRegular(`a bound above ${SCHEMA_REGEX_LIMITS.maxRepetition} repetitions`);
  }
  if (maximum === undefined) return minimum === 0 ? '*' : `{${minimum},}`;
  return minimum === maximum ? `{${minimum}}` : `{${minimum},${maximum}}`;
}

function numberOr<T extends number | undefined>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' ? value : fallback;
}

class RegexBuilder {
  private readonly activeReferences = new Set<string>();

  constructor(private readonly root: JsonSchema, private readonly whitespace: string) {}

  schema(schema: unknown, at: string): string {
    if (schema === false) throw new NotRegular(`${at} accepts no value`);
    if (!isPlainObject(schema)) throw new NotRegular(`${at} accepts any JSON value, which nests without bound`);
    const unsupported = Object.keys(schema).find((keyword) => isAssertion(keyword) && !ALLOWED.has(keyword));
    if (unsupported) throw new NotRegular(`keyword "${unsupported}" at ${at} is not supported in regexes`);
    if (typeof schema.$ref === 'string') return this.reference(schema, schema.$ref, at);
    if ('const' in schema) return this.enumeration(schema, [schema.const], 'const', at);
    if (Array.isArray(schema.enum)) return this.enumeration(schema, schema.enum, 'enum', at);
    if (Array.isArray(schema.anyOf)) return this.branches(schema, schema.anyOf, 'anyOf', at);
    if (Array.isArray(schema.oneOf)) {
      if (!branchesAreExclusive(schema.oneOf)) throw new NotRegular(`oneOf at ${at} has branches that may overlap`);
      return this.branches(schema, schema.oneOf, 'oneOf', at);
    }
    const types = typeNames(schema);
    if (types.length === 0) throw new NotRegular(`${at} has no type, so it accepts any JSON value`);
    return alternation(types.map((type) => this.typed(schema, type, at)));
  }

  /** `type` may sit beside const/enum (it filters their values); beside anything else it would need an intersection. */
  private onlyAnnotationsBeside(schema: SchemaObject, keyword: string, at: string): void {
    const typeAllowed = keyword === 'const' || keyword === 'enum';
    const other = Object.keys(schema).find((candidate) => candidate !== keyword && (candidate !== 'type' || !typeAllowed) && isAssertion(candidate));
    if (other) throw new NotRegular(`"${other}" beside ${keyword} at ${at} is not supported in regexes`);
  }

  private reference(schema: SchemaObject, reference: string, at: string): string {
    this.onlyAnnotationsBeside(schema, '$ref', at);
    const segments = fragmentSegments(reference);
    const target = segments ? resolveSegments(this.root, segments) : undefined;
    if (!target?.found) throw new NotRegular(`$ref "${reference}" at ${at} cannot be resolved locally`);
    if (this.activeReferences.has(reference)) throw new NotRegular(`$ref "${reference}" is recursive, which is not regular`);
    this.activeReferences.add(reference);
    try {
      return this.schema(target.value, reference);
    } finally {
      this.activeReferences.delete(reference);
    }
  }

  private enumeration(schema: SchemaObject, values: readonly unknown[], keyword: 'const' | 'enum', at: string): string {
    this.onlyAnnotationsBeside(schema, keyword, at);
    const types = typeNames(schema);
    const allowed = values.filter((value) => types.length === 0 || types.some((type) => literalHasType(value, type)));
    if (allowed.length === 0) throw new NotRegular(`${keyword} at ${at} has no value of the schema's type`);
    return alternation(allowed.map((value) => this.literal(value)));
  }

  private branches(schema: SchemaObject, branches: readonly unknown[], keyword: string, at: string): string {
    this.onlyAnnotationsBeside(schema, keyword, at);
    return alternation(branches.map((branch, index) => this.schema(branch, `${at}/${keyword}/${index}`)));
  }

  private literal(value: unknown): string {
    if (typeof value === 'string') return stringLiteralRegex(value);
    if (Array.isArray(value)) return this.sequence('\\[', value.map((item) => this.literal(item)), '\\]');
    if (isPlainObject(value)) {
      const members = Object.entries(value).map(([name, member]) => this.member(name, this.literal(member)));
      return this.sequence('\\{', members, '\\}');
    }
    return escapeRegexText(JSON.stringify(value));
  }

  private member(name: string, value: string): string {
    return `${stringLiteralRegex(name)}${this.whitespace}:${this.whitespace}${value}`;
  }

  private sequence(open: string, items: readonly string[], close: string): string {
    const ws = this.whitespace;
    return items.length === 0 ? `${open}${ws}${close}` : `${open}${ws}${items.join(`${ws},${ws}`)}${ws}${close}`;
  }

  private typed(schema: SchemaObject, type: string, at: string): string {
    switch (type) {
      case 'null': return 'null';
      case 'boolean': return '(true|false)';
      case 'integer': return this.integer(schema, at);
      case 'number': return this.number(schema, at);
      case 'string': return this.string(schema, at);
      case 'array': return this.array(schema, at);
      case 'object': return this.object(schema, at);
      default: throw new NotRegular(`unknown type "${type}" at ${at}`);
    }
  }

  private integer(schema: SchemaObject, at: string): string {
    const low = Math.max(Math.ceil(numberOr(schema.minimum, -Infinity)), Math.floor(numberOr(schema.exclusiveMinimum, -Infinity)) + 1);
    const high = Math.min(Math.floor(numberOr(schema.maximum, Infinity)), Math.ceil(numberOr(schema.exclusiveMaximum, Infinity)) - 1);
    const bounds = [low, high].filter(Number.isFinite);
    if (bounds.some((bound) => !Number.isSafeInteger(bound))) throw new NotRegular(`integer bounds at ${at} are beyond 2^53`);
    const regex = integerRangeRegex(Number.isFinite(low) ? low : undefined, Number.isFinite(high) ? high : undefined);
    if (regex === undefined) throw new NotRegular(`integer range at ${at} is empty`);
    return regex;
  }

  private number(schema: SchemaObject, at: string): string {
    const bound = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].find((keyword) => keyword in schema);
    if (bound) throw new NotRegular(`"${bound}" on a number at ${at}: ranges of decimals are not supported in regexes`);
    return NUMBER;
  }

  private string(schema: SchemaObject, at: string): string {
    const hasLength = 'minLength' in schema || 'maxLength' in schema;
    if ('format' in schema) {
      if (schema.format !== 'uuid') throw new NotRegular(`format "${String(schema.format)}" at ${at} is not supported in regexes`);
      if ('pattern' in schema || hasLength) throw new NotRegular(`format beside pattern or length at ${at} is not supported in regexes`);
      return `"${UUID}"`;
    }
    if (typeof schema.pattern === 'string') {
      if (hasLength) throw new NotRegular(`pattern together with minLength/maxLength at ${at} needs an intersection, which regexes lack`);
      const translated = translatePattern(schema.pattern);
      if (!translated.ok) throw new NotRegular(translated.reason);
      return `"${translated.regex}"`;
    }
    return `"${JSON_STRING_CHAR}${repetition(numberOr(schema.minLength, 0), numberOr(schema.maxLength, undefined))}"`;
  }

  private array(schema: SchemaObject, at: string): string {
    if (!('items' in schema)) throw new NotRegular(`array at ${at} has no items schema, so its items may be any JSON value`);
    const item = this.schema(schema.items, `${at}/items`);
    const minimum = numberOr(schema.minItems, 0);
    const maximum = numberOr(schema.maxItems, undefined);
    const ws = this.whitespace;
    if (maximum === 0) return `\\[${ws}\\]`;
    const rest = `(${ws},${ws}${item})${repetition(Math.max(minimum - 1, 0), maximum === undefined ? undefined : maximum - 1)}`;
    const content = minimum === 0 ? `(${item}${rest})?` : `${item}${rest}`;
    return `\\[${ws}${content}${ws}\\]`;
  }

  private object(schema: SchemaObject, at: string): string {
    if (schema.additionalProperties !== false) throw new NotRegular(`object at ${at} does not set additionalProperties: false, so its keys are open`);
    const properties = isPlainObject(schema.properties) ? schema.properties : {};
    const required = new Set(requiredNames(schema));
    const optional = Object.keys(properties).filter((name) => !required.has(name));
    if (optional.length > 0) throw new NotRegular(`object at ${at} has optional properties (${optional.join(', ')}); only fixed objects are supported`);
    const missing = [...required].filter((name) => !Object.hasOwn(properties, name));
    if (missing.length > 0) throw new NotRegular(`object at ${at} requires ${missing.join(', ')}, which additionalProperties: false forbids`);
    const members = Object.entries(properties).map(([name, member]) => this.member(name, this.schema(member, `${at}/properties/${name}`)));
    return this.sequence('\\{', members, '\\}');
  }
}

function literalHasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'null') return value === null;
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return isPlainObject(value);
  return typeof value === type;
}

export function schemaToRegex(schema: JsonSchema, options: SchemaRegexOptions = {}): SchemaRegexResult {
  const whitespace = options.whitespace === 'none' ? '' : `[ \\t\\n\\r]{0,${SCHEMA_REGEX_LIMITS.maxWhitespace}}`;
  let body: string;
  try {
    body = new RegexBuilder(schema, whitespace).schema(schema, '#');
  } catch (error) {
    if (error instanceof NotRegular) return { pattern: undefined, reason: error.message };
    throw error;
  }
  const pattern = `^${body}$`;
  if (pattern.length > SCHEMA_REGEX_LIMITS.maxPatternLength) {
    return { pattern: undefined, reason: `the regex would be ${pattern.length} characters, over the ${SCHEMA_REGEX_LIMITS.maxPatternLength} limit` };
  }
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return { pattern: undefined, reason: `the translated regex does not compile: ${(error as Error).message}` };
  }
  return { pattern };
}

import type { Node } from 'web-tree-sitter';
import { isNullSchema, literalValue, type JsonSchema, type JsonValue } from './literals.js';
import { keywordArgument, lastName, positionalArguments } from './syntax.js';

/** What a pydantic `Field(...)` or dataclasses `field(...)` call says about a field. */
export interface FieldOptions {
  hasDefault: boolean;
  /** `Field(...)`: required even when the type allows None. */
  explicitRequired: boolean;
  default?: JsonValue;
  alias?: string;
  /** Value keywords as written in Python, e.g. { min_length: 3 }. */
  keywords: Record<string, JsonValue>;
  /** description, title, examples: they describe the field, whatever its type. */
  annotations: JsonSchema;
}

const VALUE_KEYWORDS = ['min_length', 'max_length', 'ge', 'gt', 'le', 'lt', 'multiple_of', 'pattern', 'regex'];
const ANNOTATION_KEYWORDS = ['description', 'title', 'examples'];
const NUMERIC: Record<string, string> = { ge: 'minimum', gt: 'exclusiveMinimum', le: 'maximum', lt: 'exclusiveMaximum', multiple_of: 'multipleOf' };

export function isFieldCall(node: Node | null | undefined): node is Node {
  return node?.type === 'call' && ['Field', 'field'].includes(lastName(node.childForFieldName('function')) ?? '');
}

function literalKeywords(argumentList: Node | null, names: readonly string[]): Record<string, JsonValue> {
  const values: Record<string, JsonValue> = {};
  for (const name of names) {
    const node = keywordArgument(argumentList, name);
    const value = node ? literalValue(node) : undefined;
    if (value !== undefined) values[name] = value;
  }
  return values;
}

export function fieldCallOptions(call: Node): FieldOptions {
  const argumentList = call.childForFieldName('arguments');
  const defaultNode = positionalArguments(argumentList)[0] ?? keywordArgument(argumentList, 'default');
  const explicitRequired = defaultNode?.type === 'ellipsis';
  const hasDefault = (!!defaultNode && !explicitRequired) || !!keywordArgument(argumentList, 'default_factory');
  const value = defaultNode && !explicitRequired ? literalValue(defaultNode) : undefined;
  const alias = literalKeywords(argumentList, ['alias']).alias;
  return {
    hasDefault,
    explicitRequired,
    ...(value !== undefined ? { default: value } : {}),
    ...(typeof alias === 'string' ? { alias } : {}),
    keywords: literalKeywords(argumentList, VALUE_KEYWORDS),
    annotations: literalKeywords(argumentList, ANNOTATION_KEYWORDS),
  };
}

function keywordFor(python: string, schema: JsonSchema): string | undefined {
  const numeric = NUMERIC[python];
  if (numeric) return numeric;
  if (python === 'pattern' || python === 'regex') return 'pattern';
  const bound = python === 'min_length' ? 'min' : 'max';
  if (schema.type === 'array') return `${bound}Items`;
  if (schema.type === 'object') return `${bound}Properties`;
  return `${bound}Length`;
}

/** Value keywords go on the non-null branches of a nullable type, as pydantic does. */
function constrain(schema: JsonSchema, keywords: Record<string, JsonValue>): JsonSchema {
  if (Array.isArray(schema.anyOf)) {
    return { ...schema, anyOf: (schema.anyOf as JsonSchema[]).map((member) => (isNullSchema(member) ? member : constrain(member, keywords))) };
  }
  const constrained = { ...schema };
  for (const [python, value] of Object.entries(keywords)) constrained[keywordFor(python, schema)!] = value;
  return constrained;
}

export function applyFieldOptions(schema: JsonSchema, options: FieldOptions): JsonSchema {
  return {
    ...constrain(schema, options.keywords),
    ...options.annotations,
    ...(options.default !== undefined ? { default: options.default } : {}),
  };
}

/** Annotated[X, Field(...), ...]: constraints and descriptions from every Field in the metadata. */
export function applyAnnotatedMetadata(schema: JsonSchema, metadata: readonly Node[]): JsonSchema {
  return metadata
    .map((node) => (node.type === 'type' ? node.namedChildren[0] : node))
    .filter(isFieldCall)
    .reduce((current, call) => {
      const { keywords, annotations } = fieldCallOptions(call);
      return applyFieldOptions(current, { hasDefault: false, explicitRequired: false, keywords, annotations });
    }, schema);
}

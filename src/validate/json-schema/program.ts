import { AnankeError } from '../../errors.js';
import { dialectDefinition, dialectOfSchemaUri } from './dialects.js';
import { isPlainObject } from './equality.js';
import type { KeywordHandler } from './evaluator.js';
import { isAssertedFormat } from './formats.js';
import { Location } from './location.js';
import { appendPointer, fragmentSegments, resolveSegments } from './pointer.js';
import type { Dialect, IgnoredKeyword, JsonSchema, JsonSchemaValidatorOptions, SchemaObject } from './types.js';
import { ANNOTATION_KEYWORDS, isSchema, walkSchema } from './vocabulary.js';

export interface ReferenceTarget {
  readonly schema: JsonSchema;
  /** Where the target sits, as a fragment: becomes the schemaPath of errors found inside it. */
  readonly pointer: string;
  readonly location: Location;
}

/** A schema made ready to validate: references resolved, patterns compiled, dialect chosen. */
export interface Program {
  readonly root: JsonSchema;
  readonly dialect: Dialect;
  readonly keywords: ReadonlyMap<string, KeywordHandler>;
  readonly referenceHidesSiblings: boolean;
  readonly assertFormats: boolean;
  readonly ignored: readonly IgnoredKeyword[];
  regex(pattern: string): RegExp;
  resolveReference(reference: string): ReferenceTarget | undefined;
}

function invalidSchema(message: string, hint: string): AnankeError {
  return new AnankeError('invalid_request', message, hint);
}

/** JSON Schema patterns are ECMA-262 with Unicode; older schemas sometimes rely on non-Unicode escapes. */
function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    try {
      return new RegExp(pattern);
    } catch (error) {
      throw invalidSchema(
        `JSON Schema pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(error as Error).message}`,
        'Write the pattern as an ECMAScript regular expression (JSON Schema 2020-12, section 6.4).',
      );
    }
  }
}

function resolveLocal(root: JsonSchema, reference: string): ReferenceTarget {
  const segments = fragmentSegments(reference);
  if (!segments) {
    throw invalidSchema(
      `$ref "${reference}" is not a reference inside this schema; remote references, $id and $anchor are not supported`,
      'Move the referenced schema under "$defs" and refer to it as "#/$defs/<name>".',
    );
  }
  const { found, value } = resolveSegments(root, segments);
  if (!found || !isSchema(value)) {
    throw invalidSchema(`$ref "${reference}" points to nothing in this schema`, 'Point $ref at an existing schema, e.g. "#/$defs/<name>".');
  }
  const pointer = appendPointer('#', ...segments);
  return { schema: value, pointer, location: Location.root(pointer) };
}

export function createProgram(schema: unknown, options: JsonSchemaValidatorOptions = {}): Program {
  if (!isSchema(schema)) {
    throw invalidSchema('a JSON Schema must be an object or a boolean', 'Pass the schema object itself, not its JSON text.');
  }
  const dialect = (isPlainObject(schema) ? dialectOfSchemaUri(schema.$schema) : undefined) ?? options.dialect ?? '2020-12';
  const definition = dialectDefinition(dialect);
  const patterns = new Map<string, RegExp>();
  const references = new Map<string, ReferenceTarget>();
  const regex = (pattern: string): RegExp => {
    let compiled = patterns.get(pattern);
    if (!compiled) patterns.set(pattern, (compiled = compilePattern(pattern)));
    return compiled;
  };
  const resolveReference = (reference: string): ReferenceTarget | undefined => {
    let target = references.get(reference);
    if (!target) references.set(reference, (target = resolveLocal(schema, reference)));
    return target;
  };
  const program: Program = {
    root: schema, dialect, keywords: definition.keywords, referenceHidesSiblings: definition.referenceHidesSiblings,
    assertFormats: options.assertFormats ?? true, ignored: [], regex, resolveReference,
  };
  return { ...program, ignored: inspect(program) };
}

/** Resolves every reference and compiles every pattern now, so a broken schema fails before any instance. */
function inspect(program: Program): IgnoredKeyword[] {
  const ignored: IgnoredKeyword[] = [];
  const visited = new Set<string>();
  const visit = (schema: JsonSchema, basePointer: string): void => {
    if (visited.has(basePointer)) return;
    visited.add(basePointer);
    walkSchema(schema, (node, segments) => {
      if (typeof node === 'boolean') return;
      const pointer = appendPointer(basePointer, ...segments);
      ignored.push(...inspectNode(node, pointer, program));
      if (typeof node.$ref === 'string') {
        const target = program.resolveReference(node.$ref);
        if (target) visit(target.schema, target.pointer);
      }
    });
  };
  visit(program.root, '#');
  return ignored;
}

function inspectNode(node: SchemaObject, pointer: string, program: Program): IgnoredKeyword[] {
  if (typeof node.pattern === 'string') program.regex(node.pattern);
  if (isPlainObject(node.patternProperties)) Object.keys(node.patternProperties).forEach(program.regex);
  const ignored: IgnoredKeyword[] = [];
  for (const keyword of Object.keys(node)) {
    if (program.keywords.has(keyword) || ANNOTATION_KEYWORDS.has(keyword)) continue;
    ignored.push({ keyword, schemaPath: appendPointer(pointer, keyword), reason: `not a ${program.dialect} keyword this validator checks` });
  }
  if (typeof node.format === 'string' && !isAssertedFormat(node.format)) {
    ignored.push({ keyword: 'format', schemaPath: appendPointer(pointer, 'format'), reason: `format "${node.format}" is not checked (annotation only)` });
  }
  return ignored;
}

/**
 * An interpreting JSON Schema validator (draft 2020-12, with draft-07 and draft-04 dialects).
 * It generates no code and never calls eval or new Function, so it runs inside workerd, where
 * Ajv's compile() cannot. See docs/json-schema.md for the keywords it checks and its conformance.
 */
import { createSink, Evaluator } from './json-schema/evaluator.js';
import { JSON_SCHEMA_LIMITS } from './json-schema/limits.js';
import { createProgram } from './json-schema/program.js';
import type {
  Dialect, IgnoredKeyword, JsonSchemaValidationResult, JsonSchemaValidatorOptions,
} from './json-schema/types.js';

export type {
  Dialect, IgnoredKeyword, JsonSchema, JsonSchemaError, JsonSchemaValidationResult, JsonSchemaValidatorOptions, SchemaObject,
} from './json-schema/types.js';
export { ASSERTED_FORMATS } from './json-schema/formats.js';
export { JSON_SCHEMA_LIMITS } from './json-schema/limits.js';

export interface JsonSchemaValidator {
  readonly dialect: Dialect;
  /** Keywords present in the schema that this validator does not check: nothing is skipped silently. */
  readonly ignored: readonly IgnoredKeyword[];
  validate(instance: unknown): JsonSchemaValidationResult;
}

/**
 * Prepares `schema` once (resolves `$ref`s, compiles patterns) for many validations.
 * Throws AnankeError `invalid_request` for a schema it cannot use: a remote or dangling `$ref`,
 * an invalid pattern, or a value that is not a schema.
 */
export function createJsonSchemaValidator(schema: unknown, options: JsonSchemaValidatorOptions = {}): JsonSchemaValidator {
  const program = createProgram(schema, options);
  const maxErrors = options.maxErrors ?? JSON_SCHEMA_LIMITS.maxErrors;
  return {
    dialect: program.dialect,
    ignored: program.ignored,
    validate(instance: unknown): JsonSchemaValidationResult {
      const sink = createSink(maxErrors);
      const valid = new Evaluator(program).run(instance, sink);
      return { valid, errors: sink.errors ?? [], truncated: sink.truncated };
    },
  };
}

export function validateJsonSchema(schema: unknown, instance: unknown, options?: JsonSchemaValidatorOptions): JsonSchemaValidationResult {
  return createJsonSchemaValidator(schema, options).validate(instance);
}

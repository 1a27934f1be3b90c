import type { EngineWarning } from '../constraints/compile-api.js';
import type { ConstraintOf } from '../constraints/schema.js';
import { AnankeError, isAnankeError } from '../errors.js';
import { normalizeSchema, schemaToRegex, toOpenAiStrict, type SchemaWarning } from './json-schema/index.js';

export interface JsonOutputs {
  json_schema: Record<string, unknown>;
  json_schema_openai?: Record<string, unknown>;
  regex?: string;
  warnings: EngineWarning[];
}

function engineWarning(constraintId: string, warning: SchemaWarning): EngineWarning {
  return {
    ...(warning.engine === 'all' ? {} : { engine: warning.engine }),
    constraint_id: constraintId,
    code: `schema_keyword_${warning.action}`,
    message: `${warning.path}: ${warning.keyword}: ${warning.message}`,
  };
}

function unusableSchema(target: ConstraintOf<'json_schema'> | ConstraintOf<'type_shape'>, error: unknown): AnankeError {
  const constraintId = target.id;
  const message = isAnankeError(error) || error instanceof Error ? error.message : String(error);
  const missing = target.type === 'type_shape' ? /\$ref "#\/\$defs\/([^"/]+)" points to nothing/.exec(message)?.[1] : undefined;
  if (missing !== undefined) {
    // The type shapes of the set are carried under $defs (type-definitions.ts): this one is not among them.
    return new AnankeError(
      'unprocessable',
      `the JSON Schema of ${target.payload.name} (${constraintId}) cannot be used: it refers to ${missing}, which is not a type shape of this constraint set (a built-in or library type, or a file not extracted)`,
      `extract the file that declares ${missing} with the others, or choose another target`,
      { constraint_id: constraintId, missing_type: missing },
    );
  }
  return new AnankeError('unprocessable', `the JSON Schema of ${constraintId} cannot be used: ${message}`, 'fix the schema: every $ref must point inside it and every pattern must be a valid regex', { constraint_id: constraintId });
}

/** The json shape: the schema normalised for every engine, its OpenAI strict form, and a regex when one exists. */
export function jsonOutputs(target: ConstraintOf<'json_schema'> | ConstraintOf<'type_shape'>, wantRegex: boolean): JsonOutputs {
  try {
    const normalized = normalizeSchema(target.payload.schema);
    const strict = toOpenAiStrict(target.payload.schema);
    const regex = wantRegex ? schemaToRegex(normalized.schema) : undefined;
    const warnings = [...normalized.warnings, ...strict.warnings.filter((warning) => warning.engine === 'openai_strict')].map((warning) => engineWarning(target.id, warning));
    if (regex && regex.pattern === undefined) warnings.push({ constraint_id: target.id, code: 'no_regex', message: `no regex form: ${regex.reason}` });
    return {
      json_schema: normalized.schema as Record<string, unknown>,
      json_schema_openai: strict.schema as Record<string, unknown>,
      ...(regex?.pattern !== undefined ? { regex: regex.pattern } : {}),
      warnings,
    };
  } catch (error) {
    throw unusableSchema(target, error);
  }
}

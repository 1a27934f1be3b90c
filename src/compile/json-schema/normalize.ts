import { AnankeError } from '../../errors.js';
import { createJsonSchemaValidator, type Dialect } from '../../validate/json-schema.js';
import { isPlainObject } from '../../validate/json-schema/equality.js';
import { appendPointer } from '../../validate/json-schema/pointer.js';
import { isSchema, walkSchema } from '../../validate/json-schema/vocabulary.js';
import { canonicalSchema } from './canonical.js';
import { engineWarnings } from './engine-report.js';
import { isObjectSchema } from './schema-facts.js';
import { ENGINE_FAMILIES, type EngineFamily, type JsonSchema, type SchemaWarning } from './types.js';
import { upgradeToDraft2020 } from './upgrade.js';

export interface NormalizeOptions {
  /** How to read a schema without a recognised `$schema`. Default `2020-12`. */
  dialect?: Dialect;
  /** Engines to report on. Default: all of them. */
  engines?: readonly EngineFamily[];
  /**
   * Add `additionalProperties: false` to objects that leave it unset. Engines disagree about the
   * unset case (JSON Schema and llguidance allow other properties; xgrammar's strict mode and
   * llama.cpp forbid them), so an explicit value makes them agree. Default false: keep the
   * schema's meaning and report the engines that read it differently.
   */
  closeObjects?: boolean;
}

export interface NormalizeResult {
  schema: JsonSchema;
  warnings: SchemaWarning[];
}

/** Objects with `properties` list their required ones explicitly (`required: []` when none is). */
function makeExplicit(schema: JsonSchema, closeObjects: boolean): SchemaWarning[] {
  const warnings: SchemaWarning[] = [];
  walkSchema(schema, (node, segments) => {
    if (typeof node === 'boolean') return;
    const mutable = node as Record<string, unknown>;
    if (isPlainObject(node.properties) && !('required' in node)) mutable.required = [];
    if (closeObjects && isObjectSchema(node) && !('additionalProperties' in node)) {
      mutable.additionalProperties = false;
      const path = appendPointer(appendPointer('#', ...segments), 'additionalProperties');
      warnings.push({ engine: 'all', keyword: 'additionalProperties', path, action: 'rewritten', message: 'object closed: additionalProperties false added (closeObjects)' });
    }
  });
  return warnings;
}

/**
 * Normalises a JSON Schema to one portable 2020-12 form (older-draft and OpenAPI spellings
 * rewritten, `$ref`s to `$defs` kept, canonical key order) and reports, per engine family, what
 * each engine would drop, refuse or read differently. Throws AnankeError `invalid_request` for a
 * schema that cannot be used at all (dangling or remote `$ref`, invalid pattern).
 */
export function normalizeSchema(schema: unknown, options: NormalizeOptions = {}): NormalizeResult {
  if (!isSchema(schema)) {
    throw new AnankeError('invalid_request', 'a JSON Schema must be an object or a boolean', 'Pass the schema object itself, not its JSON text.');
  }
  const upgraded = upgradeToDraft2020(schema, options.dialect);
  const explicitWarnings = makeExplicit(upgraded.schema, options.closeObjects ?? false);
  const normalized = canonicalSchema(upgraded.schema);
  createJsonSchemaValidator(normalized);
  const warnings = [...upgraded.warnings, ...explicitWarnings, ...engineWarnings(normalized, options.engines ?? ENGINE_FAMILIES)];
  return { schema: normalized, warnings };
}

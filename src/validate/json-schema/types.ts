/** A JSON Schema: an object of keywords, or `true` (accept anything) / `false` (accept nothing). */
export type JsonSchema = boolean | SchemaObject;
export type SchemaObject = { readonly [keyword: string]: unknown };

/**
 * Which keyword semantics apply. `2020-12` is the default; `draft-07` and `draft-04` exist for
 * schemas written against those drafts (tuple `items`, `dependencies`, `$ref` hiding its siblings).
 */
export const DIALECTS = ['2020-12', 'draft-07', 'draft-04'] as const;
export type Dialect = (typeof DIALECTS)[number];

export interface JsonSchemaError {
  /** JSON Pointer of the failing value in the instance ("" is the whole instance). */
  path: string;
  keyword: string;
  message: string;
  /** JSON Pointer (as a URI fragment) of the keyword in the schema, after following `$ref`s. */
  schemaPath: string;
}

export interface IgnoredKeyword {
  keyword: string;
  schemaPath: string;
  reason: string;
}

export interface JsonSchemaValidationResult {
  valid: boolean;
  errors: JsonSchemaError[];
  /** True when more errors existed than `maxErrors`; `valid` is still exact. */
  truncated: boolean;
}

export interface JsonSchemaValidatorOptions {
  /** Used when the schema has no recognised `$schema`. Default `2020-12`. */
  dialect?: Dialect;
  /** Check `format` (the ASSERTED_FORMATS: date-time, date, email, uri, uuid, ipv4, ipv6, hostname). Default true. */
  assertFormats?: boolean;
  /** Errors kept in a result. Default `JSON_SCHEMA_LIMITS.maxErrors`. */
  maxErrors?: number;
}

/**
 * What each engine family does with each JSON Schema keyword: one table, every entry with its source.
 * `normalizeSchema` reports from it and `toOpenAiStrict` removes what OpenAI would refuse.
 */
import { isPlainObject } from '../../validate/json-schema/equality.js';
import { llamaBranch } from './llama-cpp-branches.js';
import {
  branchesAreExclusive, hasLookaround, isAnchored, isAssertion, isObjectSchema, optionalProperties, typeNames,
} from './schema-facts.js';
import type { EngineFamily, SchemaObject, WarningAction } from './types.js';

export const SOURCES = {
  xgrammarDocs: 'xgrammar docs/xgrammar_features/json_schema.md (mlc-ai/xgrammar @851819b)',
  xgrammarStrictMode: 'xgrammar Grammar.fromJSONSchema strictMode doc (@mlc-ai/web-xgrammar 0.1.27 lib/xgrammar.d.ts)',
  xgrammarMeasured: 'measured with @mlc-ai/web-xgrammar 0.1.27 (test/compile/json-schema-engines.test.ts)',
  vllmGuard: 'vLLM vllm/v1/structured_output/backend_xgrammar.py has_xgrammar_unsupported_json_features (@030141c)',
  llguidanceDocs: 'llguidance docs/json_schema.md (guidance-ai/llguidance @0bc7a5f)',
  llamaReadme: 'llama.cpp grammars/README.md, "JSON Schemas -> GBNF" (ggml-org/llama.cpp @363a490)',
  llamaSource: 'llama.cpp common/json-schema-to-grammar.cpp visit() and _visit_pattern() (ggml-org/llama.cpp @011c6c3)',
  openAiDocs: 'OpenAI Structured Outputs guide, "Supported schemas" (platform.openai.com/docs/guides/structured-outputs)',
  openAiDefault400: 'HTTP 400 "\'default\' is not permitted" in strict mode: 567-labs/instructor#1074, dotnet/extensions#6196',
  openAiFormat400: 'HTTP 400 "\'uri\' is not a valid format" in strict mode: can1357/oh-my-pi#206',
  openAiTypeless400: 'HTTP 400 "schema must have a \'type\' key" in strict mode for items: {}: can1357/oh-my-pi#211',
} as const;

/** A schema object being reported on, and one of its keywords. */
export interface KeywordSite {
  readonly schema: SchemaObject;
  readonly keyword: string;
  readonly value: unknown;
  readonly isRoot: boolean;
  /** Object schemas enclosing this one (the root object is depth 1). */
  readonly objectDepth: number;
}

export interface EngineFact {
  readonly engine: EngineFamily;
  /** The keyword reported; `*` stands for whichever keyword of the schema object is being checked. */
  readonly keyword: string;
  /** `schema`: checked once per schema object, for rules about a keyword being absent. */
  readonly on?: 'schema';
  readonly action: WarningAction;
  readonly applies?: (site: KeywordSite) => boolean;
  readonly message: string | ((site: KeywordSite) => string);
  readonly source: string;
}

export interface EngineSupport {
  /** Keywords the engine implements (subject to the facts below). */
  readonly supported: ReadonlySet<string>;
  /** What happens to any other asserting keyword. */
  readonly otherwise: { action: WarningAction; message: string; source: string };
}

const XGRAMMAR_FORMATS = new Set([
  'email', 'date', 'time', 'date-time', 'duration', 'ipv4', 'ipv6', 'hostname', 'uuid', 'uri', 'uri-reference',
  'uri-template', 'json-pointer', 'relative-json-pointer',
]);
const LLGUIDANCE_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid', 'uri']);
export const OPENAI_FORMATS: ReadonlySet<string> = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);

/** Limits OpenAI documents for strict schemas. */
export const OPENAI_LIMITS = { maxObjectDepth: 10, maxProperties: 5000, maxEnumValues: 1000 } as const;

export const ENGINE_SUPPORT: Record<EngineFamily, EngineSupport> = {
  xgrammar: {
    supported: new Set([
      'type', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', '$ref', 'minLength', 'maxLength', 'pattern', 'format', 'minimum',
      'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'items', 'prefixItems', 'minItems', 'maxItems', 'unevaluatedItems',
      'properties', 'required', 'additionalProperties', 'unevaluatedProperties', 'minProperties', 'maxProperties',
      'patternProperties', 'propertyNames',
    ]),
    otherwise: {
      action: 'dropped',
      message: 'xgrammar does not implement it and ignores it (measured for not, if/then/else, dependentRequired)',
      source: `${SOURCES.xgrammarDocs}; ${SOURCES.xgrammarMeasured}`,
    },
  },
  llguidance: {
    supported: new Set([
      'anyOf', 'oneOf', 'allOf', '$ref', 'const', 'enum', 'type', 'items', 'prefixItems', 'minItems', 'maxItems', 'properties',
      'additionalProperties', 'patternProperties', 'required', 'minProperties', 'maxProperties', 'minLength', 'maxLength',
      'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'x-guidance',
    ]),
    otherwise: {
      action: 'rejected',
      message: 'llguidance refuses schemas with keywords it does not implement (x-guidance "lenient": true ignores them instead)',
      source: SOURCES.llguidanceDocs,
    },
  },
  llama_cpp: {
    supported: new Set([
      '$ref', 'anyOf', 'oneOf', 'type', 'const', 'enum', 'properties', 'required', 'additionalProperties', 'allOf', 'items',
      'prefixItems', 'minItems', 'maxItems', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum',
      'exclusiveMinimum', 'exclusiveMaximum',
    ]),
    otherwise: { action: 'dropped', message: 'llama.cpp skips it silently', source: SOURCES.llamaReadme },
  },
  openai_strict: {
    supported: new Set([
      'type', 'enum', 'const', 'anyOf', '$ref', 'properties', 'required', 'additionalProperties', 'items', 'pattern', 'format',
      'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'minItems', 'maxItems',
    ]),
    otherwise: {
      action: 'dropped',
      message: 'not among the keywords OpenAI documents for strict mode: it may be ignored or refused (toOpenAiStrict removes it)',
      source: SOURCES.openAiDocs,
    },
  },
};

const vllmRefuses = (what: string) =>
  `vLLM refuses xgrammar for ${what} (backend "auto" falls back to guidance); SGLang's xgrammar ignores it`;

const beside = (anchor: string) => (site: KeywordSite) =>
  anchor in site.schema && site.keyword !== anchor && isAssertion(site.keyword) && site.keyword !== '$defs';

export const ENGINE_FACTS: readonly EngineFact[] = [
  // xgrammar
  { engine: 'xgrammar', keyword: 'oneOf', action: 'rewritten', message: 'read as anyOf: a value matching several branches is accepted', source: SOURCES.xgrammarDocs },
  {
    engine: 'xgrammar', keyword: 'allOf', action: 'dropped', applies: (site) => Array.isArray(site.value) && site.value.length > 1,
    message: 'only one allOf schema is supported; with more, allOf is ignored (measured: the schema then accepts any value)',
    source: `${SOURCES.xgrammarDocs}; ${SOURCES.xgrammarMeasured}`,
  },
  { engine: 'xgrammar', keyword: '*', action: 'dropped', applies: beside('allOf'), message: 'keywords beside allOf are ignored', source: SOURCES.xgrammarMeasured },
  { engine: 'xgrammar', keyword: '*', action: 'dropped', applies: beside('$ref'), message: 'keywords beside $ref are ignored', source: SOURCES.xgrammarMeasured },
  { engine: 'xgrammar', keyword: 'multipleOf', action: 'rejected', message: vllmRefuses('multipleOf'), source: `${SOURCES.vllmGuard}; ${SOURCES.xgrammarMeasured}` },
  ...['uniqueItems', 'contains', 'minContains', 'maxContains'].map((keyword): EngineFact => ({
    engine: 'xgrammar', keyword, action: 'rejected', message: vllmRefuses(keyword), source: `${SOURCES.vllmGuard}; ${SOURCES.xgrammarMeasured}`,
  })),
  {
    engine: 'xgrammar', keyword: 'format', action: 'rejected', applies: (site) => !XGRAMMAR_FORMATS.has(String(site.value)),
    message: (site) => `format "${String(site.value)}" is not one xgrammar knows; ${vllmRefuses('it')}`, source: SOURCES.vllmGuard,
  },
  ...['minLength', 'maxLength'].map((keyword): EngineFact => ({
    engine: 'xgrammar', keyword, action: 'rejected', applies: (site) => 'pattern' in site.schema || 'format' in site.schema,
    message: `xgrammar ignores ${keyword} beside pattern or format; ${vllmRefuses('that combination')}`,
    source: `${SOURCES.vllmGuard}; ${SOURCES.xgrammarMeasured}`,
  })),
  {
    engine: 'xgrammar', keyword: 'patternProperties', action: 'rejected',
    applies: (site) => 'properties' in site.schema || (isPlainObject(site.value) && Object.keys(site.value).length > 1),
    message: 'xgrammar ignores patternProperties beside properties and supports one pattern only; vLLM refuses both cases',
    source: `${SOURCES.xgrammarDocs}; ${SOURCES.vllmGuard}`,
  },
  {
    engine: 'xgrammar', keyword: 'propertyNames', action: 'rejected',
    applies: (site) => 'properties' in site.schema || 'patternProperties' in site.schema || isPlainObject(site.schema.additionalProperties),
    message: 'xgrammar ignores propertyNames beside properties, patternProperties or an additionalProperties schema; vLLM refuses it',
    source: `${SOURCES.xgrammarDocs}; ${SOURCES.vllmGuard}`,
  },
  {
    engine: 'xgrammar', keyword: 'pattern', action: 'dropped', applies: (site) => hasLookaround(site.value),
    message: 'lookahead and lookbehind assertions in the pattern are ignored', source: SOURCES.xgrammarDocs,
  },
  {
    engine: 'xgrammar', keyword: 'additionalProperties', on: 'schema', action: 'rewritten',
    applies: (site) => isObjectSchema(site.schema) && !('additionalProperties' in site.schema),
    message: 'strict mode (on by default) closes objects that leave additionalProperties unset; the schema allows other properties',
    source: `${SOURCES.xgrammarStrictMode}; ${SOURCES.xgrammarMeasured}`,
  },
  {
    engine: 'xgrammar', keyword: 'items', on: 'schema', action: 'rewritten',
    applies: (site) => 'prefixItems' in site.schema && !('items' in site.schema),
    message: 'strict mode (on by default) forbids items after prefixItems; the schema allows them', source: SOURCES.xgrammarStrictMode,
  },

  // llguidance
  {
    engine: 'llguidance', keyword: 'oneOf', action: 'rejected', applies: (site) => !branchesAreExclusive(site.value),
    message: 'llguidance accepts oneOf only when it can prove the branches exclusive, and refuses it otherwise (x-guidance "coerce_one_of" reads it as anyOf)',
    source: SOURCES.llguidanceDocs,
  },
  {
    engine: 'llguidance', keyword: 'patternProperties', action: 'rejected', applies: (site) => isPlainObject(site.value) && Object.keys(site.value).length > 1,
    message: 'llguidance needs patternProperties patterns to be disjoint and refuses them otherwise', source: SOURCES.llguidanceDocs,
  },
  ...['minProperties', 'maxProperties'].map((keyword): EngineFact => ({
    engine: 'llguidance', keyword, action: 'rejected', applies: (site) => optionalProperties(site.schema).length > 0,
    message: `llguidance supports ${keyword} only when every property in properties is required`, source: SOURCES.llguidanceDocs,
  })),
  {
    engine: 'llguidance', keyword: 'pattern', action: 'rejected', applies: (site) => hasLookaround(site.value),
    message: 'llguidance does not support lookarounds in patterns', source: SOURCES.llguidanceDocs,
  },
  {
    engine: 'llguidance', keyword: 'format', action: 'rejected', applies: (site) => !LLGUIDANCE_FORMATS.has(String(site.value)),
    message: (site) => `llguidance refuses formats it does not implement, such as "${String(site.value)}"`, source: SOURCES.llguidanceDocs,
  },

  // llama.cpp
  {
    engine: 'llama_cpp', keyword: '*', action: 'dropped',
    applies: (site) => isAssertion(site.keyword) && !llamaBranch(site.schema).keywords.has(site.keyword),
    message: (site) => `llama.cpp converts this schema by its ${llamaBranch(site.schema).name} form and skips "${site.keyword}" silently`,
    source: `${SOURCES.llamaSource}; ${SOURCES.llamaReadme}`,
  },
  {
    engine: 'llama_cpp', keyword: 'oneOf', action: 'rewritten', applies: (site) => llamaBranch(site.schema).keywords.has('oneOf'),
    message: 'read as anyOf: a value matching several branches is accepted', source: SOURCES.llamaSource,
  },
  {
    engine: 'llama_cpp', keyword: 'pattern', action: 'rejected',
    applies: (site) => llamaBranch(site.schema).keywords.has('pattern') && !isAnchored(site.value),
    message: 'llama.cpp refuses patterns that do not start with ^ and end with $', source: `${SOURCES.llamaReadme}; ${SOURCES.llamaSource}`,
  },
  {
    engine: 'llama_cpp', keyword: 'additionalProperties', on: 'schema', action: 'rewritten',
    applies: (site) => llamaBranch(site.schema).name === 'object' && !('additionalProperties' in site.schema),
    message: 'llama.cpp defaults additionalProperties to false; the schema allows other properties', source: SOURCES.llamaReadme,
  },
  {
    // visit(): `if (schema.empty() || schema_type == "object") return ... _add_primitive("object", ...)`.
    // Our validator, XGrammar and JSON Schema read {} as any value (measured for XGrammar in
    // test/compile/json-schema-empty.test.ts); llama.cpp then refuses every value that is not an object.
    engine: 'llama_cpp', keyword: 'type', on: 'schema', action: 'rewritten',
    applies: (site) => Object.keys(site.schema).length === 0,
    message: 'llama.cpp converts an empty schema {} to "any JSON object": strings, numbers, arrays, booleans and null are refused, though the schema allows any value (give the schema a type, e.g. {"type": ["object", "array", "string", "number", "boolean", "null"]}, to be read the same everywhere)',
    source: SOURCES.llamaSource,
  },
  ...['items', 'prefixItems'].map((keyword): EngineFact => ({
    engine: 'llama_cpp', keyword, action: 'rewritten',
    applies: (site) => llamaBranch(site.schema).name === 'tuple' && Array.isArray(site.value),
    message: 'llama.cpp reads a tuple as exactly that many items; the schema allows fewer (and more, unless items is false)',
    source: SOURCES.llamaSource,
  })),

  // OpenAI strict mode
  ...['allOf', 'not', 'dependentRequired', 'dependentSchemas', 'if', 'then', 'else'].map((keyword): EngineFact => ({
    engine: 'openai_strict', keyword, action: 'rejected', message: `OpenAI strict mode does not support ${keyword}`, source: SOURCES.openAiDocs,
  })),
  { engine: 'openai_strict', keyword: 'default', action: 'rejected', message: 'OpenAI strict mode has refused "default" with HTTP 400', source: SOURCES.openAiDefault400 },
  {
    engine: 'openai_strict', keyword: 'format', action: 'rejected', applies: (site) => !OPENAI_FORMATS.has(String(site.value)),
    message: (site) => `OpenAI strict mode refuses format "${String(site.value)}" (it knows ${[...OPENAI_FORMATS].join(', ')})`,
    source: `${SOURCES.openAiDocs}; ${SOURCES.openAiFormat400}`,
  },
  {
    engine: 'openai_strict', keyword: 'additionalProperties', on: 'schema', action: 'rejected',
    applies: (site) => isObjectSchema(site.schema) && site.schema.additionalProperties !== false,
    message: 'OpenAI strict mode requires additionalProperties: false on every object', source: SOURCES.openAiDocs,
  },
  {
    engine: 'openai_strict', keyword: 'required', on: 'schema', action: 'rejected',
    applies: (site) => optionalProperties(site.schema).length > 0,
    message: (site) => `OpenAI strict mode requires every property in required; optional here: ${optionalProperties(site.schema).join(', ')}`,
    source: SOURCES.openAiDocs,
  },
  {
    engine: 'openai_strict', keyword: 'type', on: 'schema', action: 'rejected',
    applies: (site) => site.isRoot && (!typeNames(site.schema).includes('object') || 'anyOf' in site.schema),
    message: 'OpenAI strict mode needs the root schema to be an object (type "object", not anyOf)', source: SOURCES.openAiDocs,
  },
  {
    engine: 'openai_strict', keyword: 'type', on: 'schema', action: 'rejected',
    applies: (site) => !site.isRoot && Object.keys(site.schema).length === 0,
    message: 'OpenAI strict mode refuses an empty schema {} ("schema must have a \'type\' key")', source: SOURCES.openAiTypeless400,
  },
  {
    engine: 'openai_strict', keyword: 'properties', on: 'schema', action: 'rejected',
    applies: (site) => isObjectSchema(site.schema) && site.objectDepth > OPENAI_LIMITS.maxObjectDepth,
    message: `OpenAI strict mode allows at most ${OPENAI_LIMITS.maxObjectDepth} levels of nested objects`, source: SOURCES.openAiDocs,
  },
];

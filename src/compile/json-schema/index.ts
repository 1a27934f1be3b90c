export { schemaText } from './canonical.js';
export { ENGINE_FACTS, ENGINE_SUPPORT, OPENAI_LIMITS, SOURCES, type EngineFact, type EngineSupport } from './engines.js';
export { normalizeSchema, type NormalizeOptions, type NormalizeResult } from './normalize.js';
export { toOpenAiStrict } from './openai-strict.js';
export { SCHEMA_REGEX_LIMITS, schemaToRegex, type SchemaRegexOptions, type SchemaRegexResult } from './regex.js';
export { ENGINE_FAMILIES, type EngineFamily, type SchemaWarning, type WarningAction } from './types.js';

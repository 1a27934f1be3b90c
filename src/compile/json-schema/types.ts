export const ENGINE_FAMILIES = ['xgrammar', 'llguidance', 'llama_cpp', 'openai_strict'] as const;
/**
 * Who reads the schema: `xgrammar` (vLLM and SGLang by default), `llguidance` (vLLM `guidance`,
 * SGLang `llguidance`), `llama_cpp` (llama-server `json_schema`), `openai_strict` (OpenAI strict mode).
 */
export type EngineFamily = (typeof ENGINE_FAMILIES)[number];

/**
 * `dropped`: the engine ignores the keyword, so its output may break that rule.
 * `rejected`: the engine refuses the schema (the request fails).
 * `rewritten`: the engine (or our normalisation) reads it with a different meaning, stated in the message.
 */
export type WarningAction = 'dropped' | 'rejected' | 'rewritten';

export interface SchemaWarning {
  /** `all` for rewrites our normalisation makes for every engine. */
  engine: EngineFamily | 'all';
  keyword: string;
  /** JSON Pointer (URI fragment) of the keyword in the normalised schema. */
  path: string;
  action: WarningAction;
  message: string;
}

export type { JsonSchema, SchemaObject } from '../../validate/json-schema.js';

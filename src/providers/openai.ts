import type { CompiledIR } from '../constraints/compile-api.js';
import { planConstraint, schemaName } from './constraint.js';
import { createOpenAICompatibleProvider, type EngineFields } from './openai-compatible.js';
import type { ProviderV1 } from './types.js';

/**
 * OpenAI and hosted APIs that copy it. Source: OpenAI Structured Outputs guide and the Chat
 * Completions reference: `response_format: {type: "json_schema", json_schema: {name, schema,
 * strict: true}}`, where strict mode needs every property required (optional ones nullable) and
 * `additionalProperties: false`; that is the IR's `json_schema_openai`. Chat completions take no
 * grammar and no regex: both become prompt rules (with a warning) and are left to validation.
 * `max_tokens` is deprecated there in favour of `max_completion_tokens`.
 */
export interface OpenAISettings {
  model: string;
  apiKey: string;
  /** Where `/chat/completions` is appended; default https://api.openai.com/v1. */
  baseUrl?: string;
  now?: () => number;
}

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export function openAIConstraintFields(ir: CompiledIR): EngineFields {
  const plan = planConstraint(ir, { engine: 'OpenAI chat completions', jsonSchema: 'json_schema_openai', grammar: [], regex: false, moveUnsupportedToPrompt: true });
  const choice = plan.choice;
  const fields =
    choice?.kind === 'json_schema' ? { response_format: { type: 'json_schema', json_schema: { name: schemaName(ir), schema: choice.schema, strict: true } } } : {};
  return { fields, warnings: plan.warnings, promptRules: plan.promptRules };
}

export function createOpenAIProvider(settings: OpenAISettings): ProviderV1 {
  return createOpenAICompatibleProvider({
    id: 'openai',
    model: settings.model,
    baseUrl: settings.baseUrl ?? OPENAI_BASE_URL,
    apiKey: settings.apiKey,
    now: settings.now,
    chatPath: '/chat/completions',
    maxTokensField: 'max_completion_tokens',
    constrain: openAIConstraintFields,
  });
}

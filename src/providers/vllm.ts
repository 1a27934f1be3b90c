import type { CompiledIR } from '../constraints/compile-api.js';
import { planConstraint, type ConstraintChoice } from './constraint.js';
import { createOpenAICompatibleProvider, type EngineFields } from './openai-compatible.js';
import type { ProviderV1 } from './types.js';

/**
 * vLLM >= 0.12 (OpenAI-compatible server). Source: vLLM docs, features/structured_outputs.md:
 * "the deprecated API fields which were removed in v0.12.0": guided_json -> structured_outputs.json,
 * guided_regex -> structured_outputs.regex, guided_grammar -> structured_outputs.grammar, on both
 * the Completions and Chat APIs as extra parameters. A new server ignores guided_* (HTTP 200,
 * unconstrained), so they are never sent. The grammar dialect is the server's backend's: xgrammar
 * reads EBNF (GBNF-style), guidance reads Lark (llguidance syntax docs).
 */
export type VllmBackend = 'xgrammar' | 'guidance';

export interface VllmSettings {
  model: string;
  /** Server root, e.g. http://gpu-1:8000 (paths /v1/chat/completions and /v1/completions are added). */
  baseUrl: string;
  /** `vllm serve --api-key`, sent as a Bearer token. */
  apiKey?: string;
  /** The server's `--structured-outputs-config.backend`; picks the grammar dialect. */
  backend?: VllmBackend;
  now?: () => number;
}

function structuredOutputs(choice: ConstraintChoice): Record<string, unknown> {
  if (choice.kind === 'json_schema') return { json: choice.schema };
  if (choice.kind === 'regex') return { regex: choice.regex };
  return { grammar: choice.grammar };
}

export function vllmConstraintFields(ir: CompiledIR, backend: VllmBackend = 'xgrammar'): EngineFields {
  const plan = planConstraint(ir, {
    engine: `vLLM (${backend} backend)`,
    jsonSchema: 'json_schema',
    grammar: backend === 'guidance' ? ['lark'] : ['ebnf'],
    regex: true,
  });
  return {
    fields: plan.choice === undefined ? {} : { structured_outputs: structuredOutputs(plan.choice) },
    warnings: plan.warnings,
    promptRules: plan.promptRules,
  };
}

export function createVllmProvider(settings: VllmSettings): ProviderV1 {
  const backend = settings.backend ?? 'xgrammar';
  return createOpenAICompatibleProvider({
    id: 'vllm',
    model: settings.model,
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    now: settings.now,
    chatPath: '/v1/chat/completions',
    completionsPath: '/v1/completions',
    constrain: (ir) => vllmConstraintFields(ir, backend),
  });
}

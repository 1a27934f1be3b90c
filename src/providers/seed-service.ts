import type { CompiledIR } from '../constraints/compile-api.js';
import { planConstraint, type ConstraintChoice } from './constraint.js';
import { ProviderResponseError } from './errors.js';
import { HttpProvider, type HttpProtocol, type ParsedResponse } from './http-provider.js';
import { embeddedError, isObject, numberAt, objectAt, stringAt } from './json.js';
import { finishReasonOf } from './openai-compatible.js';
import { flattenMessages } from './prompt.js';
import type { ProviderV1, ProviderWarning } from './types.js';

/**
 * The seed system's inference service, so its deployments keep working. What it expects, read
 * from its source (maze/src/modal_client.rs and maze/modal_inference/inference.py):
 * - POST `{base}/generate` with `{prompt, constraints, max_tokens, temperature}`, optional Bearer key.
 * - `constraints` is unpacked into `ConstraintSpec(json_schema?, grammar?, regex_patterns?,
 *   token_mask?)`: any other key makes the service drop every constraint and generate freely,
 *   so only one of those keys is sent, and the IR's prompt rules travel in the prompt text.
 * - It runs vLLM with the `guidance` backend, so `grammar` is Lark (llguidance).
 * - It answers 200 `{generated_text, tokens_generated, finish_reason, constraint_satisfied,
 *   metadata: {prompt_tokens, error?}}`, with `finish_reason: "error"` when generation failed.
 * - No streaming, no seed.
 */
export interface SeedServiceSettings {
  /** The service root; `/generate` is appended. */
  baseUrl: string;
  apiKey?: string;
  /** Informational: the service serves one model of its own choosing. */
  model?: string;
  now?: () => number;
}

function constraintsField(choice: ConstraintChoice | undefined): Record<string, unknown> {
  if (choice === undefined) return {};
  if (choice.kind === 'json_schema') return { json_schema: choice.schema };
  if (choice.kind === 'grammar') return { grammar: choice.grammar };
  return { regex_patterns: [choice.regex] };
}

export function seedConstraints(ir: CompiledIR): { constraints: Record<string, unknown>; warnings: ProviderWarning[] } {
  const plan = planConstraint(ir, { engine: 'the seed service (vLLM guidance backend)', jsonSchema: 'json_schema', grammar: ['lark'], regex: true });
  return { constraints: constraintsField(plan.choice), warnings: plan.warnings };
}

function parseSeedResponse(json: unknown, url: string): ParsedResponse {
  const metadata = objectAt(json, 'metadata');
  const finish = stringAt(json, 'finish_reason');
  if (finish === 'error') throw new ProviderResponseError(url, `the seed service failed: ${stringAt(metadata, 'error') ?? 'no detail'}`, JSON.stringify(json));
  const error = embeddedError(json);
  if (error !== undefined) throw new ProviderResponseError(url, `the seed service reported an error: ${error}`, JSON.stringify(json));
  const text = stringAt(json, 'generated_text');
  if (text === undefined) throw new ProviderResponseError(url, 'the response has no generated_text', JSON.stringify(json));
  const warnings: ProviderWarning[] =
    isObject(json) && json['constraint_satisfied'] === false
      ? [{ code: 'not_enforced', setting: 'constraints', message: 'The seed service could not apply the constraints and generated without them.' }]
      : [];
  return {
    text,
    usage: { prompt_tokens: numberAt(metadata, 'prompt_tokens'), completion_tokens: numberAt(json, 'tokens_generated') },
    finish_reason: finishReasonOf(finish),
    warnings,
  };
}

export function seedServiceProtocol(): HttpProtocol {
  return {
    prepare(request) {
      const { constraints, warnings } = seedConstraints(request.ir);
      const seedWarning: ProviderWarning[] =
        request.seed === undefined ? [] : [{ code: 'unsupported', setting: 'seed', message: 'The seed service takes no seed; it was not sent.' }];
      const body = {
        prompt: request.prompt ?? flattenMessages(request.messages ?? []),
        constraints,
        max_tokens: request.max_tokens,
        temperature: request.temperature,
      };
      return { path: '/generate', body, warnings: [...warnings, ...seedWarning] };
    },
    parseResponse: parseSeedResponse,
  };
}

export function createSeedServiceProvider(settings: SeedServiceSettings): ProviderV1 {
  return new HttpProvider({ id: 'seed', model: settings.model ?? 'default', baseUrl: settings.baseUrl, apiKey: settings.apiKey, now: settings.now, protocol: seedServiceProtocol() });
}

import type { CompiledIR } from '../constraints/compile-api.js';
import { planConstraint } from './constraint.js';
import { ProviderResponseError } from './errors.js';
import { readJsonEvents } from './http.js';
import { HttpProvider, type HttpProtocol, type ParsedResponse, type StreamDelta } from './http-provider.js';
import { embeddedError, isObject, numberAt, objectAt, stringAt } from './json.js';
import { createOpenAICompatibleProvider, type EngineFields } from './openai-compatible.js';
import { flattenMessages } from './prompt.js';
import type { FinishReason, ProviderRequest, ProviderV1, ProviderWarning, TokenUsage } from './types.js';

/**
 * llama.cpp server (llama-server). Source: tools/server/README.md, POST /completion options:
 * `grammar` ("Set grammar for grammar-based sampling", GBNF), `json_schema`, `n_predict`, `seed`;
 * POST /v1/chat/completions "llama.cpp /completion-specific features ... are also supported", so
 * the same two fields go at the top level there. Never both: common/chat.cpp throws
 * `Either "json_schema" or "grammar" can be specified, but not both` (HTTP 400). No regex field.
 * /completion answers `{content, stop_type: eos|limit|word|none, tokens_evaluated,
 * tokens_predicted}` and streams `data: {content, stop}` events.
 */
export type LlamaCppRoute = 'chat' | 'completion';

export interface LlamaCppSettings {
  /** Ignored by a single-model server, used by router mode. */
  model: string;
  /** Server root, e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  /** `--api-key`, sent as a Bearer token. */
  apiKey?: string;
  /** `chat`: /v1/chat/completions (default, applies the chat template); `completion`: /completion with a raw prompt. */
  route?: LlamaCppRoute;
  now?: () => number;
}

export function llamaCppConstraintFields(ir: CompiledIR): EngineFields {
  const plan = planConstraint(ir, { engine: 'llama.cpp', jsonSchema: 'json_schema', grammar: ['gbnf'], regex: false });
  const choice = plan.choice;
  const fields = choice === undefined ? {} : choice.kind === 'json_schema' ? { json_schema: choice.schema } : choice.kind === 'grammar' ? { grammar: choice.grammar } : {};
  return { fields, warnings: plan.warnings, promptRules: plan.promptRules };
}

function stopReason(json: unknown): FinishReason {
  const type = stringAt(json, 'stop_type');
  if (type === 'eos' || type === 'word') return 'stop';
  if (type === 'limit') return 'length';
  if (isObject(json) && (json['stopped_eos'] === true || json['stopped_word'] === true)) return 'stop';
  if (isObject(json) && json['stopped_limit'] === true) return 'length';
  return 'unknown';
}

function completionUsage(json: unknown): TokenUsage {
  const timings = objectAt(json, 'timings');
  return {
    prompt_tokens: numberAt(json, 'tokens_evaluated') ?? numberAt(timings, 'prompt_n'),
    completion_tokens: numberAt(json, 'tokens_predicted') ?? numberAt(timings, 'predicted_n'),
  };
}

function parseCompletionResponse(json: unknown, url: string): ParsedResponse {
  const error = embeddedError(json);
  if (error !== undefined) throw new ProviderResponseError(url, `the engine reported an error: ${error}`, JSON.stringify(json));
  const text = stringAt(json, 'content');
  if (text === undefined) throw new ProviderResponseError(url, 'the /completion response has no content', JSON.stringify(json));
  return { text, usage: completionUsage(json), finish_reason: stopReason(json) };
}

async function* parseCompletionEvents(response: Response, url: string): AsyncGenerator<StreamDelta> {
  let finish: ParsedResponse | undefined;
  for await (const event of readJsonEvents(response, url)) {
    const part = parseCompletionResponse(event, url);
    if (part.text !== '') yield { type: 'text-delta', text: part.text };
    if (isObject(event) && event['stop'] === true) finish = part;
  }
  yield { type: 'finish', finish_reason: finish?.finish_reason ?? 'unknown', usage: finish?.usage ?? { prompt_tokens: null, completion_tokens: null } };
}

/**
 * llama-server's /completion answers (the last stream event too) carry `generation_settings`,
 * which repeats the request's `grammar` (and the grammar converted from `json_schema`) in full: a
 * one-token answer under a 544 KB grammar was 544 KB (issue 14). The OpenAI-compatible routes
 * (the chat route, the default) answer without it. The route is the user's choice, so it is kept
 * and said.
 */
function echoWarning(fields: Record<string, unknown>): ProviderWarning[] {
  const sent = typeof fields['grammar'] === 'string' ? 'grammar' : fields['json_schema'] !== undefined ? 'json_schema' : undefined;
  if (sent === undefined) return [];
  const bytes = sent === 'grammar' ? new TextEncoder().encode(fields['grammar'] as string).length : undefined;
  return [{
    code: 'costly',
    setting: 'route',
    message: `llama.cpp's /completion echoes the ${sent === 'grammar' ? `grammar (${bytes} bytes)` : 'grammar converted from json_schema'} back in generation_settings of every answer; the chat route (INFERENCE_ROUTE=chat, the default) does not`,
  }];
}

function promptOf(request: ProviderRequest): string {
  return request.prompt ?? flattenMessages(request.messages ?? []);
}

export function llamaCppCompletionProtocol(): HttpProtocol {
  return {
    prepare(request, stream) {
      const engine = llamaCppConstraintFields(request.ir);
      const body: Record<string, unknown> = {
        prompt: promptOf(request),
        n_predict: request.max_tokens,
        temperature: request.temperature,
        ...(request.seed === undefined ? {} : { seed: request.seed }),
        ...(stream ? { stream: true } : {}),
        ...engine.fields,
      };
      return { path: '/completion', body, warnings: [...engine.warnings, ...echoWarning(engine.fields)] };
    },
    parseResponse: parseCompletionResponse,
    parseStream: parseCompletionEvents,
  };
}

export function createLlamaCppProvider(settings: LlamaCppSettings): ProviderV1 {
  if (settings.route === 'completion') {
    return new HttpProvider({ id: 'llama-cpp', model: settings.model, baseUrl: settings.baseUrl, apiKey: settings.apiKey, now: settings.now, protocol: llamaCppCompletionProtocol() });
  }
  return createOpenAICompatibleProvider({
    id: 'llama-cpp',
    model: settings.model,
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    now: settings.now,
    chatPath: '/v1/chat/completions',
    completionsPath: '/v1/completions',
    constrain: llamaCppConstraintFields,
  });
}

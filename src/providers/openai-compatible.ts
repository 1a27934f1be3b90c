import type { CompiledIR } from '../constraints/compile-api.js';
import { ProviderResponseError } from './errors.js';
import { readJsonEvents } from './http.js';
import { HttpProvider, type HttpProtocol, type ParsedResponse, type StreamDelta } from './http-provider.js';
import { embeddedError, firstElementAt, isObject, numberAt, objectAt, stringAt } from './json.js';
import { withPromptRules } from './prompt.js';
import type { ChatMessage, FinishReason, ProviderRequest, ProviderV1, ProviderWarning, TokenUsage } from './types.js';

/**
 * The OpenAI-compatible base: chat completions (and legacy completions for raw prompts) as
 * documented in the OpenAI API reference, which vLLM, SGLang and llama.cpp all serve. Each engine
 * adds only its constraint fields through `constrain`.
 */
export interface EngineFields {
  /** Added to the top level of the body (the OpenAI SDK's `extra_body`). */
  fields: Record<string, unknown>;
  warnings: ProviderWarning[];
  /** Constraints the engine cannot enforce, written into the system message. */
  promptRules: string[];
}

export interface OpenAICompatibleOptions {
  /** Path of chat completions under the base URL. */
  chatPath: string;
  /** Path of legacy completions; absent: a raw prompt goes as one user message. */
  completionsPath?: string;
  /** OpenAI deprecated `max_tokens` for `max_completion_tokens` (o-series models reject the old name). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  constrain(ir: CompiledIR): EngineFields;
}

export interface OpenAICompatibleSettings extends OpenAICompatibleOptions {
  id: string;
  model: string;
  baseUrl: string;
  apiKey?: string;
  now?: () => number;
}

export function createOpenAICompatibleProvider(settings: OpenAICompatibleSettings): ProviderV1 {
  return new HttpProvider({ ...settings, protocol: openAICompatibleProtocol(settings.model, settings) });
}

type Route = 'chat' | 'completion';

function routeOf(request: ProviderRequest, options: OpenAICompatibleOptions): Route {
  return request.prompt !== undefined && options.completionsPath !== undefined ? 'completion' : 'chat';
}

function messagesOf(request: ProviderRequest, promptRules: readonly string[]): ChatMessage[] {
  const messages: ChatMessage[] = request.messages ?? [{ role: 'user', content: request.prompt ?? '' }];
  return withPromptRules(messages, promptRules);
}

export function openAICompatibleProtocol(model: string, options: OpenAICompatibleOptions): HttpProtocol {
  return {
    prepare(request, stream) {
      const engine = options.constrain(request.ir);
      const route = routeOf(request, options);
      const input = route === 'completion' ? { prompt: request.prompt } : { messages: messagesOf(request, engine.promptRules) };
      const body: Record<string, unknown> = {
        model,
        ...input,
        [options.maxTokensField ?? 'max_tokens']: request.max_tokens,
        temperature: request.temperature,
        ...(request.seed === undefined ? {} : { seed: request.seed }),
        ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
        ...engine.fields,
      };
      const path = route === 'completion' ? (options.completionsPath ?? options.chatPath) : options.chatPath;
      return { path, body, warnings: engine.warnings };
    },
    parseResponse: (json, url) => parseCompletion(json, url),
    parseStream: (response, url) => parseCompletionStream(response, url),
  };
}

export function finishReasonOf(value: string | undefined | null): FinishReason {
  switch (value) {
    case 'stop':
    case 'length':
    case 'content_filter':
      return value;
    case 'abort':
    case 'error':
      return 'error';
    case undefined:
    case null:
      return 'unknown';
    default:
      return 'other';
  }
}

export function usageOf(json: unknown): TokenUsage {
  const usage = objectAt(json, 'usage');
  return { prompt_tokens: numberAt(usage, 'prompt_tokens'), completion_tokens: numberAt(usage, 'completion_tokens') };
}

function throwIfError(json: unknown, url: string): void {
  const error = embeddedError(json);
  if (error !== undefined) throw new ProviderResponseError(url, `the engine reported an error: ${error}`, JSON.stringify(json));
}

/** A chat completion (`choices[0].message.content`) or a legacy completion (`choices[0].text`). */
export function parseCompletion(json: unknown, url: string): ParsedResponse {
  throwIfError(json, url);
  const choice = firstElementAt(json, 'choices');
  if (!isObject(choice)) throw new ProviderResponseError(url, 'the response has no choices[0]', JSON.stringify(json));
  const message = objectAt(choice, 'message');
  const text = message === undefined ? stringAt(choice, 'text') : stringAt(message, 'content');
  const refused = message !== undefined && typeof message['refusal'] === 'string';
  if (text === undefined && !refused && !(message !== undefined && message['content'] === null)) {
    throw new ProviderResponseError(url, 'choices[0] has neither message.content nor text', JSON.stringify(json));
  }
  return {
    text: text ?? '',
    usage: usageOf(json),
    finish_reason: refused ? 'content_filter' : finishReasonOf(stringAt(choice, 'finish_reason')),
  };
}

/** Chunks carry `choices[0].delta.content` (chat) or `choices[0].text`; usage comes last with stream_options. */
export async function* parseCompletionStream(response: Response, url: string): AsyncGenerator<StreamDelta> {
  let finishReason: FinishReason = 'unknown';
  let usage: TokenUsage = { prompt_tokens: null, completion_tokens: null };
  for await (const chunk of readJsonEvents(response, url)) {
    throwIfError(chunk, url);
    if (objectAt(chunk, 'usage') !== undefined) usage = usageOf(chunk);
    const choice = firstElementAt(chunk, 'choices');
    if (!isObject(choice)) continue;
    const text = stringAt(objectAt(choice, 'delta'), 'content') ?? stringAt(choice, 'text');
    if (text !== undefined && text !== '') yield { type: 'text-delta', text };
    const reason = stringAt(choice, 'finish_reason');
    if (reason !== undefined) finishReason = finishReasonOf(reason);
  }
  yield { type: 'finish', finish_reason: finishReason, usage };
}

import type { CompiledIR } from '../constraints/compile-api.js';
import { planConstraint } from './constraint.js';
import { ProviderCallError, ProviderResponseError, isRetryableStatus, truncateBody } from './errors.js';
import { parseEventData } from './http.js';
import { isObject, objectAt, stringAt } from './json.js';
import { finishReasonOf, parseCompletion, usageOf } from './openai-compatible.js';
import { withPromptRules } from './prompt.js';
import { parseSse } from './sse.js';
import type { ChatMessage, FinishReason, ProviderCallOptions, ProviderRequest, ProviderResult, ProviderV1, ProviderWarning, StreamPart, TokenUsage } from './types.js';

/**
 * Cloudflare Workers AI through the `AI` binding. Source: Workers AI docs, "JSON Mode":
 * `env.AI.run(model, {messages, response_format: {type: "json_schema", json_schema: <the schema
 * itself>}})`, answered with `{response: <parsed object>}`; "JSON Mode currently doesn't support
 * streaming" and "can't guarantee that the model responds according to the requested JSON
 * Schema". Text-generation inputs also take max_tokens, temperature, seed and stream (a
 * ReadableStream of `data: {"response": "..."}` events ending in `data: [DONE]`). Errors thrown by
 * the binding start with an internal code; "Errors" page: 3007 -> 408, 3040 -> 429, ...
 * No grammar and no regex: both become prompt rules (with a warning).
 */
export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
}

export interface WorkersAISettings {
  binding: AiBinding;
  model: string;
}

/** Workers AI internal error code -> HTTP status, from the Workers AI "Errors" page. */
const ERROR_STATUS: Record<string, number> = {
  '5007': 400,
  '5004': 400,
  '3039': 400,
  '3003': 400,
  '5018': 403,
  '5016': 403,
  '3023': 403,
  '3041': 403,
  '5019': 405,
  '5005': 405,
  '3042': 404,
  '3006': 413,
  '3007': 408,
  '3008': 408,
  '3036': 429,
  '3040': 429,
};

export function workersAIConstraint(ir: CompiledIR): { responseFormat: Record<string, unknown> | undefined; warnings: ProviderWarning[]; promptRules: string[] } {
  const plan = planConstraint(ir, { engine: 'Workers AI', jsonSchema: 'json_schema', grammar: [], regex: false, moveUnsupportedToPrompt: true });
  const choice = plan.choice;
  const responseFormat = choice?.kind === 'json_schema' ? { type: 'json_schema', json_schema: choice.schema } : undefined;
  return { responseFormat, warnings: plan.warnings, promptRules: plan.promptRules };
}

export function workersAIInputs(request: ProviderRequest, stream: boolean): { inputs: Record<string, unknown>; warnings: ProviderWarning[] } {
  const constraint = workersAIConstraint(request.ir);
  const warnings = [...constraint.warnings];
  const messages: ChatMessage[] = withPromptRules(request.messages ?? [{ role: 'user', content: request.prompt ?? '' }], constraint.promptRules);
  let responseFormat = constraint.responseFormat;
  if (stream && responseFormat !== undefined) {
    warnings.push({ code: 'not_sent', setting: 'json_schema', message: 'Workers AI JSON mode does not stream; the JSON Schema was not sent and is left to validation.' });
    responseFormat = undefined;
  }
  const inputs: Record<string, unknown> = {
    messages,
    max_tokens: request.max_tokens,
    temperature: request.temperature,
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    ...(responseFormat === undefined ? {} : { response_format: responseFormat }),
    ...(stream ? { stream: true } : {}),
  };
  return { inputs, warnings };
}

export class WorkersAIProvider implements ProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly id = 'workers-ai';
  readonly model: string;
  readonly endpoint: string;
  private readonly binding: AiBinding;

  constructor(settings: WorkersAISettings) {
    this.binding = settings.binding;
    this.model = settings.model;
    this.endpoint = `workers-ai:${settings.model}`;
  }

  async generate(request: ProviderRequest, options: ProviderCallOptions = {}): Promise<ProviderResult> {
    const { inputs, warnings } = workersAIInputs(request, false);
    const output = await this.run(inputs, options.signal);
    return { ...this.parseOutput(output), warnings, raw_request_body: inputs };
  }

  async *stream(request: ProviderRequest, options: ProviderCallOptions = {}): AsyncGenerator<StreamPart> {
    const { inputs, warnings } = workersAIInputs(request, true);
    const output = await this.run(inputs, options.signal);
    if (!(output instanceof ReadableStream)) throw new ProviderResponseError(this.endpoint, 'a streaming run did not return a stream');
    yield { type: 'start', warnings, raw_request_body: inputs };
    let usage: TokenUsage = { prompt_tokens: null, completion_tokens: null };
    let finishReason: FinishReason = 'unknown';
    for await (const event of parseSse(output as ReadableStream<Uint8Array>)) {
      if (event.data.trim() === '[DONE]') break;
      const chunk = parseEventData(event, this.endpoint);
      if (objectAt(chunk, 'usage') !== undefined) usage = usageOf(chunk);
      const text = stringAt(chunk, 'response') ?? stringAt(objectAt(firstChoice(chunk), 'delta'), 'content');
      if (text !== undefined && text !== '') yield { type: 'text-delta', text };
      const reason = stringAt(firstChoice(chunk), 'finish_reason');
      if (reason !== undefined) finishReason = finishReasonOf(reason);
    }
    yield { type: 'finish', finish_reason: finishReason, usage };
  }

  private async run(inputs: Record<string, unknown>, signal: AbortSignal | undefined): Promise<unknown> {
    if (signal?.aborted) throw signal.reason;
    const pending = this.binding.run(this.model, inputs).catch((error: unknown) => {
      throw bindingError(this.endpoint, error);
    });
    if (signal === undefined) return pending;
    pending.catch(() => undefined);
    return Promise.race([pending, new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))]);
  }

  /** `{response: string | object, usage}`; newer models answer in the OpenAI chat shape instead. */
  private parseOutput(output: unknown): Omit<ProviderResult, 'warnings' | 'raw_request_body'> {
    if (isObject(output) && Array.isArray(output['choices'])) return parseCompletion(output, this.endpoint);
    if (!isObject(output) || !('response' in output)) throw new ProviderResponseError(this.endpoint, 'the output has no response field', JSON.stringify(output));
    const response = output['response'];
    const text = typeof response === 'string' ? response : JSON.stringify(response);
    return { text, usage: usageOf(output), finish_reason: 'unknown' };
  }
}

function firstChoice(chunk: unknown): unknown {
  return isObject(chunk) && Array.isArray(chunk['choices']) ? chunk['choices'][0] : undefined;
}

export function bindingError(endpoint: string, error: unknown): ProviderCallError {
  const message = error instanceof Error ? error.message : String(error);
  const code = /\b(\d{4}):/.exec(message)?.[1];
  const status = code === undefined ? undefined : ERROR_STATUS[code];
  return new ProviderCallError({
    url: endpoint,
    status,
    body: message,
    cause: error,
    // An error without a known code is more likely a bug than an outage: not retried.
    isRetryable: status !== undefined && isRetryableStatus(status),
    message: `Workers AI ${endpoint} failed: ${truncateBody(message)}`,
  });
}

export function createWorkersAIProvider(settings: WorkersAISettings): ProviderV1 {
  return new WorkersAIProvider(settings);
}

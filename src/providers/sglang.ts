import type { CompiledIR } from '../constraints/compile-api.js';
import { planConstraint, schemaName, type ConstraintChoice } from './constraint.js';
import { ProviderResponseError } from './errors.js';
import { readJsonEvents } from './http.js';
import { HttpProvider, type HttpProtocol, type ParsedResponse, type StreamDelta } from './http-provider.js';
import { embeddedError, numberAt, objectAt, stringAt } from './json.js';
import { createOpenAICompatibleProvider, type EngineFields } from './openai-compatible.js';
import { flattenMessages } from './prompt.js';
import type { FinishReason, ProviderRequest, ProviderV1, ProviderWarning, TokenUsage } from './types.js';

/**
 * SGLang. Source: SGLang docs, advanced_features/structured_outputs.ipynb: "Only one constraint
 * parameter (json_schema, regex, or ebnf) can be specified for a request". OpenAI route:
 * `response_format: {type: "json_schema", json_schema: {name, schema}}`, and `ebnf` / `regex` as
 * extra body fields. Native route (basic_usage/sampling_params.md): POST /generate with `text` and
 * `sampling_params.{max_new_tokens, temperature, json_schema (a JSON string), regex, ebnf}`;
 * the reply is `{text, meta_info: {finish_reason: {type}, prompt_tokens, completion_tokens}}`, and
 * a stream sends the whole text so far in each `data:` event, ending with `data: [DONE]`.
 * Grammar dialect: the default xgrammar backend reads EBNF (GGML BNF style); with
 * `--grammar-backend llguidance` the `ebnf` field goes through llguidance, which reads Lark when
 * the grammar's first line is `%llguidance {}` (llguidance docs, syntax.md).
 */
export type SglangBackend = 'xgrammar' | 'llguidance';
export type SglangRoute = 'openai' | 'native';

export interface SglangSettings {
  model: string;
  /** Server root, e.g. http://gpu-1:30000. */
  baseUrl: string;
  /** `--api-key`, sent as a Bearer token. */
  apiKey?: string;
  /** The server's `--grammar-backend`. */
  backend?: SglangBackend;
  /** `openai`: /v1/chat/completions (default); `native`: /generate. */
  route?: SglangRoute;
  now?: () => number;
}

export const LLGUIDANCE_HEADER = '%llguidance {}';

/** Lark for llguidance must open with the `%llguidance {}` line, or it is read as GBNF. */
export function withLlguidanceHeader(lark: string): string {
  const firstLine = lark.trimStart().split('\n', 1)[0] ?? '';
  return firstLine.trim().startsWith('%llguidance') ? lark : `${LLGUIDANCE_HEADER}\n${lark}`;
}

function sglangPlan(ir: CompiledIR, backend: SglangBackend) {
  return planConstraint(ir, {
    engine: `SGLang (${backend} backend)`,
    jsonSchema: 'json_schema',
    grammar: backend === 'llguidance' ? ['lark'] : ['ebnf'],
    regex: true,
  });
}

function grammarText(choice: Extract<ConstraintChoice, { kind: 'grammar' }>): string {
  return choice.dialect === 'lark' ? withLlguidanceHeader(choice.grammar) : choice.grammar;
}

export function sglangOpenAIFields(ir: CompiledIR, backend: SglangBackend = 'xgrammar'): EngineFields {
  const plan = sglangPlan(ir, backend);
  const choice = plan.choice;
  const fields =
    choice === undefined
      ? {}
      : choice.kind === 'json_schema'
        ? { response_format: { type: 'json_schema', json_schema: { name: schemaName(ir), schema: choice.schema } } }
        : choice.kind === 'regex'
          ? { regex: choice.regex }
          : { ebnf: grammarText(choice) };
  return { fields, warnings: plan.warnings, promptRules: plan.promptRules };
}

export function sglangSamplingConstraint(ir: CompiledIR, backend: SglangBackend = 'xgrammar'): { fields: Record<string, string>; warnings: ProviderWarning[] } {
  const plan = sglangPlan(ir, backend);
  const choice = plan.choice;
  const fields: Record<string, string> =
    choice === undefined
      ? {}
      : choice.kind === 'json_schema'
        ? { json_schema: JSON.stringify(choice.schema) }
        : choice.kind === 'regex'
          ? { regex: choice.regex }
          : { ebnf: grammarText(choice) };
  return { fields, warnings: plan.warnings };
}

function nativeFinishReason(meta: Record<string, unknown> | undefined): FinishReason {
  const type = stringAt(objectAt(meta, 'finish_reason'), 'type');
  if (type === 'stop' || type === 'length') return type;
  if (type === 'abort') return 'error';
  return type === undefined ? 'unknown' : 'other';
}

function nativeUsage(meta: Record<string, unknown> | undefined): TokenUsage {
  return { prompt_tokens: numberAt(meta, 'prompt_tokens'), completion_tokens: numberAt(meta, 'completion_tokens') };
}

function parseNative(json: unknown, url: string): ParsedResponse {
  const error = embeddedError(json);
  if (error !== undefined) throw new ProviderResponseError(url, `the engine reported an error: ${error}`, JSON.stringify(json));
  const text = stringAt(json, 'text');
  if (text === undefined) throw new ProviderResponseError(url, 'the /generate response has no text', JSON.stringify(json));
  const meta = objectAt(json, 'meta_info');
  return { text, usage: nativeUsage(meta), finish_reason: nativeFinishReason(meta) };
}

async function* parseNativeStream(response: Response, url: string): AsyncGenerator<StreamDelta> {
  let sent = '';
  let last: ParsedResponse | undefined;
  for await (const event of readJsonEvents(response, url)) {
    last = parseNative(event, url);
    if (!last.text.startsWith(sent)) throw new ProviderResponseError(url, 'a stream event does not extend the text sent so far', JSON.stringify(event));
    const delta = last.text.slice(sent.length);
    sent = last.text;
    if (delta !== '') yield { type: 'text-delta', text: delta };
  }
  yield { type: 'finish', finish_reason: last?.finish_reason ?? 'unknown', usage: last?.usage ?? { prompt_tokens: null, completion_tokens: null } };
}

function textOf(request: ProviderRequest): string {
  return request.prompt ?? flattenMessages(request.messages ?? []);
}

export function sglangNativeProtocol(backend: SglangBackend): HttpProtocol {
  return {
    prepare(request, stream) {
      const constraint = sglangSamplingConstraint(request.ir, backend);
      const seedWarning: ProviderWarning[] =
        request.seed === undefined ? [] : [{ code: 'unsupported', setting: 'seed', message: 'SGLang /generate documents no seed among its sampling parameters; the seed was not sent.' }];
      const body: Record<string, unknown> = {
        text: textOf(request),
        sampling_params: { max_new_tokens: request.max_tokens, temperature: request.temperature, ...constraint.fields },
        ...(stream ? { stream: true } : {}),
      };
      return { path: '/generate', body, warnings: [...constraint.warnings, ...seedWarning] };
    },
    parseResponse: parseNative,
    parseStream: parseNativeStream,
  };
}

export function createSglangProvider(settings: SglangSettings): ProviderV1 {
  const backend = settings.backend ?? 'xgrammar';
  if (settings.route === 'native') {
    return new HttpProvider({ id: 'sglang', model: settings.model, baseUrl: settings.baseUrl, apiKey: settings.apiKey, now: settings.now, protocol: sglangNativeProtocol(backend) });
  }
  return createOpenAICompatibleProvider({
    id: 'sglang',
    model: settings.model,
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    now: settings.now,
    chatPath: '/v1/chat/completions',
    completionsPath: '/v1/completions',
    constrain: (ir) => sglangOpenAIFields(ir, backend),
  });
}

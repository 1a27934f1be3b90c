import { redactUrl } from './errors.js';
import { bearer, postJson, readJson } from './http.js';
import type { FinishReason, ProviderCallOptions, ProviderRequest, ProviderResult, ProviderV1, ProviderWarning, StreamPart, TokenUsage } from './types.js';

/** One engine's wire format: where to POST, what body, how to read the answer. */
export interface HttpProtocol {
  prepare(request: ProviderRequest, stream: boolean): PreparedCall;
  parseResponse(json: unknown, url: string): ParsedResponse;
  /** Absent: the engine cannot stream; stream() then yields the whole result at once, with a warning. */
  parseStream?(response: Response, url: string): AsyncIterable<StreamDelta>;
}

export interface PreparedCall {
  path: string;
  body: Record<string, unknown>;
  warnings: ProviderWarning[];
}

export interface ParsedResponse {
  text: string;
  usage: TokenUsage;
  finish_reason: FinishReason;
  /** What the engine itself reported it could not do. */
  warnings?: ProviderWarning[];
}

export type StreamDelta = Exclude<StreamPart, { type: 'start' }>;

export interface HttpProviderSettings {
  id: string;
  model: string;
  baseUrl: string;
  apiKey?: string;
  protocol: HttpProtocol;
  now?: () => number;
}

/** generate() and stream() for any JSON-over-HTTP engine; the protocol holds what differs. */
export class HttpProvider implements ProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly id: string;
  readonly model: string;
  readonly endpoint: string;
  private readonly baseUrl: string;
  private readonly apiKey: string | undefined;
  private readonly protocol: HttpProtocol;
  private readonly now: (() => number) | undefined;

  constructor(settings: HttpProviderSettings) {
    this.id = settings.id;
    this.model = settings.model;
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
    this.endpoint = redactUrl(this.baseUrl);
    this.apiKey = settings.apiKey;
    this.protocol = settings.protocol;
    this.now = settings.now;
  }

  async generate(request: ProviderRequest, options: ProviderCallOptions = {}): Promise<ProviderResult> {
    const call = this.protocol.prepare(request, false);
    const url = `${this.baseUrl}${call.path}`;
    const response = await this.post(url, call.body, options);
    const parsed = this.protocol.parseResponse(await readJson(response, url), url);
    return {
      text: parsed.text,
      usage: parsed.usage,
      finish_reason: parsed.finish_reason,
      warnings: [...call.warnings, ...(parsed.warnings ?? [])],
      raw_request_body: call.body,
    };
  }

  async *stream(request: ProviderRequest, options: ProviderCallOptions = {}): AsyncGenerator<StreamPart> {
    if (this.protocol.parseStream === undefined) {
      yield* this.streamWhole(request, options);
      return;
    }
    const call = this.protocol.prepare(request, true);
    const url = `${this.baseUrl}${call.path}`;
    const response = await this.post(url, call.body, options);
    if (/^application\/json\b/i.test(response.headers.get('content-type') ?? '')) {
      // The engine answered the whole completion at once (it does not stream this route): read it as one part.
      const parsed = this.protocol.parseResponse(await readJson(response, url), url);
      yield { type: 'start', warnings: [...call.warnings, ...(parsed.warnings ?? [])], raw_request_body: call.body };
      if (parsed.text !== '') yield { type: 'text-delta', text: parsed.text };
      yield { type: 'finish', finish_reason: parsed.finish_reason, usage: parsed.usage };
      return;
    }
    yield { type: 'start', warnings: call.warnings, raw_request_body: call.body };
    yield* this.protocol.parseStream(response, url);
  }

  private async *streamWhole(request: ProviderRequest, options: ProviderCallOptions): AsyncGenerator<StreamPart> {
    const result = await this.generate(request, options);
    const warning: ProviderWarning = { code: 'unsupported', setting: 'stream', message: `${this.id} does not stream; the whole text comes as one part.` };
    yield { type: 'start', warnings: [...result.warnings, warning], raw_request_body: result.raw_request_body };
    if (result.text !== '') yield { type: 'text-delta', text: result.text };
    yield { type: 'finish', finish_reason: result.finish_reason, usage: result.usage };
  }

  private post(url: string, body: Record<string, unknown>, options: ProviderCallOptions): Promise<Response> {
    return postJson({ url, body, headers: bearer(this.apiKey), signal: options.signal, fetch: options.fetch, now: this.now });
  }
}

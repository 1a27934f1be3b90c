import type { CompiledIR } from '../constraints/compile-api.js';

/**
 * The provider interface: small, versioned, vendor-free. Each engine file maps the compiled IR onto
 * its own request fields; whatever an engine cannot honour comes back in `warnings`, never thrown.
 */
export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

interface RequestBase {
  ir: CompiledIR;
  max_tokens: number;
  temperature: number;
  seed?: number;
}

/** Chat messages (see prompt.ts), or one raw prompt for engines that take text as is. */
export type ProviderRequest = RequestBase & ({ messages: ChatMessage[]; prompt?: never } | { prompt: string; messages?: never });

export interface ProviderCallOptions {
  signal?: AbortSignal;
  /** Global fetch by default; injected in tests and by hosts that wrap it. */
  fetch?: typeof fetch;
}

export type ProviderWarningCode =
  /** The engine has no field for this setting or constraint dialect. */
  | 'unsupported'
  /** The engine takes one structured-output constraint per request and another one was sent. */
  | 'not_sent'
  /** Not enforceable by the engine: written into the prompt instead, and left to validation. */
  | 'moved_to_prompt'
  /** The engine said it could not enforce what was sent. */
  | 'not_enforced'
  /** Sent and enforced, but the route makes the answer cost more than another route would. */
  | 'costly';

export interface ProviderWarning {
  code: ProviderWarningCode;
  /** What it is about: json_schema, grammar, regex, seed, stream, constraints. */
  setting: string;
  message: string;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'error' | 'other' | 'unknown';

export interface TokenUsage {
  /** null when the engine does not report it. */
  prompt_tokens: number | null;
  completion_tokens: number | null;
}

export interface ProviderResult {
  text: string;
  usage: TokenUsage;
  finish_reason: FinishReason;
  warnings: ProviderWarning[];
  /** The JSON body sent to the engine (secrets travel in headers, never here), for tests and debugging. */
  raw_request_body: Record<string, unknown>;
}

export type StreamPart =
  /** Sent once the engine has accepted the request (status 2xx), before any text. */
  | { type: 'start'; warnings: ProviderWarning[]; raw_request_body: Record<string, unknown> }
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; finish_reason: FinishReason; usage: TokenUsage };

export interface ProviderV1 {
  readonly specificationVersion: 'v1';
  /** Which engine: vllm, sglang, llama-cpp, openai, workers-ai, seed. */
  readonly id: string;
  readonly model: string;
  /** Where requests go, without credentials or query: the circuit breaker's key and a log field. */
  readonly endpoint: string;
  generate(request: ProviderRequest, options?: ProviderCallOptions): Promise<ProviderResult>;
  stream(request: ProviderRequest, options?: ProviderCallOptions): AsyncIterable<StreamPart>;
}

export const NO_USAGE: TokenUsage = { prompt_tokens: null, completion_tokens: null };

import { ProviderCallError, ProviderResponseError, parseRetryAfter } from './errors.js';
import { parseSse, type SseEvent } from './sse.js';

export interface PostJsonOptions {
  url: string;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Epoch ms, for an HTTP-date Retry-After. */
  now?: () => number;
}

/** POSTs JSON; resolves with a 2xx response, rejects with ProviderCallError for anything else. */
export async function postJson(options: PostJsonOptions): Promise<Response> {
  const fetchImpl = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...options.headers },
      body: JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    throw new ProviderCallError({ url: options.url, cause: error });
  }
  if (response.ok) return response;
  const body = await response.text().catch(() => '');
  throw new ProviderCallError({
    url: options.url,
    status: response.status,
    body,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), (options.now ?? Date.now)()),
  });
}

/** The body as JSON, or ProviderResponseError naming what came instead. */
export async function readJson(response: Response, url: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderResponseError(url, 'the response body is not JSON', text);
  }
}

/** The `data` of each event as parsed JSON, up to `[DONE]` (OpenAI convention). */
export async function* readJsonEvents(response: Response, url: string): AsyncGenerator<unknown> {
  if (response.body === null) throw new ProviderResponseError(url, 'the streaming response has no body');
  for await (const event of parseSse(response.body)) {
    const data = event.data.trim();
    if (data === '[DONE]') return;
    yield parseEventData(event, url);
  }
}

export function parseEventData(event: SseEvent, url: string): unknown {
  try {
    return JSON.parse(event.data);
  } catch {
    throw new ProviderResponseError(url, 'a stream event is not JSON', event.data);
  }
}

export function bearer(apiKey: string | undefined): Record<string, string> {
  return apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` };
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

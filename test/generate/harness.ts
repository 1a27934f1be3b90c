/** The generate app in Node against the reference engine, with helpers to post and to read SSE. */
import { MemoryCache } from '../../src/cache/index.js';
import { nodeParsers } from '../../src/cli/wasm-node.js';
import type { GenerateBindings } from '../../src/generate/providers.js';
import { createGenerateApp, type GenerateAppOptions } from '../../src/generate/routes.js';

export type App = ReturnType<typeof createGenerateApp<GenerateBindings>>;

export function engineEnv(url: string, provider = 'vllm', extra: Partial<GenerateBindings> = {}): GenerateBindings {
  return { INFERENCE_PROVIDER: provider, INFERENCE_BASE_URL: url, INFERENCE_MODEL: 'reference-engine', ...extra };
}

export function generateApp(options: Partial<GenerateAppOptions<GenerateBindings>> = {}): { app: App; cache: MemoryCache } {
  const cache = new MemoryCache();
  return { app: createGenerateApp<GenerateBindings>({ loadParsers: nodeParsers, cacheOf: () => cache, ...options }), cache };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export async function post(app: App, env: GenerateBindings, body: unknown, path = '/v1/generate', headers: Record<string, string> = {}): Promise<Answer> {
  const response = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }, env);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

export interface SseEvent {
  event: string;
  data: any;
}

/** Every event of a text/event-stream body, in order. */
export function parseEvents(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length) ?? 'message';
      const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice('data: '.length)).join('\n');
      return { event, data: JSON.parse(data) };
    });
}

export async function postStream(app: App, env: GenerateBindings, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; contentType: string | null; events: SseEvent[] }> {
  const response = await app.request('/v1/generate', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }, env);
  return { status: response.status, contentType: response.headers.get('content-type'), events: parseEvents(await response.text()) };
}

export { orderJsonSet, requireText } from './harness-data.js';

/**
 * The reference inference engine: an HTTP server that speaks the request shapes of vLLM, SGLang
 * and llama.cpp, enforces their constraint fields with XGrammar over a byte-level vocabulary (or,
 * with `vocabulary: 'llama3'`, the real Llama-3 one), and samples with a seeded generator. Its text is meaningless as code but always inside the grammar.
 * See docs/reference-engine.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConstraintCompiler } from './compiler.js';
import { isObject } from './constraints.js';
import { loadEngineVocabulary, type VocabularyName } from './engine-vocabulary.js';
import { EngineRequestError, badRequest, errorBody } from './errors.js';
import type { EngineContext, Exchange, RecordedRequest } from './exchange.js';
import { FAULT_HEADER, FaultBoard, describeFault, type FaultSpec } from './faults.js';
import { Reply, isClosed } from './reply.js';
import { llamaCppCompletion } from './routes/llamacpp.js';
import { MODEL_ID, chatCompletions, completions } from './routes/openai.js';
import { sglangGenerate } from './routes/sglang.js';

export type { RecordedRequest } from './exchange.js';
export type { FaultSpec } from './faults.js';

/** Request bodies above this are refused (413); compiled IR with a large grammar stays well under. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface ReferenceEngineOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Server-wide faults, applied in order while each has `times` left. */
  faults?: FaultSpec | FaultSpec[];
  /** The seed of requests that bring none; 0 by default. */
  seed?: number;
  /** `bytes` (the default: 256 byte tokens and an end token) or `llama3` (the real 128,256-token vocabulary). */
  vocabulary?: VocabularyName;
}

export interface ReferenceEngine {
  url: string;
  port: number;
  /** Every request received, in order, with what the engine made of it. */
  requests: RecordedRequest[];
  setFault(faults: FaultSpec | FaultSpec[] | null): void;
  close(): Promise<void>;
}

type GenerationRoute = (exchange: Exchange) => Promise<void>;
type InfoRoute = () => unknown;

const GENERATION_ROUTES = new Map<string, GenerationRoute>([
  ['/v1/chat/completions', chatCompletions],
  ['/v1/completions', completions],
  ['/generate', sglangGenerate],
  ['/completion', llamaCppCompletion],
]);

const INFO_ROUTES = new Map<string, InfoRoute>([
  ['/health', () => ({ status: 'ok' })],
  ['/v1/models', () => ({ object: 'list', data: [{ id: MODEL_ID, object: 'model', created: 0, owned_by: 'ananke-edge', max_model_len: 8192 }] })],
]);

export async function startReferenceEngine(options: ReferenceEngineOptions = {}): Promise<ReferenceEngine> {
  const vocabulary = await loadEngineVocabulary(options.vocabulary);
  const compiler = await ConstraintCompiler.create(vocabulary);
  const requests: RecordedRequest[] = [];
  const faults = new FaultBoard(options.faults);
  let requestCount = 0;
  const engine: EngineContext = {
    compiler,
    vocabulary,
    defaultSeed: options.seed ?? 0,
    nextId: (prefix) => `${prefix}-ref${(requestCount += 1)}`,
  };
  const server = createServer((request, response) => {
    void handle(request, response, { requests, faults, engine });
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    setFault: (next) => faults.set(next),
    close: () => closeServer(server),
  };
}

interface ServerState {
  requests: RecordedRequest[];
  faults: FaultBoard;
  engine: EngineContext;
}

async function handle(request: IncomingMessage, response: ServerResponse, state: ServerState): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://reference-engine').pathname;
  const record: RecordedRequest = { method: request.method ?? 'GET', path, headers: headerRecord(request), body: undefined, ignoredFields: [] };
  state.requests.push(record);
  response.on('close', () => {
    record.status = response.statusCode;
    if (!response.writableFinished) record.cancelled = true;
  });
  try {
    await route(request, response, record, state);
  } catch (error) {
    answerError(response, error);
  }
}

async function route(request: IncomingMessage, response: ServerResponse, record: RecordedRequest, state: ServerState): Promise<void> {
  const info = INFO_ROUTES.get(record.path);
  const generation = GENERATION_ROUTES.get(record.path);
  if (!info && !generation) throw new EngineRequestError(404, `no route ${record.path}; see docs/reference-engine.md`, 'not_found');
  const expectedMethod = info ? 'GET' : 'POST';
  if (record.method !== expectedMethod) throw new EngineRequestError(405, `${record.path} takes ${expectedMethod}`, 'method_not_allowed');
  if (info) return new Reply(response, undefined).json(200, info());

  const body = await readJsonBody(request);
  record.body = body;
  const fault = state.faults.take(headerValue(request, FAULT_HEADER));
  if (fault) record.fault = describeFault(fault);
  if (fault?.stallMs !== undefined) await stall(fault.stallMs, response);
  if (isClosed(response)) return;
  if (fault?.status !== undefined) return answerFaultStatus(response, fault);
  await generation!({ body, reply: new Reply(response, fault), record, fault, engine: state.engine });
}

function answerFaultStatus(response: ServerResponse, fault: FaultSpec): void {
  const status = fault.status!;
  const headers: Record<string, string | number> = fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
  new Reply(response, undefined).json(status, errorBody(status, `injected fault: status ${status}`, 'reference_engine_fault'), headers);
}

function answerError(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof EngineRequestError) {
    new Reply(response, undefined).json(error.status, errorBody(error.status, error.message, error.type, error.param));
    return;
  }
  console.error('reference engine: unexpected failure', error);
  const message = error instanceof Error ? error.message : String(error);
  new Reply(response, undefined).json(500, errorBody(500, message, 'internal_error'));
}

async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new EngineRequestError(413, `request body is over ${MAX_BODY_BYTES} bytes`, 'payload_too_large');
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw badRequest(`request body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(body)) throw badRequest('request body must be a JSON object');
  return body;
}

/** Resolves after `ms`, or when the response closes (client gone, server closing). */
function stall(ms: number | 'forever', response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      if (timer) clearTimeout(timer);
      response.off('close', done);
      resolve();
    };
    const timer = ms === 'forever' ? undefined : setTimeout(done, ms);
    response.on('close', done);
  });
}

function headerRecord(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

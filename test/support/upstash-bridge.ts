/**
 * The Upstash REST protocol in front of a real redis-server, for tests and benchmarks:
 *   POST /            body ["SET","k","v","EX",60]      -> 200 {"result":"OK"} | 400 {"error":"ERR ..."}
 *   POST /pipeline    body [["GET","k"],["DEL","k"]]    -> 200 [{"result":...},{"error":...}]
 *   POST /multi-exec  same body, run in MULTI/EXEC      -> 200 [...] | 400 {"error":"EXECABORT ..."}
 * `Authorization: Bearer <token>` (or `?_token=`) is required: 401 otherwise. With
 * `Upstash-Encoding: base64` every string in a result is base64 (arrays included), except the
 * status reply "OK", which is what @upstash/redis decodes. `delayMs` holds every response back,
 * to play a slow remote.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { RespClient, RespError, RespStatus, type RespArgument, type RespValue } from './resp.js';

export interface UpstashBridge {
  url: string;
  token: string;
  /** Milliseconds every response is held back; 0 by default. */
  delayMs: number;
  /** Requests answered so far (any path, any status). */
  readonly requestCount: number;
  stop(): Promise<void>;
}

export interface UpstashBridgeOptions {
  redisPort: number;
  token?: string;
}

type JsonResult = { result: unknown } | { error: string };

class BadRequest extends Error {}

export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  const redis = await RespClient.connect(options.redisPort);
  const token = options.token ?? `test-token-${Math.random().toString(36).slice(2)}`;
  const state = { delayMs: 0, requestCount: 0 };
  const server = createServer((request, response) => {
    state.requestCount += 1;
    void handle(request, response, redis, token, state.delayMs);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(value: number) {
      state.delayMs = value;
    },
    get requestCount() {
      return state.requestCount;
    },
    stop: () => stop(server, redis),
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

async function stop(server: Server, redis: RespClient): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
  await redis.close();
}

async function handle(request: IncomingMessage, response: ServerResponse, redis: RespClient, token: string, delayMs: number): Promise<void> {
  response.on('error', () => undefined);
  let status = 200;
  let body: unknown;
  try {
    [status, body] = await route(request, redis, token);
  } catch (error) {
    [status, body] = error instanceof BadRequest ? [400, { error: error.message }] : [500, { error: String(error) }];
  }
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function route(request: IncomingMessage, redis: RespClient, token: string): Promise<[number, unknown]> {
  const url = new URL(request.url ?? '/', 'http://bridge');
  if (!isAuthorized(request, url, token)) return [401, { error: 'Unauthorized' }];
  if (request.method !== 'POST') return [405, { error: 'Method Not Allowed: the bridge takes POST only' }];
  const base64 = String(request.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
  const payload = await readJson(request);
  switch (url.pathname) {
    case '/':
      return runSingle(redis, payload, base64);
    case '/pipeline':
      return [200, (await redis.batch(toCommands(payload))).map((reply) => toJsonResult(reply, base64))];
    case '/multi-exec':
      return runTransaction(redis, toCommands(payload), base64);
    default:
      return [404, { error: `Not Found: the bridge serves /, /pipeline and /multi-exec, not ${url.pathname}` }];
  }
}

function isAuthorized(request: IncomingMessage, url: URL, token: string): boolean {
  const header = request.headers.authorization ?? '';
  return header === `Bearer ${token}` || url.searchParams.get('_token') === token;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('ERR failed to parse command: the body is not JSON');
  }
}

async function runSingle(redis: RespClient, payload: unknown, base64: boolean): Promise<[number, JsonResult]> {
  const result = toJsonResult(await redis.command(...toCommand(payload)), base64);
  return ['error' in result ? 400 : 200, result];
}

async function runTransaction(redis: RespClient, commands: RespArgument[][], base64: boolean): Promise<[number, unknown]> {
  const replies = await redis.batch([['MULTI'], ...commands, ['EXEC']]);
  const exec = replies[replies.length - 1];
  if (exec instanceof RespError) return [400, { error: exec.message }];
  if (!Array.isArray(exec)) return [500, { error: `EXEC answered ${JSON.stringify(exec)}` }];
  return [200, exec.map((reply) => toJsonResult(reply, base64))];
}

function toCommands(payload: unknown): RespArgument[][] {
  if (!Array.isArray(payload) || payload.length === 0) throw new BadRequest('ERR the body must be a non-empty array of commands');
  return payload.map((command) => toCommand(command));
}

function toCommand(payload: unknown): RespArgument[] {
  if (!Array.isArray(payload) || payload.length === 0) throw new BadRequest('ERR the command must be a non-empty JSON array');
  return payload.map((argument) => {
    if (typeof argument === 'string' || typeof argument === 'number' || typeof argument === 'boolean') return String(argument);
    throw new BadRequest(`ERR command arguments must be strings, numbers or booleans, got ${JSON.stringify(argument)}`);
  });
}

function toJsonResult(reply: RespValue, base64: boolean): JsonResult {
  return reply instanceof RespError ? { error: reply.message } : { result: toJson(reply, base64) };
}

function toJson(reply: RespValue, base64: boolean): unknown {
  if (reply === null || typeof reply === 'number') return reply;
  if (Buffer.isBuffer(reply)) return base64 ? reply.toString('base64') : reply.toString('utf8');
  if (reply instanceof RespStatus) return base64 && reply.value !== 'OK' ? Buffer.from(reply.value).toString('base64') : reply.value;
  if (reply instanceof RespError) return reply.message;
  return reply.map((item) => toJson(item, base64));
}

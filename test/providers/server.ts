/**
 * A real HTTP server on 127.0.0.1 (port 0) that answers with scripted replies, one per request,
 * and records what it received: the engines' side of the wire, for provider tests.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export type Reply =
  | { kind: 'body'; status?: number; headers?: Record<string, string>; body: string }
  /** Each chunk is written separately, `delayMs` apart, as text/event-stream. */
  | { kind: 'sse'; chunks: string[]; delayMs?: number }
  /** Headers never come: the client has to give up. */
  | { kind: 'hang' };

export interface TestServer {
  url: string;
  received: ReceivedRequest[];
  reply(...replies: Reply[]): void;
  close(): Promise<void>;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { kind: 'body', status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function text(body: string, status = 200, headers: Record<string, string> = {}): Reply {
  return { kind: 'body', status, headers, body };
}

const FIXTURES = new URL('./__fixtures__/', import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

/** A recorded JSON body, replayed byte for byte. */
export function fixtureReply(name: string): Reply {
  return { kind: 'body', status: 200, headers: { 'content-type': 'application/json' }, body: fixtureText(name) };
}

/** A recorded event stream, replayed in chunks of `chunkSize` characters so events split across reads. */
export function sseFixtureReply(name: string, chunkSize = 7, delayMs?: number): Reply {
  const recorded = fixtureText(name);
  const chunks: string[] = [];
  for (let start = 0; start < recorded.length; start += chunkSize) chunks.push(recorded.slice(start, start + chunkSize));
  return { kind: 'sse', chunks, delayMs };
}

async function send(reply: Reply, response: ServerResponse): Promise<void> {
  if (reply.kind === 'hang') return;
  if (reply.kind === 'body') {
    response.writeHead(reply.status ?? 200, reply.headers ?? {});
    response.end(reply.body);
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const chunk of reply.chunks) {
    if (response.destroyed) return;
    response.write(chunk);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
  }
  response.end();
}

export async function startServer(): Promise<TestServer> {
  const received: ReceivedRequest[] = [];
  const queue: Reply[] = [];
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      let parsed: unknown;
      try {
        parsed = body === '' ? undefined : JSON.parse(body);
      } catch {
        parsed = undefined;
      }
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, text: body, json: parsed });
      const reply = queue.shift() ?? text('no reply scripted for this request', 599);
      void send(reply, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    reply: (...replies) => queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

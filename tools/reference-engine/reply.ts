/**
 * Writing answers: JSON bodies and server-sent events, with the `malformed` and `cutAfterEvents`
 * faults applied at this one place so every route misbehaves the same way.
 */
import type { ServerResponse } from 'node:http';
import type { FaultSpec } from './faults.js';

export class Reply {
  constructor(
    private readonly response: ServerResponse,
    private readonly fault: FaultSpec | undefined,
  ) {}

  /** True once the answer is complete, the client went away, or a fault cut the connection. */
  get closed(): boolean {
    return isClosed(this.response);
  }

  json(status: number, body: unknown, headers: Record<string, string | number> = {}): void {
    if (this.closed) return;
    const text = JSON.stringify(body);
    const sent = this.fault?.malformed ? halfOf(text) : text;
    this.response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(sent), ...headers });
    if (this.fault?.cutAfterEvents !== undefined) {
      this.response.write(halfOf(sent));
      dropConnection(this.response);
      return;
    }
    this.response.end(sent);
  }

  events(): EventWriter {
    return new EventWriter(this.response, this.fault);
  }
}

export class EventWriter {
  private sent = 0;

  constructor(
    private readonly response: ServerResponse,
    private readonly fault: FaultSpec | undefined,
  ) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.flushHeaders();
  }

  get closed(): boolean {
    return isClosed(this.response);
  }

  /** Writes `data: <json>`; false when the connection is gone (the caller should stop). */
  send(data: unknown): boolean {
    if (this.closed) return false;
    if (this.fault?.cutAfterEvents !== undefined && this.sent >= this.fault.cutAfterEvents) {
      dropConnection(this.response);
      return false;
    }
    const text = JSON.stringify(data);
    this.response.write(`data: ${this.fault?.malformed ? halfOf(text) : text}\n\n`);
    this.sent += 1;
    return true;
  }

  /** Ends an OpenAI-style stream with `data: [DONE]`. */
  done(): void {
    if (this.closed) return;
    if (this.fault?.cutAfterEvents !== undefined) {
      dropConnection(this.response);
      return;
    }
    this.response.end('data: [DONE]\n\n');
  }

  /** Ends a stream that has no terminator event (llama.cpp `/completion`). */
  end(): void {
    if (this.closed) return;
    if (this.fault?.cutAfterEvents !== undefined) {
      dropConnection(this.response);
      return;
    }
    this.response.end();
  }
}

export function isClosed(response: ServerResponse): boolean {
  return response.destroyed || response.writableEnded || !response.socket || response.socket.destroyed || response.socket.writableEnded;
}

/** Ends the connection mid-answer, after what was written so far reaches the client. */
function dropConnection(response: ServerResponse): void {
  if (response.socket) response.socket.end();
  else response.destroy();
}

function halfOf(text: string): string {
  return text.slice(0, Math.floor(text.length / 2));
}

/**
 * A minimal RESP2 client for the tests: one TCP connection, commands written in order, replies
 * matched first-in first-out. Bulk strings stay Buffers (Redis values are bytes); status replies
 * and errors are their own classes so the Upstash bridge can tell them apart.
 */
import { connect, type Socket } from 'node:net';

export class RespStatus {
  constructor(readonly value: string) {}
}

export class RespError {
  constructor(readonly message: string) {}
}

export type RespValue = RespStatus | RespError | Buffer | number | null | RespValue[];

export type RespArgument = string | number | Buffer;

const CRLF = Buffer.from('\r\n');

export function encodeCommand(args: readonly RespArgument[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const argument of args) {
    const bytes = Buffer.isBuffer(argument) ? argument : Buffer.from(String(argument), 'utf8');
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, CRLF);
  }
  return Buffer.concat(parts);
}

interface Decoded {
  value: RespValue;
  next: number;
}

/** Decodes one reply starting at `offset`, or answers undefined when the buffer ends first. */
export function decodeReply(buffer: Buffer, offset: number): Decoded | undefined {
  const lineEnd = buffer.indexOf(CRLF, offset);
  if (lineEnd === -1) return undefined;
  const type = String.fromCharCode(buffer[offset] ?? 0);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const afterLine = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: new RespStatus(line), next: afterLine };
    case '-':
      return { value: new RespError(line), next: afterLine };
    case ':':
      return { value: Number(line), next: afterLine };
    case '$':
      return decodeBulk(buffer, Number(line), afterLine);
    case '*':
      return decodeArray(buffer, Number(line), afterLine);
    default:
      throw new Error(`RESP: unexpected reply type ${JSON.stringify(type)} at byte ${offset}`);
  }
}

function decodeBulk(buffer: Buffer, length: number, start: number): Decoded | undefined {
  if (length < 0) return { value: null, next: start };
  if (buffer.length < start + length + 2) return undefined;
  return { value: Buffer.from(buffer.subarray(start, start + length)), next: start + length + 2 };
}

function decodeArray(buffer: Buffer, count: number, start: number): Decoded | undefined {
  if (count < 0) return { value: null, next: start };
  const items: RespValue[] = [];
  let cursor = start;
  for (let index = 0; index < count; index += 1) {
    const item = decodeReply(buffer, cursor);
    if (item === undefined) return undefined;
    items.push(item.value);
    cursor = item.next;
  }
  return { value: items, next: cursor };
}

interface PendingReply {
  resolve: (value: RespValue) => void;
  reject: (error: Error) => void;
}

export class RespClient {
  private received: Buffer = Buffer.alloc(0);
  private readonly pending: PendingReply[] = [];
  private closedWith: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('RESP: connection closed')));
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host });
      socket.setNoDelay(true);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RespClient(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Sends one command and answers its reply (a RespError reply is returned, not thrown). */
  async command(...args: RespArgument[]): Promise<RespValue> {
    const [reply] = await this.batch([args]);
    return reply as RespValue;
  }

  /** Writes all commands in one write, so no other caller's command lands between them. */
  batch(commands: readonly (readonly RespArgument[])[]): Promise<RespValue[]> {
    if (this.closedWith !== undefined) return Promise.reject(this.closedWith);
    const replies = commands.map(
      () => new Promise<RespValue>((resolve, reject) => this.pending.push({ resolve, reject })),
    );
    this.socket.write(Buffer.concat(commands.map((command) => encodeCommand(command))));
    return Promise.all(replies);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.end();
    });
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    let offset = 0;
    for (;;) {
      const decoded = decodeReply(this.received, offset);
      if (decoded === undefined) break;
      offset = decoded.next;
      this.pending.shift()?.resolve(decoded.value);
    }
    this.received = this.received.subarray(offset);
  }

  private fail(error: Error): void {
    this.closedWith ??= error;
    for (const reply of this.pending.splice(0)) reply.reject(error);
  }
}

/** A bulk or status reply as text (for test assertions). */
export function replyText(reply: RespValue): string | null {
  if (reply === null) return null;
  if (Buffer.isBuffer(reply)) return reply.toString('utf8');
  if (reply instanceof RespStatus) return reply.value;
  throw new Error(`RESP: expected a string reply, got ${JSON.stringify(reply)}`);
}

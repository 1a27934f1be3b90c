/**
 * A server-sent events reader, per the WHATWG HTML "event stream" rules: lines end in CRLF, LF
 * or CR; `data:` lines of one event join with LF; a blank line dispatches; `:` starts a comment;
 * one leading space after the colon is dropped. Bytes may split anywhere, UTF-8 included.
 * One leniency: an event still pending when the stream ends is dispatched, not dropped, since
 * some servers close right after their last `data:` line.
 */
export interface SseEvent {
  event: string | undefined;
  data: string;
  id: string | undefined;
}

interface PendingEvent {
  event: string | undefined;
  data: string[];
  id: string | undefined;
}

function emptyEvent(): PendingEvent {
  return { event: undefined, data: [], id: undefined };
}

function applyLine(line: string, pending: PendingEvent): void {
  if (line.startsWith(':')) return;
  const colon = line.indexOf(':');
  const field = colon === -1 ? line : line.slice(0, colon);
  const rawValue = colon === -1 ? '' : line.slice(colon + 1);
  const value = rawValue.startsWith(' ') ? rawValue.slice(1) : rawValue;
  if (field === 'data') pending.data.push(value);
  else if (field === 'event') pending.event = value;
  else if (field === 'id') pending.id = value;
}

/** Splits off complete lines; returns the unfinished rest. A trailing CR waits: an LF may follow. */
function takeLines(buffer: string): { lines: string[]; rest: string } {
  const lines: string[] = [];
  let start = 0;
  for (let index = 0; index < buffer.length; index += 1) {
    const char = buffer[index];
    if (char !== '\n' && char !== '\r') continue;
    if (char === '\r' && index === buffer.length - 1) break;
    lines.push(buffer.slice(start, index));
    if (char === '\r' && buffer[index + 1] === '\n') index += 1;
    start = index + 1;
  }
  return { lines, rest: buffer.slice(start) };
}

export async function* parseSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let pending = emptyEvent();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const { lines, rest } = takeLines(done ? `${buffer}\n` : buffer);
      buffer = done ? '' : rest;
      for (const line of lines) {
        if (line !== '') {
          applyLine(line, pending);
          continue;
        }
        if (pending.data.length > 0) yield { event: pending.event, data: pending.data.join('\n'), id: pending.id };
        pending = emptyEvent();
      }
      if (done) break;
    }
    finished = true;
    if (pending.data.length > 0) yield { event: pending.event, data: pending.data.join('\n'), id: pending.id };
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

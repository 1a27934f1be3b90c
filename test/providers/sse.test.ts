import { describe, expect, it } from 'vitest';
import { parseSse, type SseEvent } from '../../src/providers/sse.js';
import { fixtureText } from './server.js';

function streamOf(chunks: Uint8Array[], onCancel?: () => void): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[index];
      index += 1;
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
    cancel: () => onCancel?.(),
  });
}

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Every split of `text` into chunks of `size` bytes, as a stream. */
function chunked(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = bytesOf(text);
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.slice(start, start + size));
  return streamOf(chunks);
}

async function events(stream: ReadableStream<Uint8Array>): Promise<SseEvent[]> {
  const found: SseEvent[] = [];
  for await (const event of parseSse(stream)) found.push(event);
  return found;
}

const event = (data: string, extra: Partial<SseEvent> = {}): SseEvent => ({ event: undefined, data, id: undefined, ...extra });

describe('parseSse', () => {
  it('reads the same events however the bytes are split', async () => {
    const text = 'data: {"a":1}\n\ndata: {"b":"é😀"}\n\ndata: [DONE]\n\n';
    const expected = [event('{"a":1}'), event('{"b":"é😀"}'), event('[DONE]')];
    for (const size of [1, 2, 3, 5, 8, 64]) expect(await events(chunked(text, size))).toEqual(expected);
  });

  it('accepts CRLF, LF and CR line endings, also when CR and LF arrive in different chunks', async () => {
    expect(await events(chunked('data: a\r\n\r\ndata: b\r\rdata: c\n\n', 1))).toEqual([event('a'), event('b'), event('c')]);
    expect(await events(streamOf([bytesOf('data: a\r'), bytesOf('\n\r'), bytesOf('\ndata: b\n\n')]))).toEqual([event('a'), event('b')]);
  });

  it('skips comments, joins multi-line data, keeps event and id, drops one leading space only', async () => {
    const text = ': ping\n\nevent: delta\nid: 7\ndata: first\ndata:second\ndata:  third\n\nevent: nothing\n\ndata:\n\n';
    expect(await events(chunked(text, 4))).toEqual([event('first\nsecond\n third', { event: 'delta', id: '7' }), event('')]);
  });

  it('dispatches an event left without its blank line when the stream ends', async () => {
    expect(await events(chunked('data: one\n\ndata: last', 3))).toEqual([event('one'), event('last')]);
  });

  it('reads a recorded vLLM stream into 18 events ending in [DONE]', async () => {
    const found = await events(chunked(fixtureText('vllm-chat.sse'), 13));
    expect(found.length).toBe(18);
    expect(found.at(-1)).toEqual(event('[DONE]'));
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const stream = streamOf([bytesOf('data: a\n\n'), bytesOf('data: b\n\n')], () => {
      cancelled = true;
    });
    for await (const found of parseSse(stream)) {
      expect(found.data).toBe('a');
      break;
    }
    expect(cancelled).toBe(true);
  });
});

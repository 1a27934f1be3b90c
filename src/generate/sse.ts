import { AnankeError } from '../errors.js';
import { logEvent } from '../telemetry/log.js';

export type SseSend = (event: string, data: unknown) => Promise<void>;

const encoder = new TextEncoder();

/** One server-sent event; JSON data never holds a raw newline, so one `data:` line is enough. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The envelope of an error that reached the stream: AnankeErrors as they are, anything else as `internal`. */
export function errorEnvelope(error: unknown, service: string): AnankeError {
  if (error instanceof AnankeError) {
    logEvent(error.status >= 500 ? 'error' : 'warn', 'request_failed', { service, code: error.code, status: error.status, stream: true });
    return error;
  }
  logEvent('error', 'request_failed', { service, code: 'internal', status: 500, stream: true, cause: String((error as Error)?.stack ?? error).slice(0, 500) });
  return new AnankeError('internal', 'internal error', 'retry; if it persists, report it with the request id');
}

/**
 * A text/event-stream response fed by `produce`. A failure inside it becomes a final `error`
 * event with the shared envelope; a reader that goes away aborts `controller`.
 */
export function sseResponse(produce: (send: SseSend) => Promise<void>, controller: AbortController, service: string, headers: Record<string, string> = {}): Response {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const send: SseSend = async (event, data) => {
    await writer.write(encoder.encode(sseEvent(event, data)));
  };
  void (async () => {
    try {
      await produce(send);
    } catch (error) {
      if (!controller.signal.aborted) await send('error', errorEnvelope(error, service).toBody()).catch(() => undefined);
    } finally {
      await writer.close().catch(() => undefined);
    }
  })().catch(() => controller.abort());
  writer.closed.catch(() => controller.abort());
  return new Response(readable, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers } });
}

import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';

const tracer = trace.getTracer('ananke-edge');

/**
 * Runs `work` in a span (a no-op unless an OpenTelemetry SDK is registered). In Workers the
 * clock moves only on I/O, so CPU-bound spans read near zero there: measure CPU work in bench/.
 */
export async function withSpan<T>(name: string, attributes: Record<string, string | number | boolean>, work: (span: Span) => Promise<T> | T): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

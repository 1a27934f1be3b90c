import type { Attempt } from '../constraints/generate-api.js';
import { AnankeError } from '../errors.js';
import { logEvent } from '../telemetry/log.js';
import { CircuitOpenError, ProviderResponseError, ProviderTimeoutError, isProviderError, type ProviderError } from '../providers/index.js';

function seconds(milliseconds: number): number {
  return Math.max(1, Math.ceil(milliseconds / 1000));
}

function fromProviderError(error: ProviderError): AnankeError {
  if (error instanceof CircuitOpenError) {
    return new AnankeError('unavailable', `The inference endpoint is failing, so no request was sent: ${error.message}.`, `Retry after ${seconds(error.retryAfterMs)} s.`, {
      reason: 'circuit_open',
      retry_after_ms: error.retryAfterMs,
    });
  }
  if (error instanceof ProviderTimeoutError) {
    return new AnankeError('gateway_timeout', `The inference engine did not answer in time: ${error.message}.`, 'Retry; if it persists, lower max_tokens or raise INFERENCE_TIMEOUT_MS.', {
      reason: 'timeout',
      timeout_ms: error.timeoutMs,
    });
  }
  if (error instanceof ProviderResponseError) {
    return new AnankeError('bad_gateway', `The inference engine answered with a body its API does not document: ${error.message}`, 'Check that INFERENCE_PROVIDER and INFERENCE_ROUTE match the server behind INFERENCE_BASE_URL.', {
      reason: 'bad_response',
    });
  }
  if (!error.isRetryable) {
    return new AnankeError('unprocessable', `The inference engine rejected the request: ${error.message}`, 'Check the compiled IR (its grammar dialect must be one the engine reads) and the model settings.', {
      reason: 'rejected',
      ...(error.status === undefined ? {} : { status: error.status }),
    });
  }
  return new AnankeError('unavailable', `The inference engine failed after retries: ${error.message}`, error.retryAfterMs === undefined ? 'Retry later; if it persists, check the endpoint.' : `Retry after ${seconds(error.retryAfterMs)} s.`, {
    reason: 'error',
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterMs === undefined ? {} : { retry_after_ms: error.retryAfterMs }),
  });
}

/**
 * The error envelope for an engine call that failed after its retries: 504 timeout, 502 body
 * the API does not document or a connection that broke mid-answer, 503 unavailable or breaker
 * open (with `retry_after_ms` when known), 422 request the engine rejected. Never throws: the
 * caller attaches the attempts so far.
 */
export function engineError(error: unknown): AnankeError {
  if (error instanceof AnankeError) return error;
  if (isProviderError(error)) return fromProviderError(error);
  if (error instanceof Error && error.name === 'AbortError') {
    return new AnankeError('unavailable', 'The request was aborted before the engine answered.', 'Retry the request.', { reason: 'aborted' });
  }
  // fetch reports a connection dropped while the body is read as a TypeError ("terminated"); the providers pass it on as it is.
  if (error instanceof TypeError) {
    return new AnankeError('bad_gateway', `The connection to the inference engine broke while it answered: ${error.message}`, 'Retry; if it persists, check the engine and any proxy in front of it.', { reason: 'connection_lost' });
  }
  logEvent('error', 'engine_call_failed', { cause: String((error as Error)?.stack ?? error).slice(0, 500) });
  return new AnankeError('internal', 'The engine call failed unexpectedly.', 'Retry; if it persists, report it with the request id.', { reason: 'internal' });
}

/** The failed attempt as it appears in `attempts`. */
export function attemptError(error: AnankeError): NonNullable<Attempt['error']> {
  const reason = typeof error.details?.['reason'] === 'string' ? (error.details['reason'] as string) : undefined;
  return { code: error.code, status: error.status, ...(reason ? { reason } : {}), message: error.message };
}

/** The same error with what the request did before it failed: no fault loses the attempts. */
export function withReport(error: AnankeError, report: Record<string, unknown>): AnankeError {
  return new AnankeError(error.code, error.message, error.hint, { ...error.details, ...report });
}

/** Seconds for a Retry-After header, when the error carries a retry time. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!(error instanceof AnankeError)) return undefined;
  const value = error.details?.['retry_after_ms'];
  return typeof value === 'number' ? seconds(value) : undefined;
}

import { AnankeError } from '../errors.js';

/** Engine error bodies can echo the whole prompt back: keep only the start. */
export const MAX_ERROR_BODY_CHARS = 200;

const RETRYABLE_STATUSES = new Set([408, 409, 429]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status) || status >= 500;
}

export function truncateBody(text: string, maxChars = MAX_ERROR_BODY_CHARS): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}...` : text;
}

/** The URL without credentials, query or fragment: keys sometimes travel as `?key=`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return url.replace(/[?#].*$/s, '');
  }
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 section 10.2.3), in ms from `nowMs`. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its day and month; Date.parse would also read strings like "1.5".
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

export interface ProviderCallErrorOptions {
  url: string;
  /** Absent for a network error (no response). */
  status?: number;
  body?: string;
  retryAfterMs?: number;
  cause?: unknown;
  /** Overrides the status rule, e.g. for a binding error that carries its own code. */
  isRetryable?: boolean;
  message?: string;
}

/** The engine answered with an error status, or could not be reached. */
export class ProviderCallError extends Error {
  override readonly name = 'ProviderCallError';
  readonly url: string;
  readonly status: number | undefined;
  readonly body: string | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(options: ProviderCallErrorOptions) {
    const url = redactUrl(options.url);
    const body = options.body === undefined ? undefined : truncateBody(options.body);
    super(options.message ?? describeCall(url, options.status, body, options.cause), { cause: options.cause });
    this.url = url;
    this.status = options.status;
    this.body = body;
    this.retryAfterMs = options.retryAfterMs;
    this.isRetryable = options.isRetryable ?? (options.status === undefined ? true : isRetryableStatus(options.status));
  }
}

function describeCall(url: string, status: number | undefined, body: string | undefined, cause: unknown): string {
  if (status === undefined) return `could not reach ${url}: ${cause instanceof Error ? cause.message : String(cause)}`;
  return `${url} answered ${status}${body ? `: ${body}` : ''}`;
}

/** One attempt took longer than its budget; retryable, like a 408. */
export class ProviderTimeoutError extends Error {
  override readonly name = 'ProviderTimeoutError';
  readonly isRetryable = true;

  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`${redactUrl(url)} did not answer within ${timeoutMs} ms`);
  }
}

/** The engine answered 2xx with a body that is not what its API documents. */
export class ProviderResponseError extends Error {
  override readonly name = 'ProviderResponseError';
  readonly isRetryable = false;
  readonly url: string;
  readonly body: string | undefined;

  constructor(url: string, message: string, body?: string) {
    super(`${redactUrl(url)}: ${message}`);
    this.url = redactUrl(url);
    this.body = body === undefined ? undefined : truncateBody(body);
  }
}

/** The endpoint failed too often lately; no request was sent. */
export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';
  readonly isRetryable = false;

  constructor(
    readonly endpoint: string,
    /** Epoch ms at which one probe request will be let through. */
    readonly retryAt: number,
    readonly retryAfterMs: number,
  ) {
    super(`the circuit for ${endpoint} is open after repeated failures; next try in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

export type ProviderError = ProviderCallError | ProviderTimeoutError | ProviderResponseError | CircuitOpenError;

export function isProviderError(error: unknown): error is ProviderError {
  return (
    error instanceof ProviderCallError ||
    error instanceof ProviderTimeoutError ||
    error instanceof ProviderResponseError ||
    error instanceof CircuitOpenError
  );
}

/** Whether the retry loop may try again after this error. */
export function isRetryableError(error: unknown): boolean {
  return isProviderError(error) && error.isRetryable;
}

/** Whether this error says the endpoint is unhealthy (a 400 says the request was wrong instead). */
export function countsAsEndpointFailure(error: unknown): boolean {
  return error instanceof ProviderResponseError || isRetryableError(error);
}

/**
 * The error envelope for callers of the generate function: the engine's trouble is a 503 (with
 * `retry_after_ms` when known), a request the engine rejected is a 422.
 */
export function toAnankeError(error: ProviderError): AnankeError {
  if (error instanceof CircuitOpenError) {
    return new AnankeError('unavailable', `The inference endpoint is failing; ${error.message}.`, `Retry after ${Math.ceil(error.retryAfterMs / 1000)} s.`, {
      reason: 'circuit_open',
      retry_after_ms: error.retryAfterMs,
    });
  }
  if (error instanceof ProviderCallError && !error.isRetryable) {
    return new AnankeError('unprocessable', `The inference endpoint rejected the request: ${error.message}`, 'Check the compiled IR and the model settings.', {
      reason: 'rejected',
      status: error.status,
    });
  }
  const retryAfterMs = error instanceof ProviderCallError ? error.retryAfterMs : undefined;
  return new AnankeError('unavailable', `The inference endpoint failed: ${error.message}`, 'Retry later; if it persists, check the endpoint.', {
    reason: error instanceof ProviderTimeoutError ? 'timeout' : error instanceof ProviderResponseError ? 'bad_response' : 'error',
    ...(retryAfterMs === undefined ? {} : { retry_after_ms: retryAfterMs }),
  });
}

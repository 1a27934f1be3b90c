import { describe, expect, it } from 'vitest';
import { AnankeError } from '../../src/errors.js';
import {
  CircuitOpenError,
  ProviderCallError,
  ProviderResponseError,
  ProviderTimeoutError,
  countsAsEndpointFailure,
  isRetryableStatus,
  parseRetryAfter,
  redactUrl,
  toAnankeError,
} from '../../src/providers/errors.js';

describe('provider errors', () => {
  it('retries 408, 409, 429 and 5xx, nothing else', () => {
    const statuses = [400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504];
    expect(statuses.filter(isRetryableStatus)).toEqual([408, 409, 429, 500, 502, 503, 504]);
  });

  it('keeps url without credentials, query or fragment, and the body cut to 200 characters', () => {
    const error = new ProviderCallError({ url: 'https://user:pw@llm.example.com/v1/chat/completions?key=s3cret#x', status: 400, body: 'x'.repeat(300) });
    expect(error.url).toBe('https://llm.example.com/v1/chat/completions');
    expect(error.body).toBe(`${'x'.repeat(200)}...`);
    expect([error.name, error.status, error.isRetryable]).toEqual(['ProviderCallError', 400, false]);
    expect(error.message).not.toContain('s3cret');
    expect(redactUrl('not a url?token=1')).toBe('not a url');
  });

  it('treats a network error (no status) as retryable', () => {
    const error = new ProviderCallError({ url: 'http://127.0.0.1:9/v1', cause: new TypeError('fetch failed') });
    expect([error.status, error.isRetryable, error.message]).toEqual([undefined, true, 'could not reach http://127.0.0.1:9/v1: fetch failed']);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2015, 9, 21, 7, 27, 30);
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:20:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('counts only endpoint trouble against the circuit, not a rejected request', () => {
    expect(countsAsEndpointFailure(new ProviderCallError({ url: 'http://h', status: 503 }))).toBe(true);
    expect(countsAsEndpointFailure(new ProviderTimeoutError('http://h', 10))).toBe(true);
    expect(countsAsEndpointFailure(new ProviderResponseError('http://h', 'not JSON'))).toBe(true);
    expect(countsAsEndpointFailure(new ProviderCallError({ url: 'http://h', status: 400 }))).toBe(false);
    expect(countsAsEndpointFailure(new CircuitOpenError('http://h', 0, 0))).toBe(false);
  });

  it('becomes a 503 with the retry time, or a 422 for a request the engine rejected', () => {
    const open = toAnankeError(new CircuitOpenError('http://h', 31_000, 12_400));
    expect(open).toBeInstanceOf(AnankeError);
    expect(open.toBody()).toEqual({
      error: {
        code: 'unavailable',
        message: 'The inference endpoint is failing; the circuit for http://h is open after repeated failures; next try in 13 s.',
        hint: 'Retry after 13 s.',
        details: { reason: 'circuit_open', retry_after_ms: 12_400 },
      },
    });
    expect(open.status).toBe(503);
    const limited = toAnankeError(new ProviderCallError({ url: 'http://h/v1', status: 429, retryAfterMs: 2000 }));
    expect([limited.status, limited.details]).toEqual([503, { reason: 'error', retry_after_ms: 2000 }]);
    const rejected = toAnankeError(new ProviderCallError({ url: 'http://h/v1', status: 400, body: 'bad grammar' }));
    expect([rejected.status, rejected.code, rejected.details]).toEqual([422, 'unprocessable', { reason: 'rejected', status: 400 }]);
    expect(toAnankeError(new ProviderTimeoutError('http://h', 5)).details).toEqual({ reason: 'timeout' });
  });
});

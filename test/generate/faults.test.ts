/**
 * The engine misbehaves (the reference engine's injected faults); generate retries what is worth
 * retrying, answers the shared envelope with a stable code otherwise, and never loses the
 * attempts it made.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GenerateResponse } from '../../src/constraints/generate-api.js';
import { CircuitBreaker } from '../../src/providers/index.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { typescriptFunctionSet } from '../helpers/constraint-sets.js';
import { engineEnv, generateApp, orderJsonSet, post, requireText } from './harness.js';

let engine: ReferenceEngine;

beforeAll(async () => {
  engine = await startReferenceEngine({ port: 0 });
});

afterEach(() => {
  engine.setFault(null);
});

afterAll(async () => {
  await engine.close();
});

/** An app whose retries sleep on paper: the waits are recorded, never slept. */
function recordingApp(retry: { retries?: number; timeoutMs?: number } = {}, breaker?: CircuitBreaker) {
  const sleeps: number[] = [];
  const { app } = generateApp({
    retry: { ...retry, sleep: async (milliseconds) => void sleeps.push(milliseconds), random: () => 0.5 },
    ...(breaker ? { breaker } : {}),
  });
  return { app, sleeps };
}

const body = (extra: Record<string, unknown> = {}) => ({ intent: 'sum the prices', constraints: typescriptFunctionSet(), seed: 3, max_attempts: 1, ...extra });

function requestsSince(start: number) {
  return engine.requests.slice(start).filter((request) => request.path !== '/health');
}

describe('retried faults', () => {
  it('a 500 is retried after a jittered backoff, and the attempt lists the retry', async () => {
    const { app, sleeps } = recordingApp();
    engine.setFault({ status: 500, times: 1 });
    const start = engine.requests.length;
    const answer = await post(app, engineEnv(engine.url), body());
    expect(answer.status).toBe(200);
    const response = GenerateResponse.parse(answer.body);
    expect(requestsSince(start).map((request) => request.status)).toEqual([500, 200]);
    expect(sleeps).toEqual([125]);
    expect(response.attempts).toHaveLength(1);
    expect(response.attempts[0]!.retries).toHaveLength(1);
    expect(response.attempts[0]!.retries[0]!.delay_ms).toBe(125);
    expect(response.attempts[0]!.retries[0]!.error).toContain('answered 500');
    expect(response.code.startsWith('export function sumPrices(prices: number[]): number')).toBe(true);
  });

  it('a 429 with Retry-After waits exactly what the server asked', async () => {
    const { app, sleeps } = recordingApp();
    engine.setFault({ status: 429, retryAfter: 2, times: 1 });
    const answer = await post(app, engineEnv(engine.url), body());
    expect(answer.status).toBe(200);
    expect(sleeps).toEqual([2000]);
    expect(answer.body.attempts[0].retries).toEqual([{ delay_ms: 2000, error: expect.stringContaining('answered 429') }]);
  });

  it('a 503 past the retries is a 503 with the attempt and its retries', async () => {
    const { app, sleeps } = recordingApp({ retries: 2 });
    engine.setFault({ status: 503 });
    const start = engine.requests.length;
    const answer = await post(app, engineEnv(engine.url), body());
    expect(answer.status).toBe(503);
    expect(requestsSince(start)).toHaveLength(3);
    expect(sleeps).toEqual([125, 250]);
    expect(answer.body.error).toMatchObject({ code: 'unavailable', details: { reason: 'error', status: 503 } });
    expect(answer.body.error.details.attempts).toEqual([
      expect.objectContaining({ attempt: 1, code: '', error: expect.objectContaining({ code: 'unavailable', status: 503, reason: 'error' }), retries: [expect.objectContaining({ delay_ms: 125 }), expect.objectContaining({ delay_ms: 250 })] }),
    ]);
    expect(answer.body.error.details.provenance.ir_id).toMatch(/^ir_[0-9a-f]{16}$/);
  });

  it('a Retry-After longer than we wait is passed on at once as a 503 with Retry-After', async () => {
    const { app, sleeps } = recordingApp();
    engine.setFault({ status: 429, retryAfter: 120, times: 1 });
    const answer = await post(app, engineEnv(engine.url), body());
    expect(answer.status).toBe(503);
    expect(sleeps).toEqual([]);
    expect(answer.headers.get('retry-after')).toBe('120');
    expect(answer.body.error.details).toMatchObject({ reason: 'error', status: 429, retry_after_ms: 120_000 });
  });
});

describe('faults that end the request', () => {
  it('a stall past the timeout is a 504 naming the timeout, with the attempt listed', async () => {
    const { app } = recordingApp({ timeoutMs: 300, retries: 0 });
    engine.setFault({ stallMs: 'forever', times: 1 });
    const started = performance.now();
    const answer = await post(app, engineEnv(engine.url), body());
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(answer.status).toBe(504);
    expect(answer.body.error).toMatchObject({ code: 'gateway_timeout', details: { reason: 'timeout', timeout_ms: 300 } });
    expect(answer.body.error.message).toContain('did not answer within 300 ms');
    expect(answer.body.error.details.attempts).toEqual([expect.objectContaining({ attempt: 1, error: expect.objectContaining({ code: 'gateway_timeout', status: 504, reason: 'timeout' }) })]);
    expect(answer.body.error.details.timings.generate_ms).toBeGreaterThanOrEqual(290);
  });

  it('a malformed body is a 502, not retried', async () => {
    const { app, sleeps } = recordingApp();
    engine.setFault({ malformed: true, times: 1 });
    const start = engine.requests.length;
    const answer = await post(app, engineEnv(engine.url), body());
    expect(answer.status).toBe(502);
    expect(requestsSince(start)).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(answer.body.error).toMatchObject({ code: 'bad_gateway', details: { reason: 'bad_response' } });
    expect(answer.body.error.details.attempts).toEqual([expect.objectContaining({ attempt: 1, error: expect.objectContaining({ code: 'bad_gateway', status: 502 }) })]);
  });

  it('a request the engine rejects (400) is a 422, not retried', async () => {
    const { app, sleeps } = recordingApp();
    engine.setFault({ status: 400, times: 1 });
    const answer = await post(app, engineEnv(engine.url), body());
    expect(answer.status).toBe(422);
    expect(sleeps).toEqual([]);
    expect(answer.body.error).toMatchObject({ code: 'unprocessable', details: { reason: 'rejected', status: 400 } });
    expect(answer.body.error.details.attempts).toHaveLength(1);
  });

  it('a repair attempt that fails still returns the earlier attempt, with the failure listed', async () => {
    const { app } = recordingApp({ retries: 0 });
    engine.setFault([{ times: 1 }, { status: 500 }]);
    const set = typescriptFunctionSet();
    set.constraints.push(requireText('Number.isFinite'));
    const answer = await post(app, engineEnv(engine.url), body({ constraints: set, max_attempts: 3 }));
    expect(answer.status).toBe(200);
    const response = GenerateResponse.parse(answer.body);
    expect(response.attempts.map((attempt) => attempt.error?.code ?? 'completed')).toEqual(['completed', 'unavailable']);
    expect(response.chosen_attempt).toBe(1);
    expect(response.warnings).toContainEqual(expect.objectContaining({ source: 'generate', code: 'repair_failed' }));
  });
});

describe('an engine that ignores its constraint', () => {
  it('a code grammar ignored: reported as an engine failure, never as success, and not repaired', async () => {
    const { app } = recordingApp();
    engine.setFault({ ignoreConstraints: true });
    const start = engine.requests.length;
    const answer = await post(app, engineEnv(engine.url), body({ max_attempts: 3 }));
    expect(answer.status).toBe(200);
    const response = GenerateResponse.parse(answer.body);
    expect(requestsSince(start)).toHaveLength(1);
    expect(requestsSince(start)[0]!.constraint).toEqual({ kind: 'grammar', source: 'structured_outputs.grammar' });
    expect(response.validation.all_satisfied).toBe(false);
    expect(response.engine_failure).toMatchObject({ kind: 'constraint_ignored', sent: 'grammar', dialect: 'ebnf' });
    expect(response.engine_failure!.violated).toContain(typescriptFunctionSet().constraints[0]!.id);
    expect(response.attempts).toHaveLength(1);
    expect(response.attempts[0]!.engine_failure).toEqual(response.engine_failure);
    expect(response.validation.violated).toContainEqual(expect.objectContaining({ constraint_id: typescriptFunctionSet().constraints[0]!.id, check: 'signature' }));
    expect(response.attempts[0]!.code.startsWith('export function sumPrices')).toBe(false);
  });

  it('a JSON Schema ignored: the output does not parse and is reported as an engine failure', async () => {
    const { app } = recordingApp();
    engine.setFault({ ignoreConstraints: true });
    const answer = await post(app, engineEnv(engine.url), { intent: 'an order', constraints: orderJsonSet(), shape: 'json', seed: 3 });
    expect(answer.status).toBe(200);
    expect(answer.body.validation.all_satisfied).toBe(false);
    expect(answer.body.validation.violated).toEqual([expect.objectContaining({ check: 'json_schema', message: 'output is not JSON' })]);
    expect(answer.body.engine_failure).toMatchObject({ kind: 'constraint_ignored', sent: 'json_schema', violated: [orderJsonSet().constraints[0]!.id] });
    expect(answer.body.attempts).toHaveLength(1);
  });
});

describe('the circuit breaker', () => {
  it('opens after repeated failures (503 with the retry time, no request sent), then a probe closes it', async () => {
    let clock = 1_000_000;
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 5_000, now: () => clock });
    const { app } = recordingApp({ retries: 0 }, breaker);
    const env = engineEnv(engine.url);
    engine.setFault({ status: 503 });
    expect((await post(app, env, body())).body.error.details.reason).toBe('error');
    expect((await post(app, env, body())).body.error.details.reason).toBe('error');
    const start = engine.requests.length;
    const open = await post(app, env, body());
    expect(open.status).toBe(503);
    expect(open.headers.get('retry-after')).toBe('5');
    expect(open.body.error).toMatchObject({ code: 'unavailable', details: { reason: 'circuit_open', retry_after_ms: 5_000 } });
    expect(open.body.error.details.attempts).toEqual([expect.objectContaining({ attempt: 1, error: expect.objectContaining({ reason: 'circuit_open' }) })]);
    expect(requestsSince(start)).toHaveLength(0);
    clock += 5_000;
    engine.setFault(null);
    const probe = await post(app, env, body());
    expect(probe.status).toBe(200);
    expect(breaker.state(`${engine.url}/`)).toBe('closed');
    expect((await post(app, env, body())).status).toBe(200);
  });
});

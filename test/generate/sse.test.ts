/** Streaming: token events as the engine writes, one final report; an error event when the engine fails mid-request. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GenerateResponse } from '../../src/constraints/generate-api.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { typescriptFunctionSet } from '../helpers/constraint-sets.js';
import { engineEnv, generateApp, post, postStream, requireText, type SseEvent } from './harness.js';

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

const body = { intent: 'sum the prices', constraints: typescriptFunctionSet(), seed: 5, max_attempts: 1, stream: true };

function textOf(events: readonly SseEvent[], attempt: number): string {
  return events.filter((event) => event.event === 'token' && event.data.attempt === attempt).map((event) => event.data.text).join('');
}

describe('server-sent events', () => {
  it('streams token events, then one report event with the whole response', async () => {
    const { app } = generateApp();
    const answer = await postStream(app, engineEnv(engine.url), body);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('text/event-stream; charset=utf-8');
    const names = answer.events.map((event) => event.event);
    expect(names[0]).toBe('attempt');
    expect(names.at(-1)).toBe('report');
    expect(names.filter((name) => name === 'report')).toHaveLength(1);
    expect(names.slice(1, -1).every((name) => name === 'token')).toBe(true);
    expect(names.length).toBeGreaterThan(10);
    const report = GenerateResponse.parse(answer.events.at(-1)!.data);
    expect(textOf(answer.events, 1)).toBe(report.code);
    expect(report.code.startsWith('export function sumPrices(prices: number[]): number')).toBe(true);
    expect(engine.requests.at(-1)!.body).toMatchObject({ stream: true });
  });

  it('streams the same text the JSON answer holds, and is chosen by Accept: text/event-stream too', async () => {
    const { app } = generateApp();
    const env = engineEnv(engine.url);
    const streamed = await postStream(app, env, { ...body, stream: false }, { accept: 'text/event-stream' });
    const json = await post(app, env, { ...body, stream: false });
    expect(streamed.events.at(-1)!.event).toBe('report');
    expect(streamed.events.at(-1)!.data.code).toBe(json.body.code);
    expect(streamed.events.at(-1)!.data.validation).toEqual(json.body.validation);
  });

  it('streams every attempt of a repair, each announced by an attempt event', async () => {
    const { app } = generateApp();
    const set = typescriptFunctionSet();
    set.constraints.push(requireText('Number.isFinite'));
    const answer = await postStream(app, engineEnv(engine.url), { ...body, constraints: set, max_attempts: 2 });
    expect(answer.events.filter((event) => event.event === 'attempt').map((event) => event.data)).toEqual([{ attempt: 1 }, { attempt: 2 }]);
    const report = GenerateResponse.parse(answer.events.at(-1)!.data);
    expect(report.attempts.map((attempt) => attempt.code)).toEqual([textOf(answer.events, 1), textOf(answer.events, 2)]);
  });

  it('ends with an error event carrying the envelope and the attempts when the engine body is malformed', async () => {
    const { app } = generateApp({ retry: { retries: 0 } });
    engine.setFault({ malformed: true, times: 1 });
    const answer = await postStream(app, engineEnv(engine.url), body);
    expect(answer.status).toBe(200);
    const last = answer.events.at(-1)!;
    expect(last.event).toBe('error');
    expect(last.data.error).toMatchObject({ code: 'bad_gateway', details: { reason: 'bad_response' } });
    expect(last.data.error.details.attempts).toEqual([expect.objectContaining({ attempt: 1, error: expect.objectContaining({ code: 'bad_gateway' }) })]);
    expect(answer.events.some((event) => event.event === 'report')).toBe(false);
  });

  it('ends with a gateway_timeout error event when the engine stalls', async () => {
    const { app } = generateApp({ retry: { retries: 0, timeoutMs: 300 } });
    engine.setFault({ stallMs: 'forever', times: 1 });
    const answer = await postStream(app, engineEnv(engine.url), body);
    expect(answer.events.map((event) => event.event)).toEqual(['attempt', 'error']);
    expect(answer.events[1]!.data.error).toMatchObject({ code: 'gateway_timeout', details: { reason: 'timeout', timeout_ms: 300 } });
  });

  it('ends with a bad_gateway error event, keeping the text streamed so far, when the engine drops the connection', async () => {
    const { app } = generateApp({ retry: { retries: 0 } });
    engine.setFault({ cutAfterEvents: 4, times: 1 });
    const answer = await postStream(app, engineEnv(engine.url), body);
    const last = answer.events.at(-1)!;
    expect(last.event).toBe('error');
    expect(last.data.error).toMatchObject({ code: 'bad_gateway', details: { reason: 'connection_lost' } });
    expect(textOf(answer.events, 1).length).toBeGreaterThan(0);
    expect(last.data.error.details.attempts[0].code).toBe(textOf(answer.events, 1));
  });

  it('answers request errors as plain JSON before any event', async () => {
    const { app } = generateApp();
    const answer = await post(app, engineEnv(engine.url), { intent: 'x', ir_id: 'ir_0123456789abcdef', stream: true });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(answer.body.error.code).toBe('not_found');
  });
});

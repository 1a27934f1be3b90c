import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultHeader } from '../../tools/reference-engine/faults.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { dataLines, get, post, readUntilClosed } from './http.js';

const messages = [{ role: 'user', content: 'hi' }];
const digits = { messages, seed: 1, structured_outputs: { regex: '[0-9]{3}' } };

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

function fault(value: string) {
  return { 'x-reference-fault': value };
}

describe('the fault header syntax', () => {
  it('reads name=value words and JSON alike', () => {
    expect(parseFaultHeader('status=503 times=2 retry-after=1')).toEqual({ status: 503, times: 2, retryAfter: 1 });
    expect(parseFaultHeader('stall=forever;key=a')).toEqual({ stallMs: 'forever', key: 'a' });
    expect(parseFaultHeader('malformed, ignore-constraints, cut-stream=3')).toEqual({ malformed: true, ignoreConstraints: true, cutAfterEvents: 3 });
    expect(parseFaultHeader('status=429 retry-after=soon')).toEqual({ status: 429, retryAfter: 'soon' });
    const withDate = '{"status":429,"retryAfter":"Wed, 21 Oct 2026 07:28:00 GMT"}';
    expect(parseFaultHeader(withDate)).toEqual({ status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' });
  });

  it('refuses unknown words and bad values with a 400 that lists the syntax', async () => {
    expect(() => parseFaultHeader('explode')).toThrow(
      'x-reference-fault: unknown word "explode"; use status=N, retry-after=S, stall=MS|forever, malformed, ignore-constraints, cut-stream=N, times=N, key=K',
    );
    expect(() => parseFaultHeader('status=abc')).toThrow('x-reference-fault: status needs a whole number, got "abc"');
    expect(() => parseFaultHeader('status=700')).toThrow('fault status must be an HTTP status between 100 and 599, got 700');
    const answer = await post(engine.url, '/v1/chat/completions', digits, fault('{"status":'));
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toMatch(/^x-reference-fault is not valid JSON/);
  });
});

describe('status faults', () => {
  it('fail N times with Retry-After, then recover (header, counted per header)', async () => {
    const header = fault('status=503 times=2 retry-after=1');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await post(engine.url, '/v1/chat/completions', digits, header);
      statuses.push(answer.status);
      if (answer.status === 503) {
        expect(answer.headers.get('retry-after')).toBe('1');
        expect(answer.json).toEqual({ error: { message: 'injected fault: status 503', type: 'reference_engine_fault', param: null, code: 503 } });
      } else {
        expect(answer.json.choices[0].message.content).toMatch(/^[0-9]{3}$/);
      }
    }
    expect(statuses).toEqual([503, 503, 200]);
    expect(engine.requests.slice(-3).map((request) => [request.fault, request.status])).toEqual([
      ['status=503 retry-after=1', 503],
      ['status=503 retry-after=1', 503],
      [undefined, 200],
    ]);
  });

  it('share a budget between requests with the same key', async () => {
    const first = await post(engine.url, '/completion', { prompt: 'x' }, fault('status=500 times=1 key=shared'));
    const second = await post(engine.url, '/completion', { prompt: 'x' }, fault('status=502 times=1 key=shared'));
    expect([first.status, second.status]).toEqual([500, 200]);
  });

  it('run in order when set for the whole server, and leave GET routes alone', async () => {
    engine.setFault([{ status: 429, times: 1, retryAfter: 2 }, { status: 500, times: 1 }]);
    expect((await get(engine.url, '/health')).status).toBe(200);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await post(engine.url, '/generate', { text: 'x' })).status);
    expect(statuses).toEqual([429, 500, 200]);
  });

  it('let a header fault win over a server fault', async () => {
    engine.setFault({ status: 503 });
    const answer = await post(engine.url, '/v1/completions', { prompt: 'x' }, fault('status=418'));
    expect(answer.status).toBe(418);
    expect((await post(engine.url, '/v1/completions', { prompt: 'x' })).status).toBe(503);
  });
});

describe('stalls', () => {
  it('hold the answer back for the given time', async () => {
    const started = performance.now();
    const answer = await post(engine.url, '/v1/chat/completions', digits, fault('stall=300'));
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });

  it('can last until the client gives up, and the server keeps serving', async () => {
    const request = fetch(`${engine.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...fault('stall=forever') },
      body: JSON.stringify(digits),
      signal: AbortSignal.timeout(200),
    });
    await expect(request).rejects.toMatchObject({ name: 'TimeoutError' });
    expect((await post(engine.url, '/v1/chat/completions', digits)).status).toBe(200);
  });

  it('end when the server closes', async () => {
    const stalled = await startReferenceEngine({ port: 0, faults: { stallMs: 'forever' } });
    const request = fetch(`${stalled.url}/completion`, { method: 'POST', body: JSON.stringify({ prompt: 'x' }) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = performance.now();
    await stalled.close();
    expect(performance.now() - closing).toBeLessThan(1000);
    await expect(request).rejects.toThrow();
  });
});

describe('malformed bodies', () => {
  it('answer 200 with JSON that does not parse', async () => {
    const answer = await post(engine.url, '/v1/chat/completions', digits, fault('malformed'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.text.startsWith('{"id":"chatcmpl-')).toBe(true);
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
  });

  it('send SSE events whose data does not parse', async () => {
    const response = await fetch(`${engine.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...fault('malformed') },
      body: JSON.stringify({ ...digits, stream: true }),
    });
    const { raw, dropped } = await readUntilClosed(response);
    expect(dropped).toBe(false);
    const data = dataLines(raw);
    expect(data[data.length - 1]).toBe('[DONE]');
    expect(data.slice(0, -1).every((line) => !isJson(line))).toBe(true);
  });
});

describe('ignored constraints', () => {
  it('generate unconstrained text while answering as if the constraint held', async () => {
    const honest = await post(engine.url, '/v1/chat/completions', digits);
    expect(honest.json.choices[0].message.content).toMatch(/^[0-9]{3}$/);
    const lying = await post(engine.url, '/v1/chat/completions', digits, fault('ignore-constraints'));
    expect(lying.status).toBe(200);
    expect(lying.json.choices[0].finish_reason).toBe('stop');
    expect(lying.json.choices[0].message.content).not.toMatch(/^[0-9]{3}$/);
    const record = engine.requests[engine.requests.length - 1]!;
    expect(record.constraint).toEqual({ kind: 'regex', source: 'structured_outputs.regex' });
    expect(record.fault).toBe('ignore-constraints');
  });

  it('can be set for the whole server', async () => {
    engine.setFault({ ignoreConstraints: true, times: 1 });
    const lying = await post(engine.url, '/completion', { prompt: 'x', seed: 1, grammar: 'root ::= [0-9]{3}' });
    expect(lying.json.content).not.toMatch(/^[0-9]{3}$/);
    const honest = await post(engine.url, '/completion', { prompt: 'x', seed: 1, grammar: 'root ::= [0-9]{3}' });
    expect(honest.json.content).toMatch(/^[0-9]{3}$/);
  });
});

describe('cut streams', () => {
  it('drop the connection after N events, with no [DONE]', async () => {
    const response = await fetch(`${engine.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...fault('cut-stream=3') },
      body: JSON.stringify({ ...digits, stream: true }),
    });
    expect(response.status).toBe(200);
    const { raw, dropped } = await readUntilClosed(response);
    expect(dropped).toBe(true);
    const data = dataLines(raw);
    expect(data).toHaveLength(3);
    expect(data.every(isJson)).toBe(true);
    expect(raw).not.toContain('[DONE]');
  });

  it('drop a non-streamed body half way', async () => {
    const response = await fetch(`${engine.url}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...fault('cut-stream') },
      body: JSON.stringify({ prompt: 'x' }),
    });
    expect(response.status).toBe(200);
    const { raw, dropped } = await readUntilClosed(response);
    expect(dropped).toBe(true);
    expect(raw.startsWith('{"id":"cmpl-')).toBe(true);
    expect(isJson(raw)).toBe(false);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

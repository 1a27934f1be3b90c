import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { post, postStream } from './http.js';

const messages = [{ role: 'user', content: 'hi' }];
const grammar = 'root ::= "fn " [a-z]+ "(" [a-z]* ")"';

let engine: ReferenceEngine;

beforeAll(async () => {
  engine = await startReferenceEngine({ port: 0 });
});

afterAll(async () => {
  await engine.close();
});

function parsed(data: readonly string[]) {
  expect(data[data.length - 1]).toBe('[DONE]');
  return data.slice(0, -1).map((line) => JSON.parse(line));
}

describe('OpenAI chat streams', () => {
  it('send a role chunk, content deltas, a finish chunk and [DONE], adding up to the unstreamed text', async () => {
    const body = { messages, seed: 21, structured_outputs: { grammar } };
    const whole = await post(engine.url, '/v1/chat/completions', body);
    const stream = await postStream(engine.url, '/v1/chat/completions', { ...body, stream: true });
    expect(stream.status).toBe(200);
    expect(stream.contentType).toBe('text/event-stream');
    expect(stream.raw.endsWith('data: [DONE]\n\n')).toBe(true);
    const chunks = parsed(stream.data);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const last = chunks[chunks.length - 1];
    expect(last.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    const middle = chunks.slice(1, -1);
    expect(middle.every((chunk) => chunk.choices[0].finish_reason === null)).toBe(true);
    const text = middle.map((chunk) => chunk.choices[0].delta.content).join('');
    expect(text).toBe(whole.json.choices[0].message.content);
    expect(middle).toHaveLength(Buffer.byteLength(text));
  });

  it('adds a usage chunk when stream_options.include_usage is set', async () => {
    const body = { messages, seed: 4, structured_outputs: { regex: '[a-z]{4}' } };
    const whole = await post(engine.url, '/v1/chat/completions', body);
    const stream = await postStream(engine.url, '/v1/chat/completions', { ...body, stream: true, stream_options: { include_usage: true } });
    const chunks = parsed(stream.data);
    const usageChunk = chunks[chunks.length - 1];
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toEqual(whole.json.usage);
    expect(usageChunk.usage).toEqual({ prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 });
  });

  it('ends with finish_reason length at max_tokens', async () => {
    const stream = await postStream(engine.url, '/v1/chat/completions', { messages, stream: true, max_tokens: 3, structured_outputs: { regex: '[a-z]{10}' } });
    const chunks = parsed(stream.data);
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('length');
    expect(chunks.slice(1, -1).map((chunk) => chunk.choices[0].delta.content).join('')).toMatch(/^[a-z]{3}$/);
  });

  it('holds back text that could be a stop string and never sends it', async () => {
    const stream = await postStream(engine.url, '/v1/chat/completions', { messages, stream: true, stop: ['-b'], structured_outputs: { choice: ['alpha-beta'] } });
    const chunks = parsed(stream.data);
    expect(chunks.slice(1, -1).map((chunk) => chunk.choices[0].delta.content).join('')).toBe('alpha');
    expect(chunks[chunks.length - 1].choices[0]).toMatchObject({ finish_reason: 'stop', stop_reason: '-b' });
  });

  it('sends whole characters only, one chunk per completed character', async () => {
    const stream = await postStream(engine.url, '/v1/chat/completions', { messages, stream: true, structured_outputs: { choice: ['naïve €5'] } });
    const pieces = parsed(stream.data)
      .slice(1, -1)
      .map((chunk) => chunk.choices[0].delta.content);
    expect(pieces).toEqual(['n', 'a', 'ï', 'v', 'e', ' ', '€', '5']);
  });
});

describe('OpenAI completion streams', () => {
  it('send text pieces, a finish chunk and [DONE]', async () => {
    const body = { prompt: 'x', seed: 8, structured_outputs: { grammar } };
    const whole = await post(engine.url, '/v1/completions', body);
    const chunks = parsed((await postStream(engine.url, '/v1/completions', { ...body, stream: true })).data);
    expect(chunks.every((chunk) => chunk.object === 'text_completion')).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0].text).join('')).toBe(whole.json.choices[0].text);
    expect(chunks[chunks.length - 1].choices[0]).toMatchObject({ text: '', finish_reason: 'stop' });
  });
});

describe('SGLang /generate streams', () => {
  it('send the whole text so far in each event, then the final meta_info and [DONE]', async () => {
    const body = { text: 'x', sampling_params: { ebnf: grammar, sampling_seed: 2 } };
    const whole = await post(engine.url, '/generate', body);
    const events = parsed((await postStream(engine.url, '/generate', { ...body, stream: true })).data);
    const texts = events.map((event) => event.text as string);
    for (let index = 1; index < texts.length; index += 1) expect(texts[index]!.startsWith(texts[index - 1]!)).toBe(true);
    const last = events[events.length - 1];
    expect(last.text).toBe(whole.json.text);
    expect(last.meta_info).toEqual({ ...whole.json.meta_info, id: last.meta_info.id });
    expect(events.slice(0, -1).every((event) => event.meta_info.finish_reason === null)).toBe(true);
  });
});

describe('llama.cpp /completion streams', () => {
  it('send content pieces with stop false, then one stop true event, and no [DONE]', async () => {
    const body = { prompt: 'x', seed: 6, grammar };
    const whole = await post(engine.url, '/completion', body);
    const stream = await postStream(engine.url, '/completion', { ...body, stream: true });
    expect(stream.raw).not.toContain('[DONE]');
    const events = stream.data.map((line) => JSON.parse(line));
    const last = events[events.length - 1];
    expect(last).toMatchObject({ content: '', stop: true, stop_type: 'eos', tokens_predicted: whole.json.tokens_predicted });
    const pieces = events.slice(0, -1);
    expect(pieces.every((event) => event.stop === false)).toBe(true);
    expect(pieces.map((event) => event.content).join('')).toBe(whole.json.content);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { get, post } from './http.js';

const chatPrompt = 'user: hi\nassistant: ';
const messages = [{ role: 'user', content: 'hi' }];
const person = {
  type: 'object',
  properties: { name: { type: 'string', maxLength: 8 }, admin: { type: 'boolean' } },
  required: ['name', 'admin'],
  additionalProperties: false,
};

let engine: ReferenceEngine;

beforeAll(async () => {
  engine = await startReferenceEngine({ port: 0 });
});

afterAll(async () => {
  await engine.close();
});

function lastRecord() {
  return engine.requests[engine.requests.length - 1]!;
}

function expectPerson(text: string): void {
  const value = JSON.parse(text) as Record<string, unknown>;
  expect(Object.keys(value).sort()).toEqual(['admin', 'name']);
  expect(typeof value.name).toBe('string');
  expect([...(value.name as string)].length).toBeLessThanOrEqual(8);
  expect(typeof value.admin).toBe('boolean');
}

describe('info routes', () => {
  it('GET /health answers ok', async () => {
    const answer = await get(engine.url, '/health');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'ok' });
  });

  it('GET /v1/models lists the one model', async () => {
    const answer = await get(engine.url, '/v1/models');
    expect(answer.status).toBe(200);
    expect(answer.json.object).toBe('list');
    expect(answer.json.data.map((model: { id: string }) => model.id)).toEqual(['reference-engine']);
  });

  it('answers 404 for an unknown path and 405 for a wrong method', async () => {
    expect((await get(engine.url, '/v1/embeddings')).status).toBe(404);
    const wrongMethod = await get(engine.url, '/v1/completions');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.json.error.message).toBe('/v1/completions takes POST');
  });
});

describe('POST /v1/chat/completions', () => {
  it('enforces structured_outputs.regex and reports usage in byte tokens', async () => {
    const answer = await post(engine.url, '/v1/chat/completions', { model: 'qwen', messages, seed: 3, structured_outputs: { regex: '[a-z]{2,6}-\\d{3}' } });
    expect(answer.status).toBe(200);
    expect(answer.json.object).toBe('chat.completion');
    expect(answer.json.model).toBe('qwen');
    const [choice] = answer.json.choices;
    expect(choice.message.role).toBe('assistant');
    expect(choice.message.content).toMatch(/^[a-z]{2,6}-\d{3}$/);
    expect(choice.finish_reason).toBe('stop');
    const completionTokens = Buffer.byteLength(choice.message.content) + 1;
    expect(answer.json.usage).toEqual({ prompt_tokens: Buffer.byteLength(chatPrompt), completion_tokens: completionTokens, total_tokens: 20 + completionTokens });
    expect(lastRecord().constraint).toEqual({ kind: 'regex', source: 'structured_outputs.regex' });
    expect(lastRecord().ignoredFields).toEqual([]);
    expect(lastRecord().status).toBe(200);
  });

  it('enforces structured_outputs.choice, quotes and non-ASCII included', async () => {
    const choices = ['yes', 'no', 'say "maybe"', 'naïve'];
    const seen = new Set<string>();
    for (let seed = 0; seed < 30; seed += 1) {
      const answer = await post(engine.url, '/v1/chat/completions', { messages, seed, structured_outputs: { choice: choices } });
      expect(answer.status).toBe(200);
      seen.add(answer.json.choices[0].message.content);
    }
    expect([...seen].every((content) => choices.includes(content))).toBe(true);
    expect(seen.size).toBe(4);
  });

  it('enforces structured_outputs.json given as an object or as a JSON string', async () => {
    for (const json of [person, JSON.stringify(person)]) {
      const answer = await post(engine.url, '/v1/chat/completions', { messages, seed: 11, structured_outputs: { json } });
      expect(answer.status).toBe(200);
      expectPerson(answer.json.choices[0].message.content);
      expect(lastRecord().constraint).toEqual({ kind: 'json_schema', source: 'structured_outputs.json' });
    }
  });

  it('enforces structured_outputs.grammar (XGrammar EBNF)', async () => {
    const grammar = 'root ::= "def " [a-z]+ "(" [a-z]* "):"';
    const answer = await post(engine.url, '/v1/chat/completions', { messages, seed: 5, structured_outputs: { grammar } });
    expect(answer.status).toBe(200);
    expect(answer.json.choices[0].message.content).toMatch(/^def [a-z]+\([a-z]*\):$/);
  });

  it('enforces structured_outputs.json_object and response_format json_object', async () => {
    const fromStructured = await post(engine.url, '/v1/chat/completions', { messages, seed: 2, structured_outputs: { json_object: true } });
    expect(() => JSON.parse(fromStructured.json.choices[0].message.content)).not.toThrow();
    const fromFormat = await post(engine.url, '/v1/chat/completions', { messages, seed: 2, response_format: { type: 'json_object' } });
    expect(() => JSON.parse(fromFormat.json.choices[0].message.content)).not.toThrow();
    expect(lastRecord().constraint).toEqual({ kind: 'json_object', source: 'response_format.json_object' });
  });

  it('honours structured_outputs.disable_any_whitespace', async () => {
    for (let seed = 0; seed < 20; seed += 1) {
      const answer = await post(engine.url, '/v1/chat/completions', { messages, seed, structured_outputs: { json: person, disable_any_whitespace: true } });
      const content: string = answer.json.choices[0].message.content;
      expectPerson(content);
      expect(content).toMatch(/^\{"name": "[^"]*", "admin": (true|false)\}$/);
    }
  });

  it('enforces structured_outputs.structural_tag (XGrammar structural-tag format)', async () => {
    const structuralTag = { type: 'structural_tag', format: { type: 'tag', begin: '<call>', content: { type: 'json_schema', json_schema: person }, end: '</call>' } };
    const answer = await post(engine.url, '/v1/chat/completions', { messages, seed: 2, structured_outputs: { structural_tag: JSON.stringify(structuralTag) } });
    const content: string = answer.json.choices[0].message.content;
    expect(content.startsWith('<call>')).toBe(true);
    expect(content.endsWith('</call>')).toBe(true);
    expectPerson(content.slice('<call>'.length, -'</call>'.length));
  });

  it('enforces response_format json_schema', async () => {
    const answer = await post(engine.url, '/v1/chat/completions', {
      messages,
      seed: 8,
      response_format: { type: 'json_schema', json_schema: { name: 'person', schema: person, strict: true } },
    });
    expect(answer.status).toBe(200);
    expectPerson(answer.json.choices[0].message.content);
    expect(lastRecord().constraint).toEqual({ kind: 'json_schema', source: 'response_format.json_schema' });
  });

  it('treats response_format text as no constraint', async () => {
    const answer = await post(engine.url, '/v1/chat/completions', { messages, seed: 1, response_format: { type: 'text' } });
    expect(answer.status).toBe(200);
    expect(answer.json.choices[0].message.content).toMatch(/^[\x20-\x7e\n]*$/);
    expect(lastRecord().constraint).toBeUndefined();
  });

  it('accepts the SGLang extras ebnf and regex', async () => {
    const ebnf = await post(engine.url, '/v1/chat/completions', { messages, seed: 4, ebnf: 'root ::= ("ab" | "cd")+' });
    expect(ebnf.json.choices[0].message.content).toMatch(/^(ab|cd)+$/);
    expect(lastRecord().constraint).toEqual({ kind: 'grammar', source: 'ebnf' });
    const regex = await post(engine.url, '/v1/chat/completions', { messages, seed: 4, regex: '0x[0-9a-f]{4}' });
    expect(regex.json.choices[0].message.content).toMatch(/^0x[0-9a-f]{4}$/);
    expect(lastRecord().constraint).toEqual({ kind: 'regex', source: 'regex' });
  });

  it('accepts the llama.cpp extras grammar and json_schema', async () => {
    const grammar = await post(engine.url, '/v1/chat/completions', { messages, seed: 6, grammar: 'root ::= [0-9]{2} ":" [0-9]{2}' });
    expect(grammar.json.choices[0].message.content).toMatch(/^\d{2}:\d{2}$/);
    const schema = await post(engine.url, '/v1/chat/completions', { messages, seed: 6, json_schema: person });
    expectPerson(schema.json.choices[0].message.content);
  });

  it('honours max_tokens with finish_reason length', async () => {
    const answer = await post(engine.url, '/v1/chat/completions', { messages, seed: 9, max_tokens: 5, structured_outputs: { regex: '[a-z]{10,20}' } });
    const [choice] = answer.json.choices;
    expect(choice.finish_reason).toBe('length');
    expect(choice.message.content).toMatch(/^[a-z]{5}$/);
    expect(answer.json.usage.completion_tokens).toBe(5);
    const zero = await post(engine.url, '/v1/chat/completions', { messages, max_completion_tokens: 0 });
    expect(zero.json.choices[0]).toMatchObject({ message: { content: '' }, finish_reason: 'length' });
  });

  it('cuts at a stop string and names it', async () => {
    const answer = await post(engine.url, '/v1/chat/completions', { messages, structured_outputs: { choice: ['alpha-beta'] }, stop: ['-', 'zzz'] });
    expect(answer.json.choices[0]).toMatchObject({ message: { content: 'alpha' }, finish_reason: 'stop', stop_reason: '-' });
  });

  it('picks the best-scored token at temperature 0', async () => {
    const answer = await post(engine.url, '/v1/chat/completions', { messages, temperature: 0, seed: 123, grammar: 'root ::= "-" | "a"' });
    expect(answer.json.choices[0].message.content).toBe('a');
  });
});

describe('POST /v1/completions', () => {
  it('completes a prompt under a regex and counts the prompt in bytes', async () => {
    const prompt = 'déf name = ';
    const answer = await post(engine.url, '/v1/completions', { prompt, seed: 12, structured_outputs: { regex: '"[a-z_]{1,12}"' } });
    expect(answer.status).toBe(200);
    expect(answer.json.object).toBe('text_completion');
    expect(answer.json.choices[0].text).toMatch(/^"[a-z_]{1,12}"$/);
    expect(answer.json.usage.prompt_tokens).toBe(12);
  });
});

describe('POST /generate (SGLang native)', () => {
  it('enforces sampling_params.ebnf, regex and json_schema (a JSON string)', async () => {
    const ebnf = await post(engine.url, '/generate', { text: 'x', sampling_params: { ebnf: 'root ::= "fn " [a-z]+ "()"', sampling_seed: 1 } });
    expect(ebnf.status).toBe(200);
    expect(ebnf.json.text).toMatch(/^fn [a-z]+\(\)$/);
    expect(ebnf.json.meta_info).toMatchObject({ finish_reason: { type: 'stop', matched: 256 }, prompt_tokens: 1, completion_tokens: ebnf.json.text.length + 1 });
    const regex = await post(engine.url, '/generate', { text: 'x', sampling_params: { regex: '[A-Z]{3}' } });
    expect(regex.json.text).toMatch(/^[A-Z]{3}$/);
    const schema = await post(engine.url, '/generate', { text: 'x', sampling_params: { json_schema: JSON.stringify(person) } });
    expectPerson(schema.json.text);
    expect(lastRecord().constraint).toEqual({ kind: 'json_schema', source: 'sampling_params.json_schema' });
  });

  it('honours max_new_tokens', async () => {
    const answer = await post(engine.url, '/generate', { text: 'x', sampling_params: { regex: '[a-z]{10,20}', max_new_tokens: 4 } });
    expect(answer.json.text).toMatch(/^[a-z]{4}$/);
    expect(answer.json.meta_info.finish_reason).toEqual({ type: 'length', length: 4 });
  });

  it('refuses two constraints in sampling_params', async () => {
    const answer = await post(engine.url, '/generate', { text: 'x', sampling_params: { regex: 'a', ebnf: 'root ::= "a"' } });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe(
      'You can only use one kind of structured outputs constraint but multiple are specified: sampling_params.regex, sampling_params.ebnf',
    );
  });
});

describe('POST /completion (llama.cpp native)', () => {
  it('enforces a GBNF grammar', async () => {
    const grammar = 'root ::= item ("," item)*\nitem ::= [0-9]+ | "\\"" [a-z]* "\\""\n';
    const answer = await post(engine.url, '/completion', { prompt: 'x', grammar, seed: 3 });
    expect(answer.status).toBe(200);
    expect(answer.json.content).toMatch(/^([0-9]+|"[a-z]*")(,([0-9]+|"[a-z]*"))*$/);
    expect(answer.json).toMatchObject({ stop: true, stop_type: 'eos', tokens_predicted: Buffer.byteLength(answer.json.content) + 1, tokens_evaluated: 1 });
  });

  it('enforces json_schema', async () => {
    const answer = await post(engine.url, '/completion', { prompt: 'x', json_schema: person, seed: 3 });
    expectPerson(answer.json.content);
  });

  it('honours n_predict with stop_type limit', async () => {
    const answer = await post(engine.url, '/completion', { prompt: 'x', grammar: 'root ::= [a-z]{10,20}', n_predict: 3 });
    expect(answer.json).toMatchObject({ stop_type: 'limit', tokens_predicted: 3 });
    expect(answer.json.content).toMatch(/^[a-z]{3}$/);
  });

  it('refuses grammar and json_schema together, as llama.cpp does', async () => {
    const answer = await post(engine.url, '/completion', { prompt: 'x', grammar: 'root ::= "a"', json_schema: person });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: { message: 'Either "json_schema" or "grammar" can be specified, but not both', type: 'invalid_request_error', param: null, code: 400 },
    });
    const onChat = await post(engine.url, '/v1/chat/completions', { messages, grammar: 'root ::= "a"', json_schema: person });
    expect(onChat.status).toBe(400);
    const nullIsAbsent = await post(engine.url, '/completion', { prompt: 'x', grammar: 'root ::= "a"', json_schema: null });
    expect(nullIsAbsent.json.content).toBe('a');
  });
});

describe('refusals', () => {
  it('refuses several structured_outputs at once, and structured_outputs with response_format', async () => {
    const several = await post(engine.url, '/v1/chat/completions', { messages, structured_outputs: { regex: 'a', choice: ['a'] } });
    expect(several.status).toBe(400);
    expect(several.json.error.message).toBe(
      'You can only use one kind of structured outputs constraint but multiple are specified: structured_outputs.regex, structured_outputs.choice',
    );
    const mixed = await post(engine.url, '/v1/chat/completions', { messages, structured_outputs: { regex: 'a' }, response_format: { type: 'json_object' } });
    expect(mixed.status).toBe(400);
  });

  it('refuses Lark grammars with a message that says what to send instead', async () => {
    const lark = 'start: NAME "(" ")"\nNAME: /[a-z]+/\n';
    for (const [path, body] of [
      ['/v1/chat/completions', { messages, structured_outputs: { grammar: lark } }],
      ['/v1/chat/completions', { messages, structured_outputs: { grammar: `%llguidance {}\n${lark}` } }],
      ['/completion', { prompt: 'x', grammar: lark }],
    ] as const) {
      const answer = await post(engine.url, path, body);
      expect(answer.status).toBe(400);
      expect(answer.json.error.message).toMatch(/Lark \(llguidance syntax\), which XGrammar cannot enforce: send XGrammar EBNF or GBNF/);
    }
  });

  it('passes on XGrammar\'s own parse error, and keeps serving afterwards', async () => {
    const bad = await post(engine.url, '/v1/chat/completions', { messages, structured_outputs: { grammar: 'root ::= "a" | ' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe('structured_outputs.grammar was rejected by XGrammar: EBNF parser error at line 1, column 16: Expect element, but got');
    expect(bad.json.error.param).toBe('structured_outputs.grammar');
    const good = await post(engine.url, '/v1/chat/completions', { messages, structured_outputs: { grammar: 'root ::= "ok"' } });
    expect(good.status).toBe(200);
    expect(good.json.choices[0].message.content).toBe('ok');
  });

  it('refuses an undefined rule, a bad regex and a schema that is not JSON', async () => {
    const undefinedRule = await post(engine.url, '/completion', { prompt: 'x', grammar: 'root ::= item' });
    expect(undefinedRule.status).toBe(400);
    expect(undefinedRule.json.error.message).toMatch(/^grammar was rejected by XGrammar: .*item/);
    const regex = await post(engine.url, '/generate', { text: 'x', sampling_params: { regex: '[a-' } });
    expect(regex.status).toBe(400);
    expect(regex.json.error.message).toMatch(/^sampling_params\.regex was rejected by XGrammar: ./);
    const schema = await post(engine.url, '/generate', { text: 'x', sampling_params: { json_schema: '{"type":' } });
    expect(schema.status).toBe(400);
    expect(schema.json.error.message).toMatch(/^sampling_params\.json_schema is not valid JSON: /);
  });

  it('refuses a body that is not JSON, and bad parameters by name', async () => {
    const notJson = await post(engine.url, '/v1/completions', '{"prompt": ');
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.message).toMatch(/^request body is not valid JSON: /);
    const temperature = await post(engine.url, '/v1/completions', { prompt: 'x', temperature: 'hot' });
    expect(temperature.json.error).toMatchObject({ message: 'temperature must be a number', param: 'temperature' });
    const tooMany = await post(engine.url, '/v1/completions', { prompt: 'x', max_tokens: 100000 });
    expect(tooMany.json.error.message).toBe('max_tokens must be between 0 and 8192, got 100000');
    const noMessages = await post(engine.url, '/v1/chat/completions', { messages: [] });
    expect(noMessages.json.error.message).toBe('messages must be a non-empty list');
    const twoChoices = await post(engine.url, '/v1/completions', { prompt: 'x', n: 2 });
    expect(twoChoices.status).toBe(400);
  });
});

describe('legacy guided_* fields', () => {
  it('are ignored as vLLM >= 0.12 ignores them: 200, unconstrained output, listed as ignored', async () => {
    for (let seed = 0; seed < 20; seed += 1) {
      const answer = await post(engine.url, '/v1/chat/completions', { messages, seed, guided_regex: '[0-9]{3}' });
      expect(answer.status).toBe(200);
      expect(answer.json.choices[0].message.content).not.toMatch(/^[0-9]{3}$/);
      expect(lastRecord().ignoredFields).toEqual(['guided_regex']);
      expect(lastRecord().constraint).toBeUndefined();
    }
  });

  it('are listed as ignored next to the constraint that was applied', async () => {
    const answer = await post(engine.url, '/v1/completions', {
      prompt: 'x',
      guided_json: person,
      guided_choice: ['a'],
      guided_grammar: 'root ::= "a"',
      guided_decoding_backend: 'xgrammar',
      structured_outputs: { regex: '[0-9]{3}' },
    });
    expect(answer.json.choices[0].text).toMatch(/^[0-9]{3}$/);
    expect(lastRecord().ignoredFields).toEqual(['guided_json', 'guided_grammar', 'guided_choice', 'guided_decoding_backend']);
    expect(lastRecord().constraint).toEqual({ kind: 'regex', source: 'structured_outputs.regex' });
  });

  it('are ignored by the native routes too', async () => {
    await post(engine.url, '/generate', { text: 'x', sampling_params: { guided_regex: 'a' } });
    expect(lastRecord().ignoredFields).toEqual(['sampling_params.guided_regex']);
    await post(engine.url, '/completion', { prompt: 'x', guided_json: person });
    expect(lastRecord().ignoredFields).toEqual(['guided_json']);
  });
});

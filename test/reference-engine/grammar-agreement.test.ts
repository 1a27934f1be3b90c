/**
 * The engine's whole promise: whatever it generates under a constraint is accepted by that same
 * constraint when checked again from scratch (a fresh XGrammar grammar from the same text, and an
 * independent checker where one exists: JS RegExp, Ajv). 100 seeds per dialect.
 */
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { loadXGrammar, type Grammar, type XGrammar } from '../../tools/reference-engine/xgrammar.js';
import { post } from './http.js';

const SEEDS = Array.from({ length: 100 }, (_, index) => index + 1);

const FUNCTION_EBNF = `root ::= "fn " name "(" params? ") -> " type
name ::= [a-z] [a-z0-9_]{0,7}
params ::= param (", " param){0,2}
param ::= name ": " type
type ::= "i32" | "bool" | "String" | "Vec<" type ">"
`;

const LIST_GBNF = `# a llama.cpp grammar: comments, character classes, negation, bounded repetition
root   ::= "[" ws item ("," ws item){0,3} ws "]"
item   ::= number | string
number ::= "-"? [0-9]{1,4}
string ::= "\\"" [^"\\\\\\n]{0,6} "\\""
ws     ::= [ ]?
`;

const IDENTIFIER_REGEX = '(get|set|is)_[a-z]{1,8}(_[0-9]{1,3})?';

const HANDLER_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 12 },
    method: { enum: ['GET', 'POST', 'DELETE'] },
    retries: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string', maxLength: 5 }, maxItems: 3 },
    auth: { type: 'boolean' },
  },
  required: ['name', 'method', 'auth'],
  additionalProperties: false,
};

let engine: ReferenceEngine;
let xgrammar: XGrammar;

beforeAll(async () => {
  engine = await startReferenceEngine({ port: 0 });
  xgrammar = await loadXGrammar();
});

afterAll(async () => {
  await engine.close();
});

async function acceptedByAll(grammar: Grammar, outputs: readonly string[]): Promise<string[]> {
  const rejected: string[] = [];
  for (const output of outputs) {
    if (!(await xgrammar.Testings.isGrammarAcceptString(grammar, output))) rejected.push(output);
  }
  grammar.dispose();
  return rejected;
}

describe('outputs stay inside the grammar that constrained them (100 seeds each)', () => {
  it('XGrammar EBNF through vLLM structured_outputs.grammar', async () => {
    const outputs: string[] = [];
    for (const seed of SEEDS) {
      const answer = await post(engine.url, '/v1/chat/completions', { messages: [{ role: 'user', content: 'write a signature' }], seed, max_tokens: 400, structured_outputs: { grammar: FUNCTION_EBNF } });
      expect(answer.json.choices[0].finish_reason).toBe('stop');
      outputs.push(answer.json.choices[0].message.content);
    }
    expect(await acceptedByAll(await xgrammar.Grammar.fromEBNF(FUNCTION_EBNF), outputs)).toEqual([]);
    expect(outputs.every((output) => /^fn [a-z][a-z0-9_]{0,7}\(.*\) -> \S+$/.test(output))).toBe(true);
    expect(new Set(outputs).size).toBeGreaterThan(90);
  });

  it('GBNF through llama.cpp /completion grammar', async () => {
    const outputs: string[] = [];
    for (const seed of SEEDS) {
      const answer = await post(engine.url, '/completion', { prompt: 'a list:', seed, n_predict: 400, grammar: LIST_GBNF });
      expect(answer.json.stop_type).toBe('eos');
      outputs.push(answer.json.content);
    }
    expect(await acceptedByAll(await xgrammar.Grammar.fromEBNF(LIST_GBNF), outputs)).toEqual([]);
    const independent = /^\[ ?(-?[0-9]{1,4}|"[^"\\\n]{0,6}")(, ?(-?[0-9]{1,4}|"[^"\\\n]{0,6}")){0,3} ?\]$/u;
    expect(outputs.filter((output) => !independent.test(output))).toEqual([]);
  });

  it('regex through SGLang /generate sampling_params.regex', async () => {
    const outputs: string[] = [];
    for (const seed of SEEDS) {
      const answer = await post(engine.url, '/generate', { text: 'name it:', sampling_params: { regex: IDENTIFIER_REGEX, sampling_seed: seed, max_new_tokens: 400 } });
      expect(answer.json.meta_info.finish_reason.type).toBe('stop');
      outputs.push(answer.json.text);
    }
    expect(await acceptedByAll(await xgrammar.Grammar.fromStructuralTag({ type: 'regex', pattern: IDENTIFIER_REGEX }), outputs)).toEqual([]);
    const independent = new RegExp(`^(?:${IDENTIFIER_REGEX})$`);
    expect(outputs.filter((output) => !independent.test(output))).toEqual([]);
  });

  it('JSON Schema through response_format json_schema, checked by Ajv too', async () => {
    const outputs: string[] = [];
    for (const seed of SEEDS) {
      const answer = await post(engine.url, '/v1/completions', {
        prompt: 'a handler config:',
        seed,
        max_tokens: 400,
        response_format: { type: 'json_schema', json_schema: { name: 'handler', schema: HANDLER_SCHEMA } },
      });
      expect(answer.json.choices[0].finish_reason).toBe('stop');
      outputs.push(answer.json.choices[0].text);
    }
    expect(await acceptedByAll(await xgrammar.Grammar.fromJSONSchema(JSON.stringify(HANDLER_SCHEMA)), outputs)).toEqual([]);
    const validate = new Ajv({ strict: false }).compile(HANDLER_SCHEMA);
    const invalid = outputs.filter((output) => !validate(JSON.parse(output)));
    expect(invalid).toEqual([]);
    expect(outputs.some((output) => /[^\x00-\x7f]/.test(output))).toBe(true);
    expect(outputs.filter((output) => output.includes('\uFFFD'))).toEqual([]);
  });
});

describe('determinism', () => {
  it('gives the same output for the same seed and request, and different outputs across seeds', async () => {
    const body = (seed: number) => ({ prompt: 'x', seed, structured_outputs: { regex: IDENTIFIER_REGEX } });
    const first: string[] = [];
    for (const seed of SEEDS.slice(0, 20)) {
      const once = await post(engine.url, '/v1/completions', body(seed));
      const twice = await post(engine.url, '/v1/completions', body(seed));
      expect(twice.json.choices[0].text).toBe(once.json.choices[0].text);
      first.push(once.json.choices[0].text);
    }
    expect(new Set(first).size).toBeGreaterThanOrEqual(18);
  });

  it('keeps the sampler stable: a pinned output for one seed', async () => {
    const answer = await post(engine.url, '/v1/completions', { prompt: 'x', seed: 7, structured_outputs: { regex: IDENTIFIER_REGEX } });
    expect(answer.json.choices[0].text).toBe(PINNED_SEED_7);
  });

  it('uses the server seed for requests without one', async () => {
    const seeded = await startReferenceEngine({ port: 0, seed: 42 });
    try {
      const withoutSeed = await post(seeded.url, '/v1/completions', { prompt: 'x', structured_outputs: { regex: IDENTIFIER_REGEX } });
      const explicit = await post(engine.url, '/v1/completions', { prompt: 'x', seed: 42, structured_outputs: { regex: IDENTIFIER_REGEX } });
      expect(withoutSeed.json.choices[0].text).toBe(explicit.json.choices[0].text);
    } finally {
      await seeded.close();
    }
  });

  it('cuts the same text at max_tokens: a shorter budget gives a prefix', async () => {
    const full = await post(engine.url, '/v1/completions', { prompt: 'x', seed: 3, structured_outputs: { grammar: FUNCTION_EBNF } });
    const text: string = full.json.choices[0].text;
    const cut = await post(engine.url, '/v1/completions', { prompt: 'x', seed: 3, max_tokens: 6, structured_outputs: { grammar: FUNCTION_EBNF } });
    expect(cut.json.choices[0].text).toBe(text.slice(0, 6));
    expect(cut.json.choices[0].finish_reason).toBe('length');
  });

  it('lets temperature widen the distribution: hotter sampling gives longer unconstrained text', async () => {
    const meanLength = async (temperature: number) => {
      let total = 0;
      for (const seed of SEEDS.slice(0, 40)) {
        const answer = await post(engine.url, '/v1/completions', { prompt: 'x', seed, temperature });
        total += answer.json.choices[0].text.length;
      }
      return total / 40;
    };
    const cold = await meanLength(0.2);
    const hot = await meanLength(1.5);
    expect(cold).toBeLessThan(12);
    expect(hot).toBeGreaterThan(cold * 1.5);
  });
});

const PINNED_SEED_7 = 'get_yervbp_794';

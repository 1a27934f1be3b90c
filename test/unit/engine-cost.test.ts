// The parts of bench/engine-cost.bench.ts that decide what is reported: rule counts per dialect,
// the text a function target is replayed with, and the XGrammar cost runner's outcomes (measured,
// a refused token and where, a grammar XGrammar refuses, a compile stopped past its limit).
// Nothing here asserts a time; the limits are generous because a 128k vocabulary is slow to load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostRunner } from '../../bench/lib/cost-runner.js';
import { countRules } from '../../bench/lib/fixture-targets.js';
import { dedented } from '../helpers/compile-targets.js';
import { llama3Tokenizer, type TextTokenizer } from '../../tools/reference-engine/llama3-vocabulary.js';

const LOAD_TIMEOUT_MS = 300_000;

describe('grammar size', () => {
  it('counts rule definitions per dialect, not continuation lines or comments', () => {
    expect(countRules('ebnf', 'root ::= a b\na ::= "x"\n  | "y"\n# c ::= "z"\nb-1 ::= [0-9]\n')).toBe(3);
    expect(countRules('gbnf', 'root ::= a\na ::= "x" # a ::= y\n')).toBe(2);
    expect(countRules('lark', '%llguidance {}\nstart: a B\n?a: "x"\n    | "y"\nB: /[0-9]+/\n// c: d\nd.2 : "q"\n')).toBe(4);
  });
});

describe('function text', () => {
  it('is the range, with the first line\'s indentation taken off the lines after it', () => {
    const file = 'class A:\n    def f(self):\n        return 1\n\nx = 2\n';
    expect(dedented(file, { start: { line: 2, column: 5 }, end: { line: 3, column: 17 } })).toBe('def f(self):\n    return 1');
  });
});

describe('the XGrammar cost runner, Llama-3 vocabulary', () => {
  let runner: CostRunner;
  let tokenizer: TextTokenizer;

  beforeAll(async () => {
    runner = new CostRunner();
    tokenizer = await llama3Tokenizer();
  }, LOAD_TIMEOUT_MS);

  afterAll(async () => {
    await runner?.close();
  });

  const grammar = 'root ::= "def " [a-z_]+ "(" [a-z_]* "):\\n    return " [0-9]+ "\\n"';

  it(
    'measures compile and mask over a text the grammar accepts',
    async () => {
      const tokens = tokenizer.encode('def answer():\n    return 42\n');
      const outcome = await runner.run({ source: { kind: 'ebnf', text: grammar }, tokens });
      expect(outcome.status).toBe('measured');
      if (outcome.status !== 'measured') return;
      expect(outcome.result).toMatchObject({ tokens: tokens.length, accepts_end: true });
      expect(outcome.result.rejected).toBeUndefined();
      expect(outcome.result.mask_us.samples).toBe(tokens.length);
      expect(outcome.result.compile_ms).toBeGreaterThan(0);
    },
    LOAD_TIMEOUT_MS,
  );

  it(
    'names the first token the grammar refuses',
    async () => {
      const tokens = tokenizer.encode('def answer():\n    return x\n');
      const outcome = await runner.run({ source: { kind: 'ebnf', text: grammar }, tokens });
      expect(outcome.status).toBe('measured');
      if (outcome.status !== 'measured') return;
      const index = tokens.findIndex((id) => tokenizer.decode([id]) === ' x');
      expect(outcome.result.rejected).toEqual({ index, id: tokens[index], text: ' x' });
      expect(outcome.result.mask_us.samples).toBe(index);
    },
    LOAD_TIMEOUT_MS,
  );

  it(
    "reports XGrammar's own message for a grammar it cannot read, and keeps working",
    async () => {
      const outcome = await runner.run({ source: { kind: 'ebnf', text: 'root ::= "a" | ' }, tokens: [] });
      expect(outcome).toEqual({ status: 'refused', message: expect.stringContaining('EBNF parser error at line 1') });
      expect((await runner.run({ source: { kind: 'builtin_json' }, tokens: tokenizer.encode('{"a": 1}') })).status).toBe('measured');
    },
    LOAD_TIMEOUT_MS,
  );

  it(
    'stops a compile past its limit, then starts afresh',
    async () => {
      // 400 rules of free text between distinct words: seconds of compile against 128k tokens, far past 1 ms.
      const rules = Array.from({ length: 400 }, (_, index) => `r${index} ::= "w${index}" [^;]* ";" r${index + 1}?`);
      const slow = ['root ::= r0', ...rules, 'r400 ::= "end"'].join('\n');
      const outcome = await runner.run({ source: { kind: 'ebnf', text: slow }, tokens: [] }, 1);
      expect(outcome).toMatchObject({ status: 'too_slow', limit_ms: 1 });
      expect((await runner.run({ source: { kind: 'builtin_json' }, tokens: tokenizer.encode('[1, 2]') })).status).toBe('measured');
    },
    LOAD_TIMEOUT_MS,
  );
});

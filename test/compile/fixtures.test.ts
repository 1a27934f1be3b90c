// The grammars compiled from constraints extracted from the fixtures are real: XGrammar accepts the
// fixtures' own code, rejects the same code with a banned call, a wrongly named declaration or a
// changed header, and every string the reference engine samples under a grammar passes the
// validator for every check the grammar claims to enforce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeParsers } from '../../src/cli/wasm-node.js';
import { compileConstraints } from '../../src/compile/compile.js';
import type { CompiledIR } from '../../src/constraints/compile-api.js';
import { validateOutput } from '../../src/validate/validate.js';
import { startReferenceEngine } from '../../tools/reference-engine/server.js';
import { extractFixtures } from '../helpers/extract.js';
import { FUNCTION_CASES, linesOf } from '../helpers/fixture-functions.js';
import { acceptance } from '../support/xgrammar.js';

const CASES = FUNCTION_CASES.filter((testCase) => testCase.language === 'typescript' || testCase.language === 'python');

describe.each(CASES)('$language grammar from $fixture', ({ language, fixture, target, lines, broken }) => {
  let ir: CompiledIR;
  const code = linesOf(fixture, lines[0], lines[1]);

  beforeAll(async () => {
    ir = compileConstraints({ set: await extractFixtures([fixture]), shape: 'function', target, dialects: ['ebnf', 'gbnf'] });
  });

  it('accepts the function as the codebase wrote it, in EBNF and GBNF', async () => {
    expect(await acceptance(ir.grammar.ebnf!, [code])).toEqual([true]);
    expect(await acceptance(ir.grammar.gbnf!, [code])).toEqual([true]);
  });

  it.each(Object.keys(broken))('rejects it with %s', async (name) => {
    const edited = broken[name]!(code);
    expect(edited).not.toBe(code);
    expect(await acceptance(ir.grammar.ebnf!, [edited])).toEqual([false]);
  });
});

describe('strings sampled under a grammar pass the validator of the same constraints', () => {
  let engine: Awaited<ReturnType<typeof startReferenceEngine>>;

  beforeAll(async () => {
    engine = await startReferenceEngine({ port: 0 });
  });

  afterAll(async () => {
    await engine.close();
  });

  it.each(CASES)('$language: every decode-time check holds on 25 samples', async ({ fixture, target, language }) => {
    const ir = compileConstraints({ set: await extractFixtures([fixture]), shape: 'function', target, dialects: ['ebnf'] });
    const parsers = await nodeParsers();
    const decodeTime = new Set(ir.validators.filter((validator) => validator.enforced_at_decode).map((validator) => validator.constraint_id));
    expect(decodeTime.size).toBeGreaterThan(3);
    let finished = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const response = await fetch(`${engine.url}/v1/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'reference', prompt: 'write it', max_tokens: 800, seed, structured_outputs: { grammar: ir.grammar.ebnf } }),
      });
      const body = (await response.json()) as { choices: { text: string; finish_reason: string }[] };
      const sample = body.choices[0]!;
      if (sample.finish_reason !== 'stop') continue;
      finished += 1;
      const report = validateOutput(parsers, { code: sample.text, language, shape: 'function' }, ir.constraints);
      expect(report.violated.filter((violation) => decodeTime.has(violation.constraint_id)).map((violation) => `${violation.check}: ${violation.message}`), `seed ${seed}: ${sample.text}`).toEqual([]);
    }
    console.log(`${language}: ${finished} of 25 samples ended inside the grammar before max_tokens`);
    expect(finished).toBeGreaterThanOrEqual(10);
  });
});

/**
 * GBNF writes `-` and `^` inside a character class as `\u002D` and `\u005E`
 * (src/compile/grammar/emit-gbnf.ts). This guards that choice through llama.cpp itself
 * (node-llama-cpp's CPU build, test/support/llama-cpp.ts): llama.cpp refuses `\^` in a class
 * ("unknown escape"), so a class holding `^` must use the `\u` form; `\-` is read as `-` by the
 * llama.cpp release pinned here, but older releases refused it (issue 14 built one from source),
 * and `\u002D` means `-` in every release and in XGrammar. The emitted form must parse and
 * accept exactly the class.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chars, GrammarBuilder, notChars, plus } from '../../src/compile/grammar/ast.js';
import { emitGbnf } from '../../src/compile/grammar/emit-gbnf.js';
import { llamaCpp, LlamaCppGrammarError, type LlamaCppJudge } from '../support/llama-cpp.js';

let judge: LlamaCppJudge;
beforeAll(async () => {
  judge = await llamaCpp();
}, 120_000);

const INPUTS = ['-', '^', 'a', 'z', 'b', 'a-z^'];

function emitted(body: ReturnType<typeof chars>): string {
  return emitGbnf(new GrammarBuilder('root').rule('root', plus(body)).build());
}

describe(`GBNF class escapes through llama.cpp`, () => {
  it('llama.cpp refuses \\^ inside a class, plain or negated', async () => {
    for (const gbnf of ['root ::= [\\^a]+', 'root ::= [^\\^a]+']) {
      const error = await judge.parse(gbnf).then(() => undefined, (caught: unknown) => caught);
      expect(error, gbnf).toBeInstanceOf(LlamaCppGrammarError);
      expect((error as Error).message).toContain('unknown escape');
    }
  });

  it(`\\- is read as "-" by the llama.cpp release of node-llama-cpp 3.21.1, the same as \\u002D`, async () => {
    expect(judge.release).toMatch(/llama\.cpp/);
    const backslash = await judge.acceptance('root ::= [a\\-z]+', INPUTS);
    const unicode = await judge.acceptance('root ::= [a\\u002Dz]+', INPUTS);
    expect(backslash).toEqual(unicode);
  });

  it('the emitter writes a class holding - and ^ with \\u002D and \\u005E, which llama.cpp parses and reads exactly', async () => {
    const gbnf = emitted(chars('a\\-z\\^'));
    expect(gbnf).toContain('\\u002D');
    expect(gbnf).toContain('\\u005E');
    expect(gbnf).not.toMatch(/\\[-^]/);
    // The class is {a, -, z, ^}: not the range a-z.
    expect(await judge.acceptance(gbnf, INPUTS)).toEqual([true, true, true, true, false, true]);
  });

  it('a negated class without - and ^ is read exactly too', async () => {
    const gbnf = emitted(notChars('\\-\\^'));
    expect(gbnf).not.toMatch(/\\[-^]/);
    expect(await judge.acceptance(gbnf, INPUTS)).toEqual([false, false, true, true, true, false]);
  });
});

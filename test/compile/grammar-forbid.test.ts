import { describe, expect, it } from 'vitest';
import { compileRegex } from '../../src/compile/grammar/automaton.js';
import { CodeSet } from '../../src/compile/grammar/charset.js';
import { dfaAccepts, stateCount } from '../../src/compile/grammar/dfa.js';
import { emitEbnf } from '../../src/compile/grammar/emit-ebnf.js';
import { emitGbnf } from '../../src/compile/grammar/emit-gbnf.js';
import { emitLark } from '../../src/compile/grammar/emit-lark.js';
import { avoidDfa, avoidGrammar, identifierWithout } from '../../src/compile/grammar/forbid.js';
import { neededWord } from '../../src/compile/grammar/lexical/constraints.js';
import { checkLark, larkToGrammar } from '../../src/compile/grammar/lark-check.js';
import * as R from '../../src/compile/grammar/regular.js';
import { isAnankeError } from '../../src/errors.js';
import { acceptance } from '../support/xgrammar.js';

function allStrings(alphabet: string, maxLength: number): string[] {
  const out = [''];
  let layer = [''];
  for (let length = 1; length <= maxLength; length++) {
    layer = layer.flatMap((prefix) => [...alphabet].map((char) => prefix + char));
    out.push(...layer);
  }
  return out;
}

describe('forbid automaton', () => {
  it('is the minimal Aho-Corasick automaton of the patterns', () => {
    expect(stateCount(avoidDfa(['eval(']))).toBe(5);
    // "she" and "hers" contain "he": only "he" and "his" matter.
    expect(stateCount(avoidDfa(['he', 'she', 'his', 'hers']))).toBe(3);
    expect(stateCount(avoidDfa(['abab']))).toBe(4);
    expect(stateCount(avoidDfa(['aa', 'aaa']))).toBe(2);
  });

  it('accepts exactly the strings that contain no pattern (all strings up to length 6)', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'rr'];
    const dfa = avoidDfa(patterns);
    const mismatches = allStrings('ehirsx', 6).filter((input) => dfaAccepts(dfa, input) !== !patterns.some((pattern) => input.includes(pattern)));
    expect(mismatches).toEqual([]);
  });

  it('is printed as one rule per state, with the other characters as one class', () => {
    expect(emitEbnf(avoidGrammar(['eval(', 'exec']))).toBe([
      'root ::= avoid-0',
      'avoid-0 ::= [^e] avoid-0 | [e] avoid-1 | ""',
      'avoid-1 ::= [^evx] avoid-0 | [e] avoid-1 | [v] avoid-2 | [x] avoid-3 | ""',
      'avoid-2 ::= [^ae] avoid-0 | [a] avoid-4 | [e] avoid-1 | ""',
      'avoid-3 ::= [^e] avoid-0 | [e] avoid-5 | ""',
      'avoid-4 ::= [^el] avoid-0 | [e] avoid-1 | [l] avoid-6 | ""',
      'avoid-5 ::= [^cevx] avoid-0 | [e] avoid-1 | [v] avoid-2 | [x] avoid-3 | ""',
      'avoid-6 ::= [^(e] avoid-0 | [e] avoid-1 | ""',
      '',
    ].join('\n'));
  });

  it('XGrammar accepts text without the patterns and rejects text with them, in EBNF and GBNF', async () => {
    const grammar = avoidGrammar(['eval(', 'exec', 'innerHTML']);
    const inputs = ['const x = evaluate(1);', 'é😀 executor', 'el.inner = 1', 'eval(1)', 'x; exec', 'a.innerHTML = b', 'eveval(', ''];
    const expected = [true, false, true, false, false, false, false, true];
    expect(await acceptance(emitEbnf(grammar), inputs)).toEqual(expected);
    expect(await acceptance(emitGbnf(grammar), inputs)).toEqual(expected);
  });

  it('prints as an llguidance terminal with & and ~, or as rules, and both mean the same', async () => {
    const grammar = avoidGrammar(['eval(', 'exec']);
    const terminal = emitLark(grammar, { regular: 'terminals' });
    expect(terminal).toBe('start: TEXT\nTEXT: /(?s:.*)/ & ~/(?s:.*)(?:eval\\(|exec)(?s:.*)/\n');
    const inputs = ['ok eval', 'eval(x)', 'exe c', 'execute'];
    for (const text of [terminal, emitLark(grammar, { regular: 'rules' })]) {
      expect(await acceptance(emitEbnf(larkToGrammar(checkLark(text))), inputs)).toEqual([true, false, true, false]);
    }
  });

  it('limits the text to an alphabet when asked', async () => {
    const grammar = avoidGrammar(['ab'], CodeSet.parse('a-c'));
    expect(await acceptance(emitEbnf(grammar), ['ccba', 'cab', 'cad', ''])).toEqual([true, false, false, true]);
  });

  it('removes banned words from an identifier language', () => {
    const identifier = R.cat(R.cls('A-Za-z_$'), R.many(R.cls('A-Za-z0-9_$')));
    const dfa = compileRegex(identifierWithout(identifier, ['eval', 'exec']));
    expect(['eval', 'exec', 'evaluate', 'exe', '_eval', 'Eval', '1x'].map((name) => dfaAccepts(dfa, name))).toEqual([false, false, true, true, true, true, false]);
  });

  it('finds the code word a forbidden substring needs, bounded where the pattern bounds it', () => {
    expect(neededWord('typescript', 'document.write(')).toEqual({ fragment: 'document', before: true, after: false });
    expect(neededWord('typescript', 'innerHTML')).toEqual({ fragment: 'innerHTML', before: true, after: true });
    expect(neededWord('python', 'os.system(')).toEqual({ fragment: 'system', before: false, after: false });
    expect(neededWord('python', 'shell=True')).toEqual({ fragment: 'shell', before: true, after: false });
    expect(neededWord('go', 'exec.Command("sh"')).toEqual({ fragment: 'Command', before: false, after: false });
    expect(neededWord('java', 'Runtime.getRuntime().exec(')).toEqual({ fragment: 'getRuntime', before: false, after: false });
    expect(neededWord('python', '${')).toBeUndefined();
    expect(neededWord('typescript', '"only in a string"')).toBeUndefined();
  });

  it('throws a 422 past the pattern budgets', () => {
    const many = Array.from({ length: 201 }, (_, index) => `p${index}`);
    const failure = (() => {
      try {
        avoidDfa(many);
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(isAnankeError(failure) && [failure.status, failure.code, failure.details]).toEqual([422, 'unprocessable', { limit: 'maxForbidPatterns', actual: 201, max: 200 }]);
    expect(() => avoidDfa(['x'.repeat(201)])).toThrow('grammar limit maxPatternLength exceeded: 201 > 200');
  });

  it('throws a 422 when the automaton would pass its state budget, before building it', () => {
    let seed = 7;
    const letter = (): string => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 'abcdefghijklmnopqrstuvwxyz'[seed % 26]!;
    };
    const patterns = Array.from({ length: 150 }, () => Array.from({ length: 150 }, letter).join(''));
    const started = performance.now();
    expect(() => avoidDfa(patterns)).toThrow(/^grammar limit maxAutomatonStates exceeded: 2\d{4} > 20000$/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('an empty pattern forbids everything', () => {
    const dfa = avoidDfa(['']);
    expect(dfaAccepts(dfa, '')).toBe(false);
    expect(dfaAccepts(dfa, 'a')).toBe(false);
  });
});

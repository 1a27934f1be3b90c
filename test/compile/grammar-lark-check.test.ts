import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRegex } from '../../src/compile/grammar/automaton.js';
import { dfaAccepts } from '../../src/compile/grammar/dfa.js';
import { checkLark, LarkCheckError, parseRustRegex } from '../../src/compile/grammar/lark-check.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'lark');

function fixture(kind: 'valid' | 'invalid', name: string): string {
  return readFileSync(join(FIXTURES, kind, name), 'utf8');
}

function failureOf(text: string): [number, number, string] | undefined {
  try {
    checkLark(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof LarkCheckError)) throw error;
    return [error.line, error.column, error.reason];
  }
}

describe('llguidance Lark checker', () => {
  it('accepts grammars written from the documented syntax', () => {
    const names = readdirSync(join(FIXTURES, 'valid')).sort();
    expect(names).toEqual([
      'and-not.lark', 'expressions.lark', 'ignore-once.lark', 'inline-json.lark', 'lexeme-options.lark',
      'multi-line.lark', 'regex-ext.lark', 'repetition.lark', 'special-tokens.lark', 'terminals-compose.lark',
    ]);
    const counts = Object.fromEntries(names.map((name) => [name, checkLark(fixture('valid', name)).definitions.length]));
    expect(counts).toEqual({
      'and-not.lark': 3, 'expressions.lark': 6, 'ignore-once.lark': 1, 'inline-json.lark': 3, 'lexeme-options.lark': 5,
      'multi-line.lark': 4, 'regex-ext.lark': 3, 'repetition.lark': 6, 'special-tokens.lark': 5, 'terminals-compose.lark': 7,
    });
  });

  it('reads %llguidance options, %ignore and %json values', () => {
    expect(checkLark(fixture('valid', 'and-not.lark')).options).toEqual([{ no_forcing: true }]);
    const ignore = checkLark(fixture('valid', 'ignore-once.lark'));
    expect([ignore.options, ignore.ignores.length]).toEqual([[{ skip_repetition: 'once' }], 1]);
    const json = checkLark(fixture('valid', 'inline-json.lark')).definitions.find((definition) => definition.name === 'lookup');
    expect(json?.body[0]?.[0]?.[0]?.atom).toEqual({ kind: 'json', text: expect.stringContaining('"const":"lookup_order"') });
  });

  it('rejects malformed grammars with the position of the problem', () => {
    const expected: Record<string, [number, number, string]> = {
      'and-in-rule.lark': [2, 16, '`&` is only allowed in terminal definitions'],
      'backreference.lark': [1, 12, 'regex error: backreferences are not supported'],
      'bad-string-escape.lark': [1, 8, 'invalid string literal (bad escape, control character or no closing quote)'],
      'duplicate.lark': [3, 1, 'item is defined twice'],
      'lazy-quantifier.lark': [2, 13, 'regex error: lazy quantifiers are not supported by llguidance'],
      'lookahead.lark': [2, 14, 'regex error: lookaround is not supported by llguidance'],
      'missing-colon.lark': [1, 7, 'expected :, found "\\"a\\""'],
      'no-start.lark': [1, 1, 'the grammar has no start rule'],
      'not-in-rule.lark': [1, 8, '`~` negation is only allowed in terminal definitions'],
      'recursive-terminal.lark': [3, 1, 'terminal ITEMS is recursive'],
      'reversed-class.lark': [1, 11, 'regex error: class range has its bounds reversed'],
      'reversed-range.lark': [1, 11, 'repetition {3,1} has its bounds reversed'],
      'terminal-uses-rule.lark': [2, 7, 'terminal WORD uses rule letters; terminals can only use terminals'],
      'unbalanced-group.lark': [1, 9, 'regex error: unclosed group'],
      'undefined-rule.lark': [1, 17, 'name is not defined'],
      'zero-range.lark': [1, 11, 'End number in range cannot be 0'],
    };
    const names = readdirSync(join(FIXTURES, 'invalid')).sort();
    expect(names).toEqual(Object.keys(expected).sort());
    expect(Object.fromEntries(names.map((name) => [name, failureOf(fixture('invalid', name))]))).toEqual(expected);
  });

  it('reports positions of lexer problems', () => {
    expect(failureOf('start: "a"\nB: $')).toEqual([2, 4, 'unexpected character "$"']);
    expect(failureOf('start: "a" "b"\n  | /x')).toEqual([2, 5, 'invalid regex literal (no closing slash)']);
    expect(failureOf('start: foo{x}\nfoo: "a"')).toEqual([1, 11, 'templates are not supported by llguidance']);
  });

  it('reads Rust regex syntax into the same language', () => {
    const cases: [string, string[], string[]][] = [
      ['[a-z_]\\w*', ['a1', '_', 'z_9'], ['1a', '', 'a-']],
      ['(?s:.*)\\n\\n(?s:.*)', ['a\n\nb', '\n\n'], ['a\nb']],
      ['\\x{1F600}+|[^"\\\\\\x00-\\x1F]', ['😀😀', 'é'], ['"', '\u0001']],
      ['(ab){2,3}c?', ['abab', 'abababc'], ['ab', 'abababab']],
      ['.', ['x'], ['\n']],
    ];
    for (const [source, accepted, rejected] of cases) {
      const dfa = compileRegex(parseRustRegex(source));
      expect({ source, accepted: accepted.map((input) => dfaAccepts(dfa, input)), rejected: rejected.map((input) => dfaAccepts(dfa, input)) })
        .toEqual({ source, accepted: accepted.map(() => true), rejected: rejected.map(() => false) });
    }
  });
});

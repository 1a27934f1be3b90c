import { describe, expect, it } from 'vitest';
import { STYLE_PATTERNS } from '../../src/extract/concerns/naming.js';
import { compileRegex } from '../../src/compile/grammar/automaton.js';
import { dfaAccepts, stateCount } from '../../src/compile/grammar/dfa.js';
import { namePatternRegex } from '../../src/compile/grammar/name-pattern.js';
import { isAnankeError } from '../../src/errors.js';

const NAMES = ['fooBar', 'FooBar', 'foo_bar', 'FOO_BAR', 'foo-bar', 'foo', 'x1', '_private', '__init__', 'Foo_bar', 'fooBAR_', 'a__b', '9lives', '', 'HTTPServer', 'getHTTP2'];

describe('naming patterns as automata', () => {
  it('accepts the same names as the regex, for every style the naming concern produces', () => {
    for (const [style, pattern] of Object.entries(STYLE_PATTERNS)) {
      const dfa = compileRegex(namePatternRegex(pattern));
      const regex = new RegExp(pattern);
      expect({ style, accepted: NAMES.filter((name) => dfaAccepts(dfa, name)) }).toEqual({ style, accepted: NAMES.filter((name) => regex.test(name)) });
    }
  });

  it('builds small automata', () => {
    expect(stateCount(compileRegex(namePatternRegex(STYLE_PATTERNS.camelCase)))).toBe(3);
    expect(stateCount(compileRegex(namePatternRegex(STYLE_PATTERNS.snake_case)))).toBe(4);
    expect(stateCount(compileRegex(namePatternRegex(STYLE_PATTERNS.SCREAMING_SNAKE_CASE)))).toBe(4);
  });

  it('reads unanchored patterns as "contains a match"', () => {
    const dfa = compileRegex(namePatternRegex('Error'));
    expect(['ParseError', 'Errors', 'error'].map((name) => dfaAccepts(dfa, name))).toEqual([true, true, false]);
    const suffix = compileRegex(namePatternRegex('(?:Error|Exception)$'));
    expect(['ParseError', 'IoException', 'ErrorCode'].map((name) => dfaAccepts(suffix, name))).toEqual([true, true, false]);
  });

  it('refuses what a grammar cannot enforce, with a 422', () => {
    const reasons = ['^(?!_)\\w+$', '\\bfoo', '^(a)\\1$', '^a$b', '^[a-z'].map((pattern) => {
      try {
        namePatternRegex(pattern);
        return 'accepted';
      } catch (error) {
        return isAnankeError(error) ? `${error.status} ${error.message}` : String(error);
      }
    });
    expect(reasons).toEqual([
      '422 naming pattern "^(?!_)\\\\w+$" cannot become a grammar rule: lookaround or named groups at position 2',
      '422 naming pattern "\\\\bfoo" cannot become a grammar rule: the escape \\b (word boundaries and backreferences are not regular) at position 2',
      '422 naming pattern "^(a)\\\\1$" cannot become a grammar rule: the escape \\1 (word boundaries and backreferences are not regular) at position 6',
      '422 naming pattern "^a$b" cannot become a grammar rule: an anchor that is not at the start or end at position 3',
      '422 naming pattern "^[a-z" cannot become a grammar rule: an unclosed class at position 5',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { GrammarBuilder, alt, chars, grammarProblems, lit, notChars, opt, plus, ref, repeat, seq, star } from '../../src/compile/grammar/ast.js';
import { CodeSet } from '../../src/compile/grammar/charset.js';

describe('grammar model', () => {
  it('flattens sequences and alternations and merges adjacent literals', () => {
    expect(seq(lit('a'), seq(lit('b'), ref('x')), lit(''), lit('c'))).toEqual({
      kind: 'seq',
      items: [{ kind: 'literal', text: 'ab' }, { kind: 'ref', name: 'x' }, { kind: 'literal', text: 'c' }],
    });
    expect(alt(ref('x'), alt(ref('y'), ref('x')))).toEqual({ kind: 'alt', options: [{ kind: 'ref', name: 'x' }, { kind: 'ref', name: 'y' }] });
    expect(seq()).toEqual({ kind: 'literal', text: '' });
    expect(repeat(ref('x'), 1, 1)).toEqual({ kind: 'ref', name: 'x' });
    expect(repeat(ref('x'), 0, 1)).toEqual({ kind: 'optional', item: { kind: 'ref', name: 'x' } });
  });

  it('reads class bodies with ranges and escapes', () => {
    const klass = chars('a-c_\\-\\]\\n');
    expect(klass.kind === 'class' && klass.set.ranges).toEqual([[10, 10], [45, 45], [93, 93], [95, 95], [97, 99]]);
    const negated = notChars('"\\\\');
    expect(negated.kind === 'class' && negated.set.has(0x22)).toBe(false);
    expect(negated.kind === 'class' && negated.set.has(0x41)).toBe(true);
    expect(() => chars('z-a')).toThrow('reversed range');
  });

  it('builds with the start rule first and drops unreachable rules', () => {
    const grammar = new GrammarBuilder('root')
      .rule('item', plus(chars('a-z')))
      .rule('unused', lit('x'))
      .rule('root', seq(ref('item'), star(seq(lit(','), ref('item')))))
      .build();
    expect(grammar.rules.map((rule) => rule.name)).toEqual(['root', 'item']);
  });

  it('refuses bad names, duplicates and undefined references', () => {
    expect(() => new GrammarBuilder('root').rule('Bad_Name', lit('x'))).toThrow('must match');
    expect(() => new GrammarBuilder('root').rule('root', lit('x')).rule('root', lit('y'))).toThrow('defined twice');
    expect(() => new GrammarBuilder('root').rule('root', ref('missing')).build()).toThrow('undefined rule missing');
  });

  it('reports what llama.cpp would refuse: left recursion and repeated empty items', () => {
    const leftRecursive = new GrammarBuilder('root').rule('root', alt(seq(ref('root'), lit('a')), lit('a'))).build();
    expect(grammarProblems(leftRecursive)).toEqual(['left recursion: root -> root']);
    const hidden = new GrammarBuilder('root').rule('root', seq(opt(lit('x')), ref('list'))).rule('list', seq(opt(lit('y')), ref('root'), lit('z'))).build();
    expect(grammarProblems(hidden)).toEqual(['left recursion: root -> list -> root']);
    const emptyRepeat = new GrammarBuilder('root').rule('root', star(opt(lit('a')))).build();
    expect(grammarProblems(emptyRepeat)).toEqual(['rule root repeats an item that can be empty: o(l"a")']);
    const fine = new GrammarBuilder('root').rule('root', seq(lit('('), opt(ref('root')), lit(')'))).build();
    expect(grammarProblems(fine)).toEqual([]);
  });

  it('keeps code point sets canonical', () => {
    const set = CodeSet.of([[5, 9], [1, 3], [4, 4], [20, 20]]);
    expect(set.ranges).toEqual([[1, 9], [20, 20]]);
    expect(set.complement().ranges).toEqual([[0, 0], [10, 19], [21, 0x10ffff]]);
    expect(set.intersect(CodeSet.range(3, 20)).ranges).toEqual([[3, 9], [20, 20]]);
    expect(set.minus(CodeSet.range(2, 8)).ranges).toEqual([[1, 1], [9, 9], [20, 20]]);
    expect(CodeSet.parse('\\u{1F600}').ranges).toEqual([[0x1f600, 0x1f600]]);
    expect(CodeSet.parse('^-').uniformOutsideAscii).toBe(true);
    expect(CodeSet.parse('^a').complement().uniformOutsideAscii).toBe(true);
    expect(CodeSet.parse('\\u00e9').uniformOutsideAscii).toBe(false);
  });
});

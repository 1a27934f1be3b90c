import { describe, expect, it } from 'vitest';
import { GrammarBuilder, alt, chars, charClass, lit, notChars, opt, plus, ref, repeat, seq, star, type Grammar } from '../../src/compile/grammar/ast.js';
import { CodeSet } from '../../src/compile/grammar/charset.js';
import { emitEbnf } from '../../src/compile/grammar/emit-ebnf.js';
import { emitGbnf } from '../../src/compile/grammar/emit-gbnf.js';
import { emitLark } from '../../src/compile/grammar/emit-lark.js';
import { checkLark, larkToGrammar } from '../../src/compile/grammar/lark-check.js';
import { acceptance, matcherAccepts, parseGrammar, XGrammarError } from '../support/xgrammar.js';

/** Every character that needs care, in a literal. */
const TRICKY = 'say "hi"\\ now\n\ttab é 😀 ] ^ - [';

function sampleGrammar(): Grammar {
  return new GrammarBuilder('root')
    .rule('root', seq(lit(TRICKY), ref('item-list'), opt(lit(';'))))
    .rule('item-list', seq(ref('item'), star(seq(lit(','), ref('item')))))
    .rule('item', alt(
      plus(chars('a-z')),
      repeat(chars('0-9'), 1, 3),
      chars('\\]\\^\\-'),
      seq(lit('"'), star(notChars('"\\\\\\n')), lit('"')),
      seq(lit('<'), charClass(CodeSet.all), lit('>')),
    ))
    .build();
}

const ACCEPTED = [`${TRICKY}abc`, `${TRICKY}12,],^,-;`, `${TRICKY}"é😀 x",<\n>`, `${TRICKY}<😀>`];
const REJECTED = [`${TRICKY}1234`, `${TRICKY}"a\nb"`, `${TRICKY.replace('é', 'e')}abc`, `${TRICKY}abc;;`, `${TRICKY}<>`];

describe('emitters', () => {
  it('prints XGrammar EBNF with exact escapes', () => {
    expect(emitEbnf(sampleGrammar())).toBe(
      'root ::= "say \\"hi\\"\\\\ now\\n\\ttab \\u00E9 \\U0001F600 ] ^ - [" item-list ";"?\n'
      + 'item-list ::= item ("," item)*\n'
      + 'item ::= [a-z]+ | [0-9]{1,3} | [\\-\\]\\^] | "\\"" [^\\n\\"\\\\]* "\\"" | "<" ([^\\n] | "\\n") ">"\n',
    );
  });

  it('prints GBNF with the escapes older llama.cpp reads', () => {
    expect(emitGbnf(sampleGrammar())).toBe(
      'root ::= "say \\"hi\\"\\\\ now\\n\\ttab \\u00E9 \\U0001F600 ] ^ - [" item-list ";"?\n'
      + 'item-list ::= item ("," item)*\n'
      + 'item ::= [a-z]+ | [0-9]{1,3} | [\\u002D\\]\\u005E] | "\\"" [^\\n\\"\\\\]* "\\"" | "<" ([^\\n] | "\\n") ">"\n',
    );
  });

  it('prints llguidance Lark with JSON strings and Rust regex classes', () => {
    expect(emitLark(sampleGrammar(), { llguidanceHeader: true })).toBe(
      '%llguidance {}\n'
      + 'start: "say \\"hi\\"\\\\ now\\n\\ttab \\u00E9 \\uD83D\\uDE00 ] ^ - [" item_list ";"?\n'
      + 'item_list: item ("," item)*\n'
      + 'item: /[a-z]/+ | /[0-9]/{1,3} | /[\\-\\]\\^]/ | "\\"" /[^\\n"\\\\]/* "\\"" | "<" /[\\x{0}-\\x{10FFFF}]/ ">"\n',
    );
  });

  it('XGrammar parses the EBNF and GBNF texts and agrees on the language', async () => {
    for (const text of [emitEbnf(sampleGrammar()), emitGbnf(sampleGrammar())]) {
      expect(await acceptance(text, ACCEPTED)).toEqual(ACCEPTED.map(() => true));
      expect(await acceptance(text, REJECTED)).toEqual(REJECTED.map(() => false));
    }
  });

  it('the Lark text passes the checker and means the same language', async () => {
    const lark = checkLark(emitLark(sampleGrammar(), { llguidanceHeader: true }));
    expect(lark.options).toEqual([{}]);
    const text = emitEbnf(larkToGrammar(lark));
    expect(await acceptance(text, ACCEPTED)).toEqual(ACCEPTED.map(() => true));
    expect(await acceptance(text, REJECTED)).toEqual(REJECTED.map(() => false));
  });

  it('a grammar compiled against a byte-level vocabulary masks the same way', async () => {
    const text = emitEbnf(sampleGrammar());
    expect(await matcherAccepts(text, ACCEPTED[2]!)).toBe(true);
    expect(await matcherAccepts(text, REJECTED[1]!)).toBe(false);
  });

  it('reports XGrammar errors with its own message and position, then keeps working', async () => {
    const failure = await parseGrammar('root ::= "a" [b-c').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(XGrammarError);
    expect((failure as XGrammarError).message).toBe('EBNF lexer error at line 1, column 18: Unterminated character class');
    expect([(failure as XGrammarError).line, (failure as XGrammarError).column]).toEqual([1, 18]);
    const undefinedRule = await parseGrammar('root ::= item\n').catch((error: unknown) => error);
    expect((undefinedRule as XGrammarError).message).toMatch(/^EBNF parser error at line 1, column 10: Rule "item" is not defined$/);
    expect(await acceptance('root ::= "ok"\n', ['ok'])).toEqual([true]);
  });

  it('throws a 422 for grammars past the rule and size budgets', () => {
    const wide = new GrammarBuilder('root');
    wide.rule('root', alt(...Array.from({ length: 201 }, (_, index) => ref(`r${index}`))));
    Array.from({ length: 201 }, (_, index) => wide.rule(`r${index}`, lit(String(index))));
    expect(() => emitEbnf(wide.build())).toThrow('grammar limit maxGrammarRules exceeded: 202 > 200');
    const long = new GrammarBuilder('root').rule('root', lit('x'.repeat(16_000))).build();
    expect(() => emitGbnf(long)).toThrow('grammar limit maxGrammarBytes exceeded: 16012 > 16000');
    expect(() => emitLark(long)).toThrow('grammar limit maxGrammarBytes exceeded: 16010 > 16000');
  });

  it('refuses to print GBNF for a grammar that does not start at root', () => {
    const grammar = new GrammarBuilder('main').rule('main', lit('x')).build();
    expect(() => emitGbnf(grammar)).toThrow('GBNF starts at rule root');
  });
});

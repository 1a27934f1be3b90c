import { describe, expect, it } from 'vitest';
import { ConstraintCompiler } from '../../tools/reference-engine/compiler.js';
import { choiceGrammar, looksLikeLark } from '../../tools/reference-engine/constraints.js';
import { collectText, generateText } from '../../tools/reference-engine/generate.js';
import { createRandom, generationSeed, sampleToken, tokenScore } from '../../tools/reference-engine/sampler.js';
import { Utf8Guard } from '../../tools/reference-engine/utf8.js';
import { EOS_TOKEN_ID, allowedTokens, encodedVocabulary } from '../../tools/reference-engine/vocabulary.js';
import { XGrammarError, captureErrors, loadXGrammar } from '../../tools/reference-engine/xgrammar.js';

describe('vocabulary', () => {
  it('spells 256 byte tokens as byte-fallback tokens and ends with the end token', () => {
    const vocabulary = encodedVocabulary();
    expect(vocabulary).toHaveLength(257);
    expect([vocabulary[0], vocabulary[10], vocabulary[255], vocabulary[256]]).toEqual(['<0x00>', '<0x0A>', '<0xFF>', '</s>']);
  });

  it('reads token ids out of an XGrammar bitmask', () => {
    const bitmask = new Int32Array(9);
    bitmask[1] = 1 << 2;
    bitmask[3] = 1 << 1;
    bitmask[8] = 1;
    expect(allowedTokens(bitmask)).toEqual([34, 97, EOS_TOKEN_ID]);
    bitmask[0] = -1;
    expect(allowedTokens(bitmask)).toHaveLength(32 + 3);
  });
});

describe('sampler', () => {
  it('is mulberry32: the known first draws for seed 1', () => {
    const random = createRandom(1);
    expect([random(), random(), random()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('mixes the prompt into the seed', () => {
    expect(generationSeed(7, 'x')).toBe(generationSeed(7, 'x'));
    expect(generationSeed(7, 'x')).not.toBe(generationSeed(7, 'y'));
    expect(generationSeed(7, 'x')).not.toBe(generationSeed(8, 'x'));
  });

  it('pulls towards ending as the text grows, and penalises whitespace runs', () => {
    const start = { step: 0, previous: undefined, constrained: true };
    expect(tokenScore(EOS_TOKEN_ID, start, 2)).toBe(-1);
    expect(tokenScore(EOS_TOKEN_ID, { ...start, step: 20 }, 2)).toBe(2);
    expect(tokenScore(EOS_TOKEN_ID, { ...start, step: 500 }, 2)).toBe(4);
    expect(tokenScore(0x20, start, 2)).toBe(-1);
    expect(tokenScore(0x20, { ...start, previous: 0x0a }, 2)).toBe(-4);
    expect(tokenScore(0x22, start, 2)).toBe(-0.5);
    expect(tokenScore(0x22, start, 40)).toBe(2);
    expect(tokenScore(0x22, { ...start, constrained: false }, 40)).toBe(-0.5);
  });

  it('takes the best score at temperature 0 and spreads draws at temperature 1', () => {
    const random = createRandom(3);
    const letterOrDash = [0x2d, 0x61];
    expect(Array.from({ length: 20 }, () => sampleToken(letterOrDash, { step: 0, previous: undefined, constrained: true }, 0, random))).toEqual(Array(20).fill(0x61));
    const counts = new Map<number, number>();
    for (let draw = 0; draw < 2000; draw += 1) {
      const token = sampleToken(letterOrDash, { step: 0, previous: undefined, constrained: true }, 1, random);
      counts.set(token, (counts.get(token) ?? 0) + 1);
    }
    const dashShare = (counts.get(0x2d) ?? 0) / 2000;
    expect(dashShare).toBeGreaterThan(0.32);
    expect(dashShare).toBeLessThan(0.43);
  });
});

describe('UTF-8 guard', () => {
  function accepts(bytes: number[]): boolean {
    const guard = new Utf8Guard();
    for (const byte of bytes) {
      if (!guard.allows(byte)) return false;
      guard.push(byte);
    }
    return guard.atBoundary;
  }

  it('accepts valid characters and refuses overlong forms, surrogates and bytes past U+10FFFF', () => {
    for (const text of ['a', 'é', '€', '😀', '\u{10FFFF}', '\uD7FF']) expect(accepts([...new TextEncoder().encode(text)])).toBe(true);
    expect(accepts([0xc0, 0xaf])).toBe(false);
    expect(accepts([0xe0, 0x80, 0xaf])).toBe(false);
    expect(accepts([0xed, 0xa0, 0x80])).toBe(false);
    expect(accepts([0xf4, 0x90, 0x80, 0x80])).toBe(false);
    expect(accepts([0xf5, 0x80, 0x80, 0x80])).toBe(false);
    expect(accepts([0x80])).toBe(false);
    expect(accepts([0xe2, 0x82])).toBe(false);
  });
});

describe('constraint helpers', () => {
  it('tells Lark from EBNF and GBNF', () => {
    expect(looksLikeLark('start: "a" b\nb: /[0-9]+/')).toBe(true);
    expect(looksLikeLark('%llguidance {}\nstart: "a"')).toBe(true);
    expect(looksLikeLark('?expr: term\n%import common.NUMBER')).toBe(true);
    expect(looksLikeLark('root ::= "a: b"')).toBe(false);
    expect(looksLikeLark('root ::= item\nitem ::= [a-z]+ # note: not lark')).toBe(false);
  });

  it('writes choices as escaped EBNF literals that XGrammar reads back', async () => {
    const choices = ['a"b', 'c\\d', 'tab\there', 'naïve'];
    const grammar = choiceGrammar(choices);
    expect(grammar).toBe('root ::= "a\\"b" | "c\\\\d" | "tab\\x09here" | "naïve"');
    const xgrammar = await loadXGrammar();
    const parsed = await xgrammar.Grammar.fromEBNF(grammar);
    for (const choice of choices) expect(await xgrammar.Testings.isGrammarAcceptString(parsed, choice)).toBe(true);
    expect(await xgrammar.Testings.isGrammarAcceptString(parsed, 'ab')).toBe(false);
  });
});

describe('XGrammar loader', () => {
  it('turns Aborted() into XGrammar\'s own message, and the instance keeps working', async () => {
    const xgrammar = await loadXGrammar();
    const failure = captureErrors(() => xgrammar.Grammar.fromEBNF('root ::= "a" | '));
    await expect(failure).rejects.toBeInstanceOf(XGrammarError);
    await expect(failure).rejects.toThrow('EBNF parser error at line 1, column 16: Expect element, but got');
    const undefinedRule = captureErrors(() => xgrammar.Grammar.fromEBNF('root ::= a\n'));
    await expect(undefinedRule).rejects.toThrow(/^EBNF parser error at line 1, column 10: Rule "a" is not defined$/);
    const grammar = await captureErrors(() => xgrammar.Grammar.fromEBNF('root ::= "ok"'));
    expect(await xgrammar.Testings.isGrammarAcceptString(grammar, 'ok')).toBe(true);
  });
});

describe('compiler and decode loop', () => {
  it('reuses a compiled grammar, evicts past 64, and still serves after eviction', async () => {
    const compiler = await ConstraintCompiler.create();
    const first = await compiler.openMatcher({ kind: 'regex', pattern: 'x0' });
    const again = await compiler.openMatcher({ kind: 'regex', pattern: 'x0' });
    expect(compiler.cachedGrammarCount).toBe(1);
    for (let index = 1; index <= 70; index += 1) (await compiler.openMatcher({ kind: 'regex', pattern: `x${index}` })).release();
    expect(compiler.cachedGrammarCount).toBe(64);
    const settings = { prompt: '', maxTokens: 10, temperature: 1, seed: 0, stop: [] };
    expect(await collectText(generateText(settings, first))).toMatchObject({ text: 'x0', finishReason: 'stop', completionTokens: 3 });
    expect(await collectText(generateText(settings, again))).toMatchObject({ text: 'x0', stoppedBy: 'eos' });
    const reopened = await compiler.openMatcher({ kind: 'regex', pattern: 'x0' });
    expect((await collectText(generateText(settings, reopened))).text).toBe('x0');
  });

  it('stops at once when the caller is gone', async () => {
    const result = await collectText(generateText({ prompt: '', maxTokens: 50, temperature: 1, seed: 0, stop: [] }, undefined, () => true));
    expect(result).toEqual({ text: '', finishReason: 'length', stoppedBy: 'cancelled', completionTokens: 0 });
  });
});

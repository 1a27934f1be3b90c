/**
 * XGrammar EBNF (what vLLM and SGLang pass to `Grammar.from_ebnf`). Rule names `[a-z][a-z0-9-]*`
 * are inside XGrammar's identifier charset; each rule name starts its own line, as XGrammar
 * requires. Inside classes XGrammar takes regex-style escapes (`\-`, `\^`, `\]`); `\x` is never
 * written because XGrammar reads any number of hex digits after it.
 */
import type { Grammar } from './ast.js';
import { printBnf, type BnfEscapes } from './bnf.js';

const EBNF_ESCAPES: BnfEscapes = {
  classChar: (code) => (code === 0x2d ? '\\-' : code === 0x5e ? '\\^' : undefined),
};

export function emitEbnf(grammar: Grammar): string {
  return printBnf(grammar, EBNF_ESCAPES, 'XGrammar EBNF');
}

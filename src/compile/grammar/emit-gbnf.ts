/**
 * llama.cpp GBNF. Rule names are letters, digits and `-`; the start rule is `root`. Inside a
 * class, `-` and `^` are written `\u002D` and `\u005E`: llama.cpp only learned `\-` recently and
 * never had `\^`, while `\u` escapes are as old as the format (and mean the same in XGrammar,
 * which the tests use to parse this text).
 */
import type { Grammar } from './ast.js';
import { printBnf, type BnfEscapes } from './bnf.js';

const GBNF_ESCAPES: BnfEscapes = {
  classChar: (code) => (code === 0x2d ? '\\u002D' : code === 0x5e ? '\\u005E' : undefined),
};

export function emitGbnf(grammar: Grammar): string {
  if (grammar.start !== 'root') throw new Error(`GBNF starts at rule root, this grammar starts at ${grammar.start}`);
  return printBnf(grammar, GBNF_ESCAPES, 'GBNF');
}

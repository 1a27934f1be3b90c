/**
 * The grammar layer of the compiler: a dialect-neutral grammar model, its three printers
 * (GBNF, XGrammar EBNF, llguidance Lark), the forbid automaton, and lexical grammars of target
 * languages with the constrained shapes the compiler asks for.
 *
 *   const { grammar, warnings, unenforced } = functionBody('typescript', { signature, forbid, naming, imports });
 *   const ir = { gbnf: emitGbnf(grammar), ebnf: emitEbnf(grammar), lark: emitLark(grammar, { llguidanceHeader: true }) };
 */
export {
  GrammarBuilder, alt, chars, charClass, empty, grammarProblems, lit, notChars, opt, plus, ref, repeat, seq, star,
  type Expr, type Grammar, type Rule,
} from './ast.js';
export { CodeSet } from './charset.js';
export { compileRegex, regexGrammar } from './automaton.js';
export { avoidDfa, avoidGrammar, addAvoidRules, identifierWithout } from './forbid.js';
export { emitGbnf } from './emit-gbnf.js';
export { emitEbnf } from './emit-ebnf.js';
export { emitLark, type LarkOptions } from './emit-lark.js';
export { checkLark, larkToGrammar, LarkCheckError } from './lark-check.js';
export { namePatternRegex } from './name-pattern.js';
export { functionBody, hole, moduleGrammar, type CodeConstraints, type GrammarResult, type Unenforced } from './lexical/index.js';

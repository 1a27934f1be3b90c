// A checked Lark grammar back into the dialect-neutral model, so tests can run Lark through XGrammar.
import { GrammarBuilder, alt, charClass, lit, opt, ref, repeat, seq, type Expr, type Grammar } from '../ast.js';
import { compileRegex } from '../automaton.js';
import { addDfaRules } from '../dfa.js';
import * as R from '../regular.js';
import { CodeSet } from '../charset.js';
import type { LarkAlternatives, LarkAtom, LarkExpr, LarkGrammar } from '../lark-check.js';

/** Turns a checked Lark grammar into the dialect-neutral model (terminals become automaton rules). */
export function larkToGrammar(lark: LarkGrammar): Grammar {
  if (lark.ignores.length > 0) throw new Error('%ignore is not converted');
  const builder = new GrammarBuilder('root');
  const names = new Map(lark.definitions.map((definition, position) => [definition.name, definition.name === 'start' ? 'root' : `d${position}`]));
  const terminals = new Map<string, R.Regex>();
  const terminalRegex = (name: string): R.Regex => {
    const cached = terminals.get(name);
    if (cached) return cached;
    const definition = lark.definitions.find((candidate) => candidate.name === name)!;
    const regex = alternativesToRegex(definition.body, terminalRegex);
    terminals.set(name, regex);
    return regex;
  };
  let counter = 0;
  const atomExpr = (atom: LarkAtom): Expr => {
    switch (atom.kind) {
      case 'string':
        return lit(atom.value);
      case 'range':
        return charClass(CodeSet.range(atom.from, atom.to));
      case 'regex':
        if (atom.regex.kind === 'chars') return charClass(atom.regex.set);
        if (atom.regex.kind === 'literal') return lit(atom.regex.text);
        return ref(addDfaRules(builder, compileRegex(atom.regex), `x${counter++}`)[0]!);
      case 'name':
        return ref(names.get(atom.name)!);
      case 'group':
        return alternativesExpr(atom.body);
      case 'maybe':
        return opt(alternativesExpr(atom.body));
      default:
        throw new Error(`${atom.kind} is not converted`);
    }
  };
  const alternativesExpr = (body: LarkAlternatives): Expr =>
    alt(...body.map((conjunction) => {
      if (conjunction.length !== 1) throw new Error('& outside a terminal');
      return seq(...conjunction[0]!.map((expr) => repeat(atomExpr(expr.atom), expr.min, expr.max)));
    }));
  for (const definition of lark.definitions) {
    const name = names.get(definition.name)!;
    if (definition.terminal) builder.rule(name, ref(addDfaRules(builder, compileRegex(terminalRegex(definition.name)), `${name}-t`)[0]!));
    else builder.rule(name, alternativesExpr(definition.body));
  }
  return builder.build();
}

function alternativesToRegex(body: LarkAlternatives, terminal: (name: string) => R.Regex): R.Regex {
  return R.or(...body.map((conjunction) => R.both(...conjunction.map((sequence) => R.cat(...sequence.map((expr) => exprToRegex(expr, terminal)))))));
}

function exprToRegex(expr: LarkExpr, terminal: (name: string) => R.Regex): R.Regex {
  let base: R.Regex;
  switch (expr.atom.kind) {
    case 'string':
      base = R.text(expr.atom.value);
      break;
    case 'range':
      base = R.set(CodeSet.range(expr.atom.from, expr.atom.to));
      break;
    case 'regex':
      base = expr.atom.regex;
      break;
    case 'name':
      base = terminal(expr.atom.name);
      break;
    case 'group':
      base = alternativesToRegex(expr.atom.body, terminal);
      break;
    case 'maybe':
      base = R.maybe(alternativesToRegex(expr.atom.body, terminal));
      break;
    default:
      throw new Error(`${expr.atom.kind} cannot appear in a terminal`);
  }
  if (expr.negated) base = R.without(R.anyText, base);
  return R.rep(base, expr.min, expr.max);
}

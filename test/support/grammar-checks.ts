import { expect } from 'vitest';
import type { Expr, Grammar } from '../../src/compile/grammar/ast.js';
import { emitEbnf } from '../../src/compile/grammar/emit-ebnf.js';
import { emitGbnf } from '../../src/compile/grammar/emit-gbnf.js';
import { ForbidPayload, NamingPayload, SignaturePayload } from '../../src/constraints/schema.js';
import { STYLE_PATTERNS } from '../../src/extract/concerns/naming.js';
import { acceptance } from './xgrammar.js';

/** Whether every character class anywhere in the grammar passes `check`. */
export function everyClass(grammar: Grammar, check: (expr: Extract<Expr, { kind: 'class' }>) => boolean): boolean {
  const visit = (expr: Expr): boolean => {
    switch (expr.kind) {
      case 'class':
        return check(expr);
      case 'seq':
        return expr.items.every(visit);
      case 'alt':
        return expr.options.every(visit);
      case 'repeat':
      case 'optional':
        return visit(expr.item);
      default:
        return true;
    }
  };
  return grammar.rules.every((rule) => visit(rule.body));
}

export const forbid = (rule: string, match: ForbidPayload['match'], patterns: string[]) => ForbidPayload.parse({ rule, match, patterns, reason: `${rule} is banned` });
export const naming = (target: NamingPayload['target'], style: keyof typeof STYLE_PATTERNS) => NamingPayload.parse({ target, style, pattern: STYLE_PATTERNS[style] });
export const signature = (name: string, header: string) => SignaturePayload.parse({ name, kind: 'function', parameters: [], header });

/** Runs inputs through XGrammar with both the EBNF and the GBNF text; both must agree. */
export async function verdicts(grammar: Grammar, inputs: readonly string[]): Promise<boolean[]> {
  const ebnf = await acceptance(emitEbnf(grammar), inputs);
  const gbnf = await acceptance(emitGbnf(grammar), inputs);
  expect(gbnf).toEqual(ebnf);
  return ebnf;
}

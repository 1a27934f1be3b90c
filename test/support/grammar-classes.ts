import type { Expr, Grammar } from '../../src/compile/grammar/ast.js';

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

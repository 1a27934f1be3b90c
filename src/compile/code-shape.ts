import type { Dialect, EngineWarning, Shape } from '../constraints/compile-api.js';
import type { Constraint, ConstraintOf, Language } from '../constraints/schema.js';
import { AnankeError } from '../errors.js';
import type { Grammar } from './grammar/ast.js';
import { emitEbnf } from './grammar/emit-ebnf.js';
import { emitGbnf } from './grammar/emit-gbnf.js';
import { emitLark } from './grammar/emit-lark.js';
import { functionBody, hole, moduleGrammar, type CodeConstraints, type GrammarResult, type Unenforced } from './grammar/lexical/index.js';
import { checkLimit } from './limits.js';

export interface CodeOutputs {
  grammar: { lark?: string; gbnf?: string; ebnf?: string };
  /** Constraint ids the emitted grammar enforces. */
  enforced: Set<string>;
  warnings: EngineWarning[];
}

function ofType<T extends Constraint['type']>(constraints: readonly Constraint[], type: T): ConstraintOf<T>[] {
  return constraints.filter((constraint): constraint is ConstraintOf<T> => constraint.type === type);
}

/** The allowed module set, when the constraints name one: every allow/require import. */
function allowedImports(constraints: readonly Constraint[]): CodeConstraints['imports'] {
  const allowed = ofType(constraints, 'import').filter((c) => c.payload.mode !== 'forbid').map((c) => c.payload.module);
  return allowed.length ? { allowed: [...new Set(allowed)].sort() } : undefined;
}

function codeConstraints(constraints: readonly Constraint[]): CodeConstraints {
  const imports = allowedImports(constraints);
  return {
    forbid: ofType(constraints, 'forbid').map((c) => c.payload),
    naming: ofType(constraints, 'naming').filter((c) => c.payload.target !== 'file').map((c) => c.payload),
    ...(imports ? { imports } : {}),
  };
}

function buildGrammar(language: Language, shape: Shape, target: Constraint | undefined, constraints: readonly Constraint[], around: { prefix?: string; suffix?: string }): GrammarResult {
  const code = codeConstraints(constraints);
  if (shape === 'function') return functionBody(language, { ...code, signature: (target as ConstraintOf<'signature'>).payload });
  if (shape === 'hole') {
    if (around.prefix === undefined || around.suffix === undefined) {
      throw new AnankeError('unprocessable', 'the hole shape needs the code before and after the hole', 'send "prefix" and "suffix" with the compile request');
    }
    return hole(language, around.prefix, around.suffix, code);
  }
  return moduleGrammar(language, code);
}

function emit(grammar: Grammar, dialects: ReadonlySet<Dialect>): CodeOutputs['grammar'] {
  const texts: CodeOutputs['grammar'] = {
    ...(dialects.has('lark') ? { lark: emitLark(grammar) } : {}),
    ...(dialects.has('gbnf') ? { gbnf: emitGbnf(grammar) } : {}),
    ...(dialects.has('ebnf') ? { ebnf: emitEbnf(grammar) } : {}),
  };
  checkLimit('maxGrammarRules', grammar.rules.length, 'fewer forbidden patterns or naming rules, or a smaller nesting depth');
  for (const text of Object.values(texts)) checkLimit('maxGrammarBytes', text.length, 'fewer forbidden patterns or allowed modules');
  return texts;
}

/** Which constraints the grammar enforces: every forbid/naming/import/signature one it did not report as unenforced. */
function enforcedIds(constraints: readonly Constraint[], unenforced: readonly Unenforced[], shape: Shape, target: Constraint | undefined): Set<string> {
  const skipped = new Set(unenforced.map((item) => `${item.rule}\u0000${item.pattern}`));
  const decodable = (constraint: Constraint): boolean => {
    switch (constraint.type) {
      case 'forbid':
        return constraint.payload.patterns.every((pattern) => !skipped.has(`${constraint.payload.rule}\u0000${pattern}`));
      case 'naming':
        return constraint.payload.target !== 'file' && !skipped.has(`naming:${constraint.payload.target}\u0000${constraint.payload.pattern}`);
      case 'import':
        return constraint.payload.mode !== 'require';
      case 'signature':
        return shape === 'function' && constraint.id === target?.id;
      default:
        return false;
    }
  };
  return new Set(constraints.filter(decodable).map((constraint) => constraint.id));
}

/** Grammars for function, module and hole shapes, for every language. */
export function codeOutputs(language: Language, shape: Shape, target: Constraint | undefined, constraints: readonly Constraint[], dialects: ReadonlySet<Dialect>, around: { prefix?: string; suffix?: string }): CodeOutputs {
  const built = buildGrammar(language, shape, target, constraints, around);
  const warnings: EngineWarning[] = [
    ...built.warnings.map((message) => ({ code: 'grammar_approximation', message })),
    ...built.unenforced.map((item) => ({ code: 'not_decodable', message: `${item.rule}: "${item.pattern}" is checked by the validator only: ${item.reason}` })),
  ];
  const grammar = emit(built.grammar, dialects);
  // Only an emitted grammar enforces anything: with no grammar dialect asked for, every check is the validator's.
  const enforced = Object.keys(grammar).length > 0 ? enforcedIds(constraints, built.unenforced, shape, target) : new Set<string>();
  return { grammar, enforced, warnings };
}

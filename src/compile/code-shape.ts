import type { Dialect, EngineWarning, Shape } from '../constraints/compile-api.js';
import type { Constraint, ConstraintOf, Language } from '../constraints/schema.js';
import { AnankeError, isAnankeError } from '../errors.js';
import type { Grammar } from './grammar/ast.js';
import { emitEbnf } from './grammar/emit-ebnf.js';
import { emitGbnf } from './grammar/emit-gbnf.js';
import { emitLark } from './grammar/emit-lark.js';
import { functionBody, hole, moduleGrammar, type CodeConstraints, type GrammarResult, type Unenforced } from './grammar/lexical/index.js';
import { declarationGroups, familyOf } from './grammar/lexical/constraints.js';
import { checkLimit, COMPILE_LIMITS, exceeded } from './limits.js';

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

/**
 * What the grammar may leave to the validator when it would exceed the decode budget, cheapest
 * loss first: an engine compiles each grammar rule against its whole vocabulary, so every
 * constraint the grammar keeps costs compile time (docs/grammars.md).
 */
const DROP_ORDER = ['imports', 'naming', 'substrings', 'modules', 'identifiers'] as const;
type DecodeGroup = (typeof DROP_ORDER)[number];

function groupOf(constraint: Constraint): DecodeGroup | undefined {
  switch (constraint.type) {
    case 'import':
      return constraint.payload.mode === 'require' ? undefined : 'imports';
    case 'naming':
      return 'naming';
    case 'forbid':
      if (constraint.payload.match === 'import') return 'modules';
      if (constraint.payload.match === 'substring') return 'substrings';
      return constraint.payload.match === 'regex' ? undefined : 'identifiers';
    default:
      return undefined;
  }
}

/** Inferred conventions the codebase does not keep nearly always are the validator's, not the grammar's. */
function keptConvention(constraint: Constraint): boolean {
  return constraint.type !== 'naming' || constraint.provenance.source === 'user' || constraint.confidence >= COMPILE_LIMITS.minDecodeConfidence;
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

type GrammarTexts = Required<CodeOutputs['grammar']>;

/** Every dialect's text, when all fit the rule and byte budgets (the printers refuse a text over them); undefined otherwise. */
function textsWithinBudget(grammar: Grammar): GrammarTexts | undefined {
  if (grammar.rules.length > COMPILE_LIMITS.maxGrammarRules) return undefined;
  try {
    return { lark: emitLark(grammar), gbnf: emitGbnf(grammar), ebnf: emitEbnf(grammar) };
  } catch (error) {
    if (isAnankeError(error) && error.details?.['limit'] === 'maxGrammarBytes') return undefined;
    throw error;
  }
}

interface BudgetedGrammar {
  readonly built: GrammarResult;
  /** The grammar printed in every dialect (the budget check printed it). */
  readonly texts: GrammarTexts;
  /** Constraints the grammar leaves to the validator, with why. */
  readonly left: ReadonlyMap<string, string>;
}

/** Names a model writes most often first: those conventions are the last a grammar gives up. */
const NAMING_KEPT_LONGEST = ['variable', 'function', 'constant', 'class', 'type', 'method'];

function namingRank(constraint: ConstraintOf<'naming'>): number {
  const rank = NAMING_KEPT_LONGEST.indexOf(constraint.payload.target);
  return rank < 0 ? NAMING_KEPT_LONGEST.length : rank;
}

/**
 * Sets of constraints to leave to the validator, in turn, until the grammar fits: all imports,
 * then naming conventions one at a time (the least kept, then the rarest names, first), then
 * each other group.
 */
function dropSteps(language: Language, constraints: readonly Constraint[]): { group: DecodeGroup; ids: string[] }[] {
  const idsOf = (group: DecodeGroup): string[] => constraints.filter((constraint) => groupOf(constraint) === group).map((constraint) => constraint.id);
  const family = familyOf(language);
  const groups = family ? declarationGroups(family) : new Map<string, string>();
  // Conventions that share a declaration keyword go together (see declarationGroups); a group is
  // as worth keeping as its most kept and most written member.
  const byGroup = new Map<string, ConstraintOf<'naming'>[]>();
  for (const constraint of ofType(constraints, 'naming')) {
    const key = groups.get(constraint.payload.target) ?? constraint.payload.target;
    byGroup.set(key, [...(byGroup.get(key) ?? []), constraint]);
  }
  const worth = (members: readonly ConstraintOf<'naming'>[]) => ({
    confidence: Math.max(...members.map((member) => member.confidence)),
    rank: Math.min(...members.map(namingRank)),
    id: members.map((member) => member.id).sort()[0]!,
  });
  const naming = [...byGroup.values()]
    .map((members) => ({ members, worth: worth(members) }))
    .sort((a, b) => a.worth.confidence - b.worth.confidence || b.worth.rank - a.worth.rank || a.worth.id.localeCompare(b.worth.id))
    .map(({ members }) => ({ group: 'naming' as const, ids: members.map((member) => member.id) }));
  return [
    { group: 'imports' as const, ids: idsOf('imports') },
    ...naming,
    ...DROP_ORDER.filter((group) => group !== 'imports' && group !== 'naming').map((group) => ({ group, ids: idsOf(group) })),
  ].filter((step) => step.ids.length > 0);
}

/**
 * The grammar of every decodable constraint, or, when that grammar is over the decode budget,
 * of fewer: the fewest of the drop steps (dropSteps, in their order) that bring it within the
 * budget, found by bisection since each step only removes states.
 */
function buildWithinBudget(language: Language, shape: Shape, target: Constraint | undefined, constraints: readonly Constraint[], around: { prefix?: string; suffix?: string }): BudgetedGrammar {
  const left = new Map<string, string>();
  for (const constraint of constraints.filter((c) => !keptConvention(c))) {
    left.set(constraint.id, `the codebase keeps this convention for ${Math.round(constraint.confidence * 100)}% of names, under the ${Math.round(COMPILE_LIMITS.minDecodeConfidence * 100)}% a grammar enforces (minDecodeConfidence)`);
  }
  const kept = constraints.filter(keptConvention);
  const steps = dropSteps(language, kept);
  const buildWithout = (count: number): GrammarResult => {
    const dropped = new Set(steps.slice(0, count).flatMap((step) => step.ids));
    return buildGrammar(language, shape, target, kept.filter((constraint) => !dropped.has(constraint.id)), around);
  };
  const full = buildWithout(0);
  const fullTexts = textsWithinBudget(full.grammar);
  if (fullTexts) return { built: full, texts: fullTexts, left };
  let [over, fits] = [0, steps.length];
  const leanest = buildWithout(fits);
  const leanestTexts = textsWithinBudget(leanest.grammar);
  if (!leanestTexts) return exceeded('maxGrammarRules', leanest.grammar.rules.length, 'the language\'s own lexical grammar is over the budget: report this as a bug');
  let fitting = { built: leanest, texts: leanestTexts };
  while (fits - over > 1) {
    const middle = Math.floor((over + fits) / 2);
    const candidate = buildWithout(middle);
    const texts = textsWithinBudget(candidate.grammar);
    if (texts) [fits, fitting] = [middle, { built: candidate, texts }];
    else over = middle;
  }
  for (const step of steps.slice(0, fits)) {
    for (const id of step.ids) left.set(id, `with it the grammar would exceed the decode budget of ${COMPILE_LIMITS.maxGrammarRules} rules (maxGrammarRules) or ${COMPILE_LIMITS.maxGrammarBytes} bytes (maxGrammarBytes); ${step.group} are left to the validator first`);
  }
  return { built: fitting.built, texts: fitting.texts, left };
}

const budgeted = new Map<string, BudgetedGrammar>();
const MAX_CACHED_BUDGETS = 200;

/** buildWithinBudget, remembered for recent inputs (ids and what the budget reads besides): a warm compile of the same constraints skips the search. */
function budgetedGrammar(language: Language, shape: Shape, target: Constraint | undefined, constraints: readonly Constraint[], around: { prefix?: string; suffix?: string }): BudgetedGrammar {
  const key = JSON.stringify([language, shape, target?.id, around.prefix, around.suffix, constraints.map((constraint) => [constraint.id, constraint.confidence, constraint.priority, constraint.provenance.source])]);
  let result = budgeted.get(key);
  if (!result) {
    result = buildWithinBudget(language, shape, target, constraints, around);
    if (budgeted.size >= MAX_CACHED_BUDGETS) budgeted.delete(budgeted.keys().next().value!);
    budgeted.set(key, result);
  }
  return result;
}

/** The dialects asked for, from the texts the budget check printed. */
function pick(texts: GrammarTexts, dialects: ReadonlySet<Dialect>): CodeOutputs['grammar'] {
  return Object.fromEntries(Object.entries(texts).filter(([dialect]) => dialects.has(dialect as Dialect)));
}

/** Which constraints the grammar enforces: every forbid/naming/import/signature one it did not report as unenforced. */
function enforcedIds(constraints: readonly Constraint[], unenforced: readonly Unenforced[], left: ReadonlyMap<string, string>, shape: Shape, target: Constraint | undefined): Set<string> {
  const skipped = new Set(unenforced.map((item) => `${item.rule}\u0000${item.pattern}`));
  const decodable = (constraint: Constraint): boolean => {
    if (left.has(constraint.id)) return false;
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
  const { built, texts, left } = budgetedGrammar(language, shape, target, constraints, around);
  const warnings: EngineWarning[] = [
    ...built.warnings.map((message) => ({ code: 'grammar_approximation', message })),
    ...built.unenforced.map((item) => ({ code: 'not_decodable', message: `${item.rule}: "${item.pattern}" is checked by the validator only: ${item.reason}` })),
    ...[...left].map(([id, reason]) => ({ constraint_id: id, code: 'not_decodable', message: `checked by the validator only: ${reason}` })),
  ];
  const grammar = pick(texts, dialects);
  // Only an emitted grammar enforces anything: with no grammar dialect asked for, every check is the validator's.
  const enforced = Object.keys(grammar).length > 0 ? enforcedIds(constraints, built.unenforced, left, shape, target) : new Set<string>();
  return { grammar, enforced, warnings };
}

import type { FileContext, HoleFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { commentHole, enclosingSignature, firstLine, ruleMatches, type RuleMatch, type SignatureSite } from '../common.js';

function macroHole(match: RuleMatch, sites: readonly SignatureSite[]): HoleFact {
  const enclosing = enclosingSignature(sites, match.node);
  const marker = match.capture === 'todo_macro' ? 'todo_macro' : 'unimplemented_macro';
  return { marker, text: firstLine(match.node), range: rangeOf(match.node), rule: match.rule, ...(enclosing ? { enclosing } : {}) };
}

/** TODO/FIXME comments, todo!() and unimplemented!(). */
export function rustHoles(context: FileContext, sites: readonly SignatureSite[]): HoleFact[] {
  return ruleMatches(context, 'rust/holes').flatMap((match) => (match.capture === 'comment' ? commentHole(match, sites) : macroHole(match, sites)) ?? []);
}

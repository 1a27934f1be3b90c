import type { FileContext, HoleFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { commentHole, enclosingSignature, firstLine, ruleMatches, unquote, type RuleMatch, type SignatureSite } from '../common.js';

const NOT_DONE = /not (yet )?implemented|\bTODO\b/i;

function notImplementedHole(match: RuleMatch, sites: readonly SignatureSite[]): HoleFact | undefined {
  if (!NOT_DONE.test(unquote(match.parts.get('_message')!.text))) return undefined;
  const enclosing = enclosingSignature(sites, match.node);
  return { marker: 'not_implemented', text: firstLine(match.node), range: rangeOf(match.node), rule: match.rule, ...(enclosing ? { enclosing } : {}) };
}

/** TODO/FIXME comments and throw new UnsupportedOperationException("Not implemented ..."). */
export function javaHoles(context: FileContext, sites: readonly SignatureSite[]): HoleFact[] {
  return ruleMatches(context, 'java/holes').flatMap((match) => (match.capture === 'comment' ? commentHole(match, sites) : notImplementedHole(match, sites)) ?? []);
}

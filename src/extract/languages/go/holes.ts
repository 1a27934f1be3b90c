import type { FileContext, HoleFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { commentHole, enclosingSignature, firstLine, ruleMatches, unquote, type RuleMatch, type SignatureSite } from '../common.js';

const NOT_DONE = /^(TODO|FIXME|not (yet )?implemented|unimplemented)\b/i;

function panicHole(match: RuleMatch, sites: readonly SignatureSite[]): HoleFact | undefined {
  if (!NOT_DONE.test(unquote(match.parts.get('_message')!.text).trim())) return undefined;
  const enclosing = enclosingSignature(sites, match.node);
  return { marker: 'panic_todo', text: firstLine(match.node), range: rangeOf(match.node), rule: match.rule, ...(enclosing ? { enclosing } : {}) };
}

/** TODO/FIXME comments and panic("TODO ...") / panic("not implemented") calls. */
export function goHoles(context: FileContext, sites: readonly SignatureSite[]): HoleFact[] {
  return ruleMatches(context, 'go/holes').flatMap((match) => (match.capture === 'comment' ? commentHole(match, sites) : panicHole(match, sites)) ?? []);
}

import { LIMITS } from '../../../limits.js';
import type { HoleFact } from '../../facts.js';
import { byPosition, commentMarker, enclosingSignature, firstLine } from '../common.js';
import { located, type FileScan, type RuleMatch } from './scan.js';
import { signaturesOf } from './signatures.js';
import { stringValue } from './syntax.js';

/** Messages that say the code is not written yet: "not implemented", "Not yet implemented", "TODO: ...". */
const NOT_IMPLEMENTED = /^\s*(not\s+(yet\s+)?implemented|todo)\b/i;

function markerOf(match: RuleMatch): HoleFact['marker'] | undefined {
  if (match.capture === 'comment') return commentMarker(match.node.text);
  if (match.capture !== 'not_implemented') return undefined;
  const message = match.parts.get('_message');
  const text = message ? (stringValue(message) ?? message.text.slice(1, -1)) : '';
  return NOT_IMPLEMENTED.test(text) ? 'not_implemented' : undefined;
}

/** TODO/FIXME comments and not-implemented throws, each with the function it sits in. */
export function holeFacts(scan: FileScan): HoleFact[] {
  const sites = signaturesOf(scan);
  const holes = scan.matches('holes').flatMap((match): HoleFact[] => {
    const marker = markerOf(match);
    if (!marker) return [];
    const enclosing = enclosingSignature(sites, match.node);
    return [{ marker, text: firstLine(match.node), ...(enclosing ? { enclosing } : {}), ...located(match) }];
  });
  return byPosition(holes).slice(0, LIMITS.maxFindingsPerFile);
}

import type { ErrorFact, FileContext } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches, type RuleMatch } from '../common.js';

/**
 * go_err_check: each `if err != nil` follows it; a call whose last result is assigned to `_`
 * does not (Go returns the error last, so that discards it; a heuristic, as `_` may hold
 * another last result). go_err_wrap: fmt.Errorf with %w follows it, without %w does not.
 */
function errorFact(match: RuleMatch): ErrorFact | undefined {
  const located = { range: rangeOf(match.node), rule: match.rule };
  switch (match.capture) {
    case 'err_check':
      return { habit: 'go_err_check', conforming: true, ...located };
    case 'discarded_error':
      return { habit: 'go_err_check', conforming: false, ...located };
    case 'errorf':
      return { habit: 'go_err_wrap', conforming: match.parts.get('_format')!.text.includes('%w'), ...located };
    default:
      return undefined;
  }
}

export function goErrors(context: FileContext): ErrorFact[] {
  return ruleMatches(context, 'go/errors').flatMap((match) => errorFact(match) ?? []);
}

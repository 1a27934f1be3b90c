import type { Node } from 'web-tree-sitter';
import type { FileContext, TestFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches, type RuleMatch } from '../common.js';
import { itemAfter } from './attributes.js';

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** 'assert_eq' when the test compares with assert_eq!/assert_ne!, else 'assert' for assert!. */
function assertionStyle(test: Node, assertions: readonly RuleMatch[]): string | undefined {
  const inside = assertions.filter((assertion) => contains(test, assertion.node));
  if (inside.some((assertion) => assertion.capture === 'assert_eq')) return 'assert_eq';
  return inside.length ? 'assert' : undefined;
}

/** One fact per #[test] (or #[tokio::test]-style) function, run by cargo test. */
export function rustTests(context: FileContext): TestFact[] {
  // Without a test attribute in the text no test can match: skip the query (most files have none).
  if (!/#\[\s*(\w+::)*test\s*\]/.test(context.source)) return [];
  const matches = ruleMatches(context, 'rust/tests');
  const assertions = matches.filter((match) => match.capture !== 'test_attribute');
  return matches.flatMap((match) => {
    const test = match.capture === 'test_attribute' ? itemAfter(match.node) : undefined;
    if (test?.type !== 'function_item') return [];
    const style = assertionStyle(test, assertions);
    return [{ framework: 'cargo test', ...(style ? { assertion_style: style } : {}), range: rangeOf(test), rule: match.rule }];
  });
}

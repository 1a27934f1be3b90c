import type { Node } from 'web-tree-sitter';
import type { FileContext, TestFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { distinctMatches, ruleMatches, type RuleMatch } from '../common.js';

export const TEST_ANNOTATIONS = new Set(['Test', 'ParameterizedTest', 'RepeatedTest', 'TestFactory', 'TestTemplate']);

/** The framework the file's imports name; @Test without a known import is taken as JUnit 5. */
function frameworkOf(source: string): string {
  if (source.includes('org.junit.jupiter')) return 'junit5';
  if (source.includes('org.testng')) return 'testng';
  return /import\s+(static\s+)?org\.junit\./.test(source) ? 'junit4' : 'junit5';
}

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** 'assertThat' (AssertJ or Hamcrest) when the test uses it, else 'assertEquals' for JUnit's assertions. */
function assertionStyle(test: Node, assertions: readonly RuleMatch[]): string | undefined {
  const inside = assertions.filter((assertion) => contains(test, assertion.node));
  if (inside.some((assertion) => assertion.capture === 'fluent_assertion')) return 'assertThat';
  return inside.length ? 'assertEquals' : undefined;
}

/** One fact per @Test (or @ParameterizedTest, ...) method. */
export function javaTests(context: FileContext): TestFact[] {
  // Without a test annotation in the text no test can match: skip the query (most files have none).
  if (![...TEST_ANNOTATIONS].some((annotation) => context.source.includes(`@${annotation}`))) return [];
  const matches = distinctMatches(ruleMatches(context, 'java/tests'));
  const assertions = matches.filter((match) => match.capture !== 'test_method');
  const framework = frameworkOf(context.source);
  return matches
    .filter((match) => match.capture === 'test_method')
    .map(({ node, rule }) => {
      const style = assertionStyle(node, assertions);
      return { framework, ...(style ? { assertion_style: style } : {}), range: rangeOf(node), rule };
    });
}

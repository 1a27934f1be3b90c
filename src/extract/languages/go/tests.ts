import type { Node } from 'web-tree-sitter';
import type { FileContext, TestFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches, type RuleMatch } from '../common.js';

/** TestX(t *testing.T), BenchmarkX(b *testing.B) and FuzzX(f *testing.F): names the toolchain requires. */
export function isTestFunction(node: Node): boolean {
  const name = node.childForFieldName('name')?.text ?? '';
  const type = node.childForFieldName('parameters')?.namedChildren[0]?.childForFieldName('type')?.text;
  return /^(Test|Benchmark|Fuzz)/.test(name) && /^\*testing\.[TBF]$/.test(type ?? '');
}

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** 'testify' when the test calls assert/require (and the file imports testify), else 't.Errorf' when it calls t.Error or t.Fatal (and variants). */
function assertionStyle(test: Node, assertions: readonly RuleMatch[], usesTestify: boolean): string | undefined {
  const inside = assertions.filter((assertion) => contains(test, assertion.node));
  if (usesTestify && inside.some((assertion) => assertion.capture === 'testify_assertion')) return 'testify';
  if (inside.some((assertion) => assertion.capture === 'testing_assertion')) return 't.Errorf';
  return undefined;
}

/** One fact per `func TestX(t *testing.T)`, with the assertion style its body uses. */
export function goTests(context: FileContext): TestFact[] {
  // Without *testing.T in the text no pattern can match: skip the query (most files are not tests).
  if (!context.source.includes('*testing.T')) return [];
  const matches = ruleMatches(context, 'go/tests');
  const assertions = matches.filter((match) => match.capture !== 'test_function');
  const usesTestify = context.source.includes('"github.com/stretchr/testify/');
  return matches
    .filter((match) => match.capture === 'test_function')
    .map(({ node, rule }) => {
      const style = assertionStyle(node, assertions, usesTestify);
      return { framework: 'testing', ...(style ? { assertion_style: style } : {}), range: rangeOf(node), rule };
    });
}

import type { Range } from '../../../constraints/schema.js';
import type { TestFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { byPosition } from '../common.js';
import { importsOf } from './imports.js';
import { located, perFile, type FileScan, type RuleMatch } from './scan.js';
import { stringValue } from './syntax.js';

/** Test frameworks by the module a test file imports, strongest evidence first. */
const FRAMEWORK_MODULES: ReadonlyArray<[string, string]> = [
  ['vitest', 'vitest'],
  ['@jest/globals', 'jest'],
  ['node:test', 'node:test'],
  ['mocha', 'mocha'],
  ['chai', 'mocha'],
];

const ASSERTION_STYLES: Record<string, string> = { expect: 'expect', assert: 'assert', should: 'should' };
const ASSERT_MODULES = new Set(['assert', 'node:assert', 'assert/strict', 'node:assert/strict']);

/**
 * The framework a file's tests run on: from its imports, else (in test files) from `vi.*` /
 * `jest.*` calls (vitest with globals, jest); undefined when nothing says.
 */
function frameworkOf(scan: FileScan): string | undefined {
  const modules = new Set(importsOf(scan).facts.map((fact) => fact.module));
  for (const [module, framework] of FRAMEWORK_MODULES) if (modules.has(module)) return framework;
  if (!scan.context.isTest) return undefined;
  const mocks = new Set(scan.matches('tests').filter((match) => match.capture === 'mock_call').map((match) => match.parts.get('_object')?.text));
  if (mocks.has('vi')) return 'vitest';
  if (mocks.has('jest')) return 'jest';
  return undefined;
}

function styleCounts(matches: RuleMatch[], start: number, end: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of matches) {
    if (match.node.startIndex < start || match.node.endIndex > end) continue;
    const style = ASSERTION_STYLES[match.capture]!;
    counts.set(style, (counts.get(style) ?? 0) + 1);
  }
  return counts;
}

/** The style used most inside [start, end); ties go to expect, then assert, then should. */
function dominantStyle(matches: RuleMatch[], start: number, end: number): string | undefined {
  const counts = styleCounts(matches, start, end);
  let best: string | undefined;
  for (const style of Object.values(ASSERTION_STYLES)) if ((counts.get(style) ?? 0) > (best ? counts.get(best)! : 0)) best = style;
  return best;
}

export interface TestCase {
  fact: TestFact;
  name: string;
  nameRange: Range;
}

/**
 * One test fact per `it(...)` / `test(...)` call (with `.only`, `.skip`, `.todo`, `.each`),
 * in test files and in files that import a test framework; none elsewhere.
 */
export const testCases = perFile((scan: FileScan): TestCase[] => {
  const framework = frameworkOf(scan);
  if (!scan.context.isTest && framework === undefined) return [];
  const matches = scan.matches('tests');
  const assertions = matches.filter((match) => match.capture in ASSERTION_STYLES);
  const fileStyle = dominantStyle(assertions, 0, Number.MAX_SAFE_INTEGER) ?? (importsOf(scan).facts.some((fact) => ASSERT_MODULES.has(fact.module)) ? 'assert' : undefined);
  return matches.flatMap((match): TestCase[] => {
    const nameNode = match.parts.get('_name');
    if (match.capture !== 'test_case' || !nameNode) return [];
    const style = dominantStyle(assertions, match.node.startIndex, match.node.endIndex) ?? fileStyle;
    const fact: TestFact = { framework: framework ?? 'unknown', ...(style ? { assertion_style: style } : {}), ...located(match) };
    return [{ fact, name: stringValue(nameNode) ?? nameNode.text.slice(1, -1), nameRange: rangeOf(nameNode) }];
  });
});

export function testFacts(scan: FileScan): TestFact[] {
  return byPosition(testCases(scan).map((test) => test.fact));
}

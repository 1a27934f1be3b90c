import type { Node } from 'web-tree-sitter';
import type { TestFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import type { PythonFile } from './file.js';
import { importsAny } from './imports.js';
import { enclosingFunction, isModuleLevel, owningClass } from './syntax.js';

export interface TestFunction {
  node: Node;
  rule: string;
  framework: 'pytest' | 'unittest';
}

/** Assertion styles in the order that wins a tie. */
const STYLES: Record<string, string> = { assert: 'assert', self_assert: 'self.assert', pytest_raises: 'pytest.raises' };

/** Test code is looked for in test files and in files that import a test framework. */
function mayHoldTests(file: PythonFile): boolean {
  return file.context.isTest || importsAny(file, ['pytest', 'unittest']);
}

function testCaseClasses(file: PythonFile): Set<number> {
  return new Set(file.found('tests').filter((found) => found.capture === 'test_case').map((found) => found.node.id));
}

/** pytest: test* functions at module level or in Test* classes; unittest: test* methods of TestCase subclasses. */
function frameworkOf(definition: Node, testCases: Set<number>): TestFunction['framework'] | undefined {
  const owner = owningClass(definition);
  if (owner) {
    if (testCases.has(owner.id)) return 'unittest';
    return owner.childForFieldName('name')?.text.startsWith('Test') ? 'pytest' : undefined;
  }
  return isModuleLevel(definition) ? 'pytest' : undefined;
}

/** Test functions and methods by node id. */
export function testFunctionsOf(file: PythonFile): Map<number, TestFunction> {
  return file.derived('testFunctions', () => {
    const tests = new Map<number, TestFunction>();
    if (!mayHoldTests(file)) return tests;
    const testCases = testCaseClasses(file);
    for (const found of file.found('tests').filter((candidate) => candidate.capture === 'test')) {
      const framework = frameworkOf(found.node, testCases);
      if (framework) tests.set(found.node.id, { node: found.node, rule: found.rule, framework });
    }
    return tests;
  });
}

/** Per test function, how many assertions of each style it makes. */
function assertionCounts(file: PythonFile, tests: Map<number, TestFunction>): Map<number, Map<string, number>> {
  const counts = new Map<number, Map<string, number>>();
  for (const found of file.found('tests')) {
    const style = STYLES[found.capture];
    const owner = style ? enclosingFunction(found.node) : undefined;
    if (!style || !owner || !tests.has(owner.id)) continue;
    const styles = counts.get(owner.id) ?? new Map<string, number>();
    styles.set(style, (styles.get(style) ?? 0) + 1);
    counts.set(owner.id, styles);
  }
  return counts;
}

function dominantStyle(styles: Map<string, number> | undefined): string | undefined {
  if (!styles) return undefined;
  const order = Object.values(STYLES);
  return [...styles.entries()].sort(([a, x], [b, y]) => y - x || order.indexOf(a) - order.indexOf(b))[0]?.[0];
}

export function testFacts(file: PythonFile): TestFact[] {
  const tests = testFunctionsOf(file);
  const counts = assertionCounts(file, tests);
  return [...tests.values()].map((test) => {
    const style = dominantStyle(counts.get(test.node.id));
    return { range: rangeOf(test.node), rule: test.rule, framework: test.framework, ...(style ? { assertion_style: style } : {}) };
  });
}

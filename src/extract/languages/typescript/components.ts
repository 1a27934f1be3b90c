import type { Node } from 'web-tree-sitter';
import type { Parameter } from '../../../constraints/schema.js';
import { ancestorOfType } from '../common.js';
import { perFile, type FileScan } from './scan.js';
import { FUNCTION_NODES } from './syntax.js';

/** Ids of the function nodes that return JSX (from a `return` or as an arrow's body). */
const jsxReturningFunctions = perFile((scan: FileScan): ReadonlySet<number> => {
  const ids = new Set<number>();
  for (const match of scan.jsxMatches('components')) {
    const owner = match.capture === 'jsx_arrow' ? match.node : ancestorOfType(match.node, FUNCTION_NODES);
    if (owner) ids.add(owner.id);
  }
  return ids;
});

const PROPS_TYPE = /Props|\bFC\b|FunctionComponent/;

/**
 * A React component: a function that returns JSX and either takes a props-typed first
 * parameter (or is declared with a component type such as `FC<Props>`), or, written without
 * types, has a PascalCase name and no parameter or an untyped one.
 */
export function isComponent(scan: FileScan, fn: Node, name: string, parameters: Parameter[], declaredType?: string): boolean {
  if (!jsxReturningFunctions(scan).has(fn.id)) return false;
  const first = parameters[0];
  if (first?.type !== undefined) return PROPS_TYPE.test(first.type);
  if (declaredType !== undefined) return PROPS_TYPE.test(declaredType);
  return /^[A-Z][A-Za-z0-9]*$/.test(name);
}

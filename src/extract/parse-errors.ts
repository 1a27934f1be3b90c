import type { Node, Tree } from 'web-tree-sitter';
import type { ParseError } from '../constraints/schema.js';
import { LIMITS } from '../limits.js';
import { rangeOf } from './ranges.js';

function describe(node: Node): ParseError['kind'] {
  return node.isMissing ? 'missing' : 'error';
}

function message(node: Node): string {
  if (node.isMissing) return `missing ${JSON.stringify(node.type)}`;
  const text = node.text.split('\n')[0]!.slice(0, 40);
  return text ? `syntax error near ${JSON.stringify(text)}` : 'syntax error';
}

/** ERROR and MISSING nodes of an error-tolerant tree, outermost first, in source order. */
export function collectParseErrors(file: string, tree: Tree): ParseError[] {
  if (!tree.rootNode.hasError) return [];
  const errors: ParseError[] = [];
  const visit = (node: Node): void => {
    if (errors.length >= LIMITS.maxParseErrorsPerFile) return;
    if (node.isError || node.isMissing) {
      errors.push({ file, range: rangeOf(node), kind: describe(node), message: message(node) });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  return errors;
}

import type { Node } from 'web-tree-sitter';
import type { Range } from '../constraints/schema.js';

/** 1-based line/column range of a node (columns in UTF-16 code units, as web-tree-sitter counts). */
export function rangeOf(node: Node): Range {
  return {
    start: { line: node.startPosition.row + 1, column: node.startPosition.column + 1 },
    end: { line: node.endPosition.row + 1, column: node.endPosition.column + 1 },
  };
}

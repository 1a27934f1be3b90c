import type { Node } from 'web-tree-sitter';
import type { ImportPayload, Range } from '../../../constraints/schema.js';
import type { FileContext, ImportFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches } from '../common.js';

/** Crates that ship with the toolchain. */
const STDLIB = new Set(['std', 'core', 'alloc', 'proc_macro', 'test']);
const RELATIVE = new Set(['crate', 'self', 'super']);

export function rustImportOrigin(module: string): ImportPayload['origin'] {
  const root = module.split('::')[0]!;
  if (RELATIVE.has(root)) return 'relative';
  return STDLIB.has(root) ? 'stdlib' : 'package';
}

interface Leaf {
  module: string[];
  name?: string;
}

function split(path: Node | null): string[] {
  return path ? path.text.split('::').map((segment) => segment.trim()) : [];
}

/** Every path a use tree brings in: `a::{b::C, d as e}` gives a::b → C and a → d. */
function leavesOf(tree: Node, prefix: string[]): Leaf[] {
  switch (tree.type) {
    case 'use_as_clause':
      return leavesOf(tree.childForFieldName('path')!, prefix);
    case 'use_wildcard':
      return [{ module: [...prefix, ...split(tree.namedChildren[0] ?? null)], name: '*' }];
    case 'scoped_use_list':
      return leavesOf(tree.childForFieldName('list')!, [...prefix, ...split(tree.childForFieldName('path'))]);
    case 'use_list':
      return tree.namedChildren.flatMap((child) => leavesOf(child, prefix));
    default: {
      const segments = [...prefix, ...split(tree)];
      return segments.length > 1 ? [{ module: segments.slice(0, -1), name: segments.at(-1)! }] : [{ module: segments }];
    }
  }
}

/** One fact per module a `use` declaration imports from, with the names it takes. */
function useFacts(argument: Node, located: { range: Range; rule: string }): ImportFact[] {
  const names = new Map<string, string[]>();
  for (const leaf of leavesOf(argument, [])) {
    const module = leaf.module.join('::');
    names.set(module, [...(names.get(module) ?? []), ...(leaf.name ? [leaf.name] : [])]);
  }
  return [...names].map(([module, imported]) => ({ module, origin: rustImportOrigin(module), names: imported, ...located }));
}

export function rustImports(context: FileContext): ImportFact[] {
  return ruleMatches(context, 'rust/imports').flatMap(({ rule, capture, node, parts }) => {
    const located = { range: rangeOf(node), rule };
    if (capture === 'extern_crate') {
      const module = parts.get('_name')!.text;
      return [{ module, origin: rustImportOrigin(module), names: [], ...located }];
    }
    return useFacts(parts.get('_argument')!, located);
  });
}

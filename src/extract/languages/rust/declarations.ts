import type { Node } from 'web-tree-sitter';
import type { NamingTarget } from '../../../constraints/schema.js';
import type { DeclarationFact, FileContext } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches } from '../common.js';
import { attributesOf, attributeName } from './attributes.js';

const TARGET_OF_RULE: Record<string, NamingTarget> = {
  function_signature: 'method', struct: 'type', enum: 'type', trait: 'type', type_alias: 'type', constant: 'constant',
  static: 'constant', variable: 'variable', parameter: 'parameter', closure_parameter: 'parameter',
};

/** Names the language or toolchain forces. */
const FORCED = new Set(['_', 'main']);

export function isTestFunction(item: Node): boolean {
  return attributesOf(item).some((attribute) => /(^|::)test$/.test(attributeName(attribute)));
}

function functionTarget(item: Node): NamingTarget {
  if (isTestFunction(item)) return 'test';
  const container = item.parent?.parent?.type;
  return container === 'impl_item' || container === 'trait_item' ? 'method' : 'function';
}

/** Every declared name with its naming target; self, `_` and main are left out. */
export function rustDeclarations(context: FileContext): DeclarationFact[] {
  return ruleMatches(context, 'rust/declarations').flatMap(({ rule, capture, node, parts }) => {
    const name = parts.get('_name')!;
    const target = capture === 'function' ? functionTarget(node) : TARGET_OF_RULE[capture];
    if (!target || FORCED.has(name.text) || name.text.startsWith('r#')) return [];
    return [{ name: name.text, target, range: rangeOf(name), rule }];
  });
}

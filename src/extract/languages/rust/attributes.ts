import type { Node } from 'web-tree-sitter';
import type { FileContext } from '../../facts.js';

const COMMENTS = new Set(['line_comment', 'block_comment']);

/** Outer attributes written before an item (`#[derive(...)]`, `#[serde(...)]`), in source order. */
export function attributesOf(item: Node): Node[] {
  const attributes: Node[] = [];
  for (let sibling = item.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    if (sibling.type === 'attribute_item') attributes.unshift(sibling);
    else if (!COMMENTS.has(sibling.type)) break;
  }
  return attributes;
}

/** The item an outer attribute applies to. */
export function itemAfter(attribute: Node): Node | undefined {
  for (let sibling = attribute.nextNamedSibling; sibling; sibling = sibling.nextNamedSibling) {
    if (sibling.type !== 'attribute_item' && !COMMENTS.has(sibling.type)) return sibling;
  }
  return undefined;
}

/** Path of an attribute: "derive", "serde", "tokio::test". */
export function attributeName(attributeItem: Node): string {
  const attribute = attributeItem.namedChildren.find((child) => child.type === 'attribute');
  return attribute?.namedChildren.find((child) => child.type !== 'token_tree')?.text ?? '';
}

function attributeArguments(attributeItem: Node): string {
  const attribute = attributeItem.namedChildren.find((child) => child.type === 'attribute');
  return attribute?.childForFieldName('arguments')?.text.slice(1, -1) ?? '';
}

/** Names in #[derive(...)]: `thiserror::Error` counts as "Error". */
export function derivesOf(attributes: readonly Node[]): string[] {
  return attributes
    .filter((attribute) => attributeName(attribute) === 'derive')
    .flatMap((attribute) => attributeArguments(attribute).split(',').map((name) => name.trim().split('::').at(-1)!));
}

/** Options of the #[serde(...)] attributes: `rename = "x"` gives rename → "x", `default` gives default → true. */
export function serdeOptions(attributes: readonly Node[]): Map<string, string | true> {
  const options = new Map<string, string | true>();
  for (const attribute of attributes) {
    if (attributeName(attribute) !== 'serde') continue;
    for (const option of attributeArguments(attribute).matchAll(/([A-Za-z_]+)\s*(?:=\s*"([^"]*)")?/g)) {
      options.set(option[1]!, option[2] ?? true);
    }
  }
  return options;
}

function isTestAttribute(attribute: Node): boolean {
  const name = attributeName(attribute);
  return name === 'test' || name.endsWith('::test') || (name === 'cfg' && /^\(\s*test\s*\)$/.test(attribute.text.slice(attribute.text.indexOf('cfg') + 3, -1)));
}

/** True in files under tests/, in #[cfg(test)] modules and in #[test] functions. */
export function isTestCode(node: Node, context: FileContext): boolean {
  if (context.isTest) return true;
  for (let current = node.parent; current; current = current.parent) {
    if ((current.type === 'mod_item' || current.type === 'function_item') && attributesOf(current).some(isTestAttribute)) return true;
  }
  return false;
}

import type { Node } from 'web-tree-sitter';
import type { Parameter, SignaturePayload } from '../../../constraints/schema.js';
import type { FileContext } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { headerText, ruleMatches, type SignatureFound } from '../common.js';
import { attributesOf } from './attributes.js';

export function compactText(node: Node | null | undefined): string | undefined {
  return node ? node.text.replace(/\s+/g, ' ').trim() : undefined;
}

/** `pub` exactly: pub(crate) and pub(super) do not leave the crate. */
export function isPublic(item: Node): boolean {
  return item.namedChildren.some((child) => child.type === 'visibility_modifier' && child.text === 'pub');
}

/** The type's own name: `Repo<T>` and `crate::db::Repo` give "Repo". */
export function typeName(type: Node | null): string | undefined {
  if (!type) return undefined;
  if (type.type === 'generic_type') return typeName(type.childForFieldName('type'));
  if (type.type === 'scoped_type_identifier') return type.childForFieldName('name')?.text;
  return type.text;
}

/** `&mut self` is a parameter named self of type `&mut Self`. */
function selfParameter(node: Node): Parameter {
  const text = compactText(node)!;
  return { name: 'self', type: text.startsWith('&') ? text.replace(/\bself$/, 'Self') : 'Self', optional: false, rest: false };
}

function parametersOf(list: Node | null): Parameter[] {
  return (list?.namedChildren ?? []).flatMap((parameter) => {
    if (parameter.type === 'self_parameter') return [selfParameter(parameter)];
    if (parameter.type !== 'parameter') return [];
    const type = compactText(parameter.childForFieldName('type'));
    return [{ name: compactText(parameter.childForFieldName('pattern')) ?? '_', ...(type ? { type } : {}), optional: false, rest: false }];
  });
}

function containerOf(item: Node): Node | undefined {
  const container = item.parent?.parent;
  return container?.type === 'impl_item' || container?.type === 'trait_item' ? container : undefined;
}

/** `pub`, or a method of a `pub trait`, or a trait method implemented for a type (public wherever the trait is). */
function isExported(item: Node, container: Node | undefined): boolean {
  if (isPublic(item)) return true;
  if (container?.type === 'trait_item') return isPublic(container);
  return container?.type === 'impl_item' && container.childForFieldName('trait') !== null;
}

export function rustSignature(item: Node, kind: SignaturePayload['kind']): SignaturePayload {
  const container = containerOf(item);
  const containerName = container?.type === 'impl_item' ? typeName(container.childForFieldName('type')) : container?.childForFieldName('name')?.text;
  const returns = compactText(item.childForFieldName('return_type'));
  const modifiers = item.namedChildren.find((child) => child.type === 'function_modifiers');
  return {
    name: item.childForFieldName('name')!.text,
    kind,
    ...(containerName ? { container: containerName } : {}),
    parameters: parametersOf(item.childForFieldName('parameters')),
    ...(returns ? { returns } : {}),
    type_parameters: (item.childForFieldName('type_parameters')?.namedChildren ?? []).map((parameter) => compactText(parameter)!),
    async: modifiers?.children.some((modifier) => modifier.type === 'async') ?? false,
    exported: isExported(item, container),
    decorators: attributesOf(item).map((attribute) => compactText(attribute)!),
    header: headerText(item, item.childForFieldName('body')).replace(/;$/, ''),
  };
}

export function rustSignatures(context: FileContext): SignatureFound[] {
  return ruleMatches(context, 'rust/signatures').map(({ rule, capture, node }) => ({
    payload: rustSignature(node, capture === 'function' ? 'function' : 'method'),
    range: rangeOf(node),
    rule,
    startIndex: node.startIndex,
    endIndex: node.endIndex,
  }));
}

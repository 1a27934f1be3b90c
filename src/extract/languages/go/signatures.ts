import type { Node } from 'web-tree-sitter';
import type { Parameter, SignaturePayload } from '../../../constraints/schema.js';
import type { FileContext } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { headerText, ruleMatches, type SignatureFound } from '../common.js';

const KIND_OF_RULE: Record<string, SignaturePayload['kind']> = { function: 'function', method: 'method', interface_method: 'method' };

/** Go exports a name by capitalising it. */
export function isExported(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}

export function compactText(node: Node | null | undefined): string | undefined {
  return node ? node.text.replace(/\s+/g, ' ').trim() : undefined;
}

/** Parameters of a parameter_list; `a, b int` gives two, unnamed ones are called "_". */
export function parametersOf(list: Node | null): Parameter[] {
  if (!list) return [];
  return list.namedChildren.flatMap((declaration) => {
    if (declaration.type !== 'parameter_declaration' && declaration.type !== 'variadic_parameter_declaration') return [];
    const type = compactText(declaration.childForFieldName('type'));
    const rest = declaration.type === 'variadic_parameter_declaration';
    const names = declaration.childrenForFieldName('name').map((name) => name.text);
    return (names.length ? names : ['_']).map((name) => ({ name, ...(type ? { type } : {}), optional: false, rest }));
  });
}

/** `[K comparable, V any]` gives ["K comparable", "V any"]. */
function typeParametersOf(list: Node | null): string[] {
  if (!list) return [];
  return list.namedChildren.flatMap((declaration) => {
    if (declaration.type !== 'type_parameter_declaration') return [];
    const constraint = compactText(declaration.childForFieldName('type')) ?? '';
    return declaration.childrenForFieldName('name').map((name) => `${name.text} ${constraint}`.trim());
  });
}

/** Name of the receiver's type: `(s *Store[T])` gives "Store". */
function receiverTypeName(receiver: Node | null): string | undefined {
  let type = receiver?.namedChildren.find((child) => child.type === 'parameter_declaration')?.childForFieldName('type') ?? null;
  while (type && type.type !== 'type_identifier') {
    type = type.type === 'generic_type' ? type.childForFieldName('type') : type.namedChildren[0] ?? null;
  }
  return type?.text;
}

/** Name of the interface a method spec belongs to. */
function interfaceName(methodSpec: Node): string | undefined {
  const spec = methodSpec.parent?.parent;
  return spec?.type === 'type_spec' ? spec.childForFieldName('name')?.text : undefined;
}

function containerOf(node: Node): string | undefined {
  if (node.type === 'method_declaration') return receiverTypeName(node.childForFieldName('receiver'));
  if (node.type === 'method_elem') return interfaceName(node);
  return undefined;
}

export function goSignature(node: Node, kind: SignaturePayload['kind']): SignaturePayload {
  const name = node.childForFieldName('name')!.text;
  const container = containerOf(node);
  const returns = compactText(node.childForFieldName('result'));
  return {
    name,
    kind,
    ...(container ? { container } : {}),
    parameters: parametersOf(node.childForFieldName('parameters')),
    ...(returns ? { returns } : {}),
    type_parameters: typeParametersOf(node.childForFieldName('type_parameters')),
    async: false,
    exported: isExported(name),
    decorators: [],
    header: headerText(node, node.childForFieldName('body')),
  };
}

export function goSignatures(context: FileContext): SignatureFound[] {
  return ruleMatches(context, 'go/signatures').map(({ rule, capture, node }) => ({
    payload: goSignature(node, KIND_OF_RULE[capture] ?? 'function'),
    range: rangeOf(node),
    rule,
    startIndex: node.startIndex,
    endIndex: node.endIndex,
  }));
}

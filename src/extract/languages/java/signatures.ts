import type { Node } from 'web-tree-sitter';
import type { Parameter, SignaturePayload } from '../../../constraints/schema.js';
import type { FileContext } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { headerText, ruleMatches, type SignatureFound } from '../common.js';
import { annotationsOf, compactText, enclosingType, hasModifier } from './syntax.js';

const PARAMETER_TYPES = new Set(['formal_parameter', 'spread_parameter']);

/** The parameter's type without annotations or `final`. */
function parameter(node: Node): Parameter {
  if (node.type === 'spread_parameter') {
    const type = node.namedChildren.find((child) => child.type !== 'modifiers' && child.type !== 'variable_declarator' && !child.type.endsWith('annotation'));
    const name = node.namedChildren.find((child) => child.type === 'variable_declarator')?.childForFieldName('name')?.text ?? '_';
    return { name, ...(type ? { type: compactText(type)! } : {}), optional: false, rest: true };
  }
  return { name: node.childForFieldName('name')!.text, type: compactText(node.childForFieldName('type'))!, optional: false, rest: false };
}

/** `public`, or any non-private member of an interface (public there by default). */
function isExported(member: Node, container: Node | undefined): boolean {
  if (hasModifier(member, 'public')) return true;
  return container?.type === 'interface_declaration' && !hasModifier(member, 'private');
}

/** The header up to the body, after the annotations (they are the decorators). */
function headerOf(member: Node): string {
  const lastAnnotation = annotationsOf(member).at(-1);
  const header = headerText(member, member.childForFieldName('body')).replace(/;$/, '');
  if (!lastAnnotation) return header;
  const annotated = member.text.slice(0, lastAnnotation.endIndex - member.startIndex).replace(/\s+/g, ' ').trim();
  return header.slice(annotated.length).trim();
}

export function javaSignature(member: Node, kind: SignaturePayload['kind']): SignaturePayload {
  const container = enclosingType(member);
  const containerName = container?.childForFieldName('name')?.text;
  const returns = kind === 'constructor' ? undefined : compactText(member.childForFieldName('type'));
  const parameters = member.childForFieldName('parameters')?.namedChildren.filter((child) => PARAMETER_TYPES.has(child.type)) ?? [];
  return {
    name: member.childForFieldName('name')!.text,
    kind,
    ...(containerName ? { container: containerName } : {}),
    parameters: parameters.map(parameter),
    ...(returns ? { returns } : {}),
    type_parameters: (member.childForFieldName('type_parameters')?.namedChildren ?? []).map((typeParameter) => compactText(typeParameter)!),
    async: false,
    exported: isExported(member, container),
    decorators: annotationsOf(member).map((annotation) => compactText(annotation)!),
    header: headerOf(member),
  };
}

export function javaSignatures(context: FileContext): SignatureFound[] {
  return ruleMatches(context, 'java/signatures').map(({ rule, capture, node }) => ({
    payload: javaSignature(node, capture === 'constructor' ? 'constructor' : 'method'),
    range: rangeOf(node),
    rule,
    startIndex: node.startIndex,
    endIndex: node.endIndex,
  }));
}

import type { Node } from 'web-tree-sitter';
import type { Parameter, SignaturePayload } from '../../../constraints/schema.js';
import type { SignatureFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { headerText } from '../common.js';
import type { PythonFile } from './file.js';
import { isDunder } from './names.js';
import { decoratorsOf, decoratorText, isModuleLevel, oneLine, owningClass, tidyBrackets } from './syntax.js';

type SignatureKind = 'function' | 'method' | 'constructor';
const PRIORITY: Record<SignatureKind, number> = { constructor: 3, method: 2, function: 1 };

export interface FunctionInfo {
  node: Node;
  rule: string;
  payload: SignaturePayload;
}

function isSplat(node: Node): boolean {
  return node.type === 'list_splat_pattern' || node.type === 'dictionary_splat_pattern';
}

function splatName(node: Node): string {
  return node.namedChildren[0]?.text ?? node.text.replace(/^\*+/, '');
}

function parameterOf(node: Node): Parameter | undefined {
  const type = node.childForFieldName('type');
  const value = node.childForFieldName('value');
  const typed = type ? { type: oneLine(type.text) } : {};
  const defaulted = value ? { default: oneLine(value.text) } : {};
  switch (node.type) {
    case 'identifier':
      return { name: node.text, optional: false, rest: false };
    case 'list_splat_pattern': case 'dictionary_splat_pattern':
      return { name: splatName(node), optional: false, rest: true };
    case 'typed_parameter': {
      const target = node.namedChildren[0]!;
      const rest = isSplat(target);
      return { name: rest ? splatName(target) : target.text, ...typed, optional: false, rest };
    }
    case 'default_parameter': case 'typed_default_parameter':
      return { name: node.childForFieldName('name')?.text ?? '', ...typed, ...defaulted, optional: true, rest: false };
    default:
      return undefined;
  }
}

export function parametersOf(definition: Node): Parameter[] {
  const list = definition.childForFieldName('parameters');
  return (list?.namedChildren ?? []).flatMap((child) => {
    const parameter = child ? parameterOf(child) : undefined;
    return parameter ? [parameter] : [];
  });
}

function typeParametersOf(definition: Node): string[] {
  const list = definition.childForFieldName('type_parameters');
  return (list?.namedChildren ?? []).flatMap((child) => (child ? [oneLine(child.text)] : []));
}

function isPublicName(name: string): boolean {
  return !name.startsWith('_') || isDunder(name);
}

/** Module-level functions and methods of module-level classes are public unless `_`-prefixed. */
function isExported(definition: Node, name: string, owner: Node | undefined): boolean {
  if (!owner) return isModuleLevel(definition) && !name.startsWith('_');
  const className = owner.childForFieldName('name')?.text ?? '';
  return isModuleLevel(owner) && !className.startsWith('_') && isPublicName(name);
}

/**
 * The header on one line, up to its closing `:` (a comment between the `:` and the body is not
 * part of it), without the spaces a multi-line parameter list leaves inside its brackets.
 */
function headerOf(definition: Node): string {
  const colon = [...definition.children].reverse().find((child) => child?.type === ':');
  const header = colon ? `${headerText(definition, colon)}:` : headerText(definition, definition.childForFieldName('body'));
  return tidyBrackets(header);
}

function payloadOf(definition: Node, kind: SignatureKind): SignaturePayload {
  const name = definition.childForFieldName('name')?.text ?? '';
  const owner = kind === 'function' ? undefined : owningClass(definition);
  const returns = definition.childForFieldName('return_type');
  const container = owner?.childForFieldName('name')?.text;
  return {
    name,
    kind,
    ...(container ? { container } : {}),
    parameters: parametersOf(definition),
    ...(returns ? { returns: oneLine(returns.text) } : {}),
    type_parameters: typeParametersOf(definition),
    async: definition.children[0]?.type === 'async',
    exported: isExported(definition, name, owner),
    decorators: decoratorsOf(definition).map(decoratorText),
    header: headerOf(definition),
  };
}

/** Every function, method and constructor of the file by node id, in source order. */
export function functionsOf(file: PythonFile): Map<number, FunctionInfo> {
  return file.derived('functions', () => {
    const best = new Map<number, { node: Node; kind: SignatureKind; rule: string }>();
    for (const found of file.found('signatures')) {
      const kind = found.capture as SignatureKind;
      const kept = best.get(found.node.id);
      if (!kept || PRIORITY[kind] > PRIORITY[kept.kind]) best.set(found.node.id, { node: found.node, kind, rule: found.rule });
    }
    const ordered = [...best.values()].sort((a, b) => a.node.startIndex - b.node.startIndex);
    return new Map(ordered.map(({ node, kind, rule }) => [node.id, { node, rule, payload: payloadOf(node, kind) }]));
  });
}

export function signatureFacts(file: PythonFile): SignatureFact[] {
  return [...functionsOf(file).values()].map(({ node, rule, payload }) => ({ range: rangeOf(node), rule, payload }));
}

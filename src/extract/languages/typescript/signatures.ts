import type { Node } from 'web-tree-sitter';
import type { SignaturePayload } from '../../../constraints/schema.js';
import type { SignatureFact } from '../../facts.js';
import { byPosition, headerText, type SignatureFound } from '../common.js';
import { isComponent } from './components.js';
import { isExported, isExportedMember } from './exports.js';
import { annotationText, parametersOf } from './parameters.js';
import { located, perFile, type FileScan, type RuleMatch } from './scan.js';
import { containerName, exportWrapper, hasToken, oneLine } from './syntax.js';

/** A signature with the extent of its function node (for arrows: the arrow, not the variable). */
export interface FoundSignature extends SignatureFound {
  fn: Node;
}

interface Shape {
  kind: SignaturePayload['kind'];
  /** Where the header starts: the declaration, or the `export` statement around it. */
  start: Node;
  fn: Node;
  exported: boolean;
  container?: string | undefined;
  decorators?: string[];
  declaredType?: string | undefined;
}

function decoratorText(decorator: Node): string {
  return oneLine(decorator.text.replace(/^@/, ''));
}

/** Decorators of a class member: `@x` siblings before it (TypeScript) or children of it (JavaScript). */
function memberDecorators(member: Node): string[] {
  const before: string[] = [];
  for (let sibling = member.previousNamedSibling; sibling?.type === 'decorator'; sibling = sibling.previousNamedSibling) before.unshift(decoratorText(sibling));
  const inside = member.namedChildren.filter((child): child is Node => child?.type === 'decorator').map(decoratorText);
  return [...before, ...inside];
}

/** The statement a declarator's header starts at: `export const`, `const`, or the declarator itself. */
function declaratorStart(declarator: Node): Node {
  const statement = declarator.parent;
  if (!statement || statement.namedChildren[0]?.id !== declarator.id) return declarator;
  return exportWrapper(statement) ?? statement;
}

function shapeOf(scan: FileScan, match: RuleMatch, name: string): Shape | undefined {
  const node = match.node;
  const value = match.parts.get('_value');
  switch (match.capture) {
    case 'function': case 'overload':
      return { kind: 'function', start: exportWrapper(node) ?? node, fn: node, exported: isExported(scan, node, name) };
    case 'method': case 'abstract_method': case 'constructor':
      return {
        kind: match.capture === 'constructor' ? 'constructor' : 'method', start: node, fn: node,
        exported: isExportedMember(scan, node), container: containerName(node), decorators: memberDecorators(node),
      };
    case 'arrow':
      return value && {
        kind: value.type === 'arrow_function' ? 'arrow' : 'function', start: declaratorStart(node), fn: value,
        exported: isExported(scan, node, name), declaredType: annotationText(node.childForFieldName('type')),
      };
    case 'field_arrow':
      return value && {
        kind: 'arrow', start: node, fn: value, exported: isExportedMember(scan, node),
        container: containerName(node), decorators: memberDecorators(node),
      };
    case 'exported_function':
      return value && { kind: value.type === 'arrow_function' ? 'arrow' : 'function', start: node, fn: value, exported: true };
    default:
      return undefined;
  }
}

function headerOf(start: Node, fn: Node): string {
  const body = fn.childForFieldName('body');
  return headerText(start, body).replace(/;$/, '').replace(/(\S)=>$/, '$1 =>');
}

function signatureOf(scan: FileScan, match: RuleMatch): FoundSignature | undefined {
  const nameNode = match.parts.get('_name');
  if (!nameNode) return undefined;
  const name = nameNode.text;
  const shape = shapeOf(scan, match, name);
  if (!shape) return undefined;
  const { fn } = shape;
  const parameters = parametersOf(fn);
  const returns = annotationText(fn.childForFieldName('return_type'));
  const typeParameters = fn.childForFieldName('type_parameters')?.namedChildren.flatMap((child) => (child?.type === 'type_parameter' ? [oneLine(child.text)] : [])) ?? [];
  const component = shape.kind !== 'method' && shape.kind !== 'constructor' && isComponent(scan, fn, name, parameters, shape.declaredType);
  const payload: SignaturePayload = {
    name,
    kind: component ? 'component' : shape.kind,
    ...(shape.container !== undefined ? { container: shape.container } : {}),
    parameters,
    ...(returns !== undefined ? { returns } : {}),
    type_parameters: typeParameters,
    async: hasToken(fn, 'async'),
    exported: shape.exported,
    decorators: shape.decorators ?? [],
    header: headerOf(shape.start, fn),
  };
  return { payload, ...located(match, shape.start), startIndex: fn.startIndex, endIndex: fn.endIndex, fn };
}

/** Every named function, method, constructor and function-valued variable or field in the file. */
export const signaturesOf = perFile((scan: FileScan): FoundSignature[] =>
  byPosition(scan.matches('signatures').flatMap((match) => signatureOf(scan, match) ?? [])),
);

export function signatureFacts(scan: FileScan): SignatureFact[] {
  return signaturesOf(scan).map(({ payload, range, rule }) => ({ payload, range, rule }));
}

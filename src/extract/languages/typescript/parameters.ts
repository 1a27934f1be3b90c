import type { Node } from 'web-tree-sitter';
import type { Parameter } from '../../../constraints/schema.js';
import { oneLine } from './syntax.js';

/** The type written after `:` in an annotation, on one line. */
export function annotationText(annotation: Node | null | undefined): string | undefined {
  if (!annotation) return undefined;
  return oneLine(annotation.text.replace(/^:/, ''));
}

function parameter(name: string, fields: { type?: string | undefined; default?: string | undefined; optional?: boolean; rest?: boolean }): Parameter {
  return {
    name,
    ...(fields.type !== undefined ? { type: fields.type } : {}),
    ...(fields.default !== undefined ? { default: fields.default } : {}),
    optional: fields.optional ?? false,
    rest: fields.rest ?? false,
  };
}

/** TypeScript parameters: `name: T`, `name?: T`, `name: T = value`, `...name: T[]`, `{ a, b }: T`. */
function typedParameter(node: Node): Parameter | undefined {
  const pattern = node.childForFieldName('pattern');
  if (!pattern) return undefined;
  const value = node.childForFieldName('value');
  const rest = pattern.type === 'rest_pattern';
  const name = rest ? (pattern.namedChildren[0]?.text ?? pattern.text) : oneLine(pattern.text);
  return parameter(name, {
    type: annotationText(node.childForFieldName('type')),
    default: value ? oneLine(value.text) : undefined,
    optional: node.type === 'optional_parameter' || value !== null,
    rest,
  });
}

/** One parameter of a formal parameter list, in TypeScript or JavaScript form. */
export function parameterOf(node: Node): Parameter | undefined {
  switch (node.type) {
    case 'required_parameter': case 'optional_parameter':
      return typedParameter(node);
    case 'identifier': case 'object_pattern': case 'array_pattern':
      return parameter(oneLine(node.text), {});
    case 'assignment_pattern': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      return left ? parameter(oneLine(left.text), { default: right ? oneLine(right.text) : undefined, optional: true }) : undefined;
    }
    case 'rest_pattern':
      return parameter(node.namedChildren[0]?.text ?? node.text, { rest: true });
    default:
      return undefined;
  }
}

/** Parameters of a function-like node (a bare `x => ...` arrow has one, unparenthesised). */
export function parametersOf(fn: Node): Parameter[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [parameter(single.text, {})];
  const list = fn.childForFieldName('parameters');
  if (!list) return [];
  return list.namedChildren.flatMap((child) => {
    const found = child ? parameterOf(child) : undefined;
    return found ? [found] : [];
  });
}

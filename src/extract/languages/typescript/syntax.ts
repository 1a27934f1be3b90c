import type { Node } from 'web-tree-sitter';
import { commentsAbove, commentText, unquote } from '../common.js';

/** Nodes that own a function body: where `await`, `return` and holes belong. */
export const FUNCTION_NODES: ReadonlySet<string> = new Set([
  'function_declaration', 'generator_function_declaration', 'function_expression', 'generator_function',
  'arrow_function', 'method_definition',
]);

export const CLASS_NODES: ReadonlySet<string> = new Set(['class_declaration', 'abstract_class_declaration', 'class']);

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** True when the node has a direct child token of this type (`async`, `static`, `?`, ...). */
export function hasToken(node: Node, type: string): boolean {
  for (const child of node.children) if (child?.type === type) return true;
  return false;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };

function unescape(sequence: string): string {
  const body = sequence.slice(1);
  if (Object.hasOwn(ESCAPES, body)) return ESCAPES[body]!;
  const code = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]+)\})$/.exec(body);
  if (code) return String.fromCodePoint(parseInt(code[1] ?? code[2] ?? code[3]!, 16));
  return body.replace(/^\r?\n$/, '');
}

/** The value of a string literal, or of a template literal without substitutions. */
export function stringValue(node: Node): string | undefined {
  if (node.type === 'template_string') {
    return node.namedChildren.some((child) => child?.type === 'template_substitution') ? undefined : unquote(node.text);
  }
  if (node.type !== 'string') return undefined;
  return node.namedChildren.map((child) => (child?.type === 'escape_sequence' ? unescape(child.text) : (child?.text ?? ''))).join('');
}

/** A numeric literal's value when JSON can hold it exactly: `1_000`, `0x1F`, `10n`; undefined for NaN or beyond. */
function numberValue(text: string): { value: number } | undefined {
  const digits = text.replace(/_/g, '').replace(/n$/, '');
  const value = Number(digits);
  if (!Number.isFinite(value) || (text.endsWith('n') && !Number.isSafeInteger(value))) return undefined;
  return { value };
}

/** The value of a literal expression (string, number, boolean, null, negative number). */
export function literalValue(node: Node): { value: string | number | boolean | null } | undefined {
  switch (node.type) {
    case 'string': case 'template_string': {
      const value = stringValue(node);
      return value === undefined ? undefined : { value };
    }
    case 'number': return numberValue(node.text);
    case 'true': return { value: true };
    case 'false': return { value: false };
    case 'null': return { value: null };
    case 'unary_expression': {
      const argument = node.childForFieldName('argument');
      const operator = node.childForFieldName('operator')?.text;
      return argument?.type === 'number' && (operator === '-' || operator === '+')
        ? numberValue(`${operator}${argument.text}`)
        : undefined;
    }
    default: return undefined;
  }
}

/** True for values written entirely as literals: the mark of a constant. */
export function isLiteralExpression(node: Node): boolean {
  switch (node.type) {
    case 'regex': return true;
    case 'as_expression': case 'satisfies_expression': case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? isLiteralExpression(inner) : false;
    }
    case 'array':
      return node.namedChildren.every((child) => child !== null && isLiteralExpression(child));
    case 'object':
      return node.namedChildren.every((child) => {
        if (child?.type === 'comment') return true;
        const value = child?.type === 'pair' ? child.childForFieldName('value') : null;
        return value ? isLiteralExpression(value) : false;
      });
    default: return literalValue(node) !== undefined;
  }
}

/** The `export` statement around a declaration, if there is one. */
export function exportWrapper(declaration: Node): Node | undefined {
  return declaration.parent?.type === 'export_statement' ? declaration.parent : undefined;
}

export function isModuleLevel(statement: Node): boolean {
  const parent = statement.parent;
  return parent?.type === 'program' || (parent?.type === 'export_statement' && parent.parent?.type === 'program');
}

function isDocComment(node: Node): boolean {
  return node.type === 'comment' && node.text.startsWith('/**');
}

/** The JSDoc right above a node (or above the `export` that wraps it), without its tags. */
export function docComment(declaration: Node): string | undefined {
  return commentText(commentsAbove(exportWrapper(declaration) ?? declaration, isDocComment)) || undefined;
}

/** Name of the class a member belongs to, or of the variable an object literal is assigned to. */
export function containerName(member: Node): string | undefined {
  const holder = member.parent;
  if (holder?.type === 'class_body') return holder.parent?.childForFieldName('name')?.text;
  if (holder?.type === 'object') {
    const owner = holder.parent;
    if (owner?.type === 'variable_declarator') return owner.childForFieldName('name')?.text;
    if (owner?.type === 'pair') return owner.childForFieldName('key')?.text;
  }
  return undefined;
}

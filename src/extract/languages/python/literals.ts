import type { Node } from 'web-tree-sitter';
import { unquote } from '../common.js';

export type JsonSchema = Record<string, unknown>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function numberOf(text: string): number | undefined {
  const value = Number(text.replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

function stringOf(node: Node): string | undefined {
  if (node.namedChildren.some((child) => child?.type === 'interpolation')) return undefined;
  return unquote(node.text);
}

function listOf(node: Node): JsonValue[] | undefined {
  const values = node.namedChildren.filter((child) => child?.type !== 'comment').map((child) => (child ? literalValue(child) : undefined));
  return values.every((value) => value !== undefined) ? (values as JsonValue[]) : undefined;
}

/** The JSON value of a Python literal (numbers, strings, True/False/None, lists, empty dicts). */
export function literalValue(node: Node): JsonValue | undefined {
  switch (node.type) {
    case 'type': return node.namedChildren[0] ? literalValue(node.namedChildren[0]) : undefined;
    case 'string': return stringOf(node);
    case 'integer': case 'float': return numberOf(node.text);
    case 'true': return true;
    case 'false': return false;
    case 'none': return null;
    case 'unary_operator': {
      const operand = node.childForFieldName('argument');
      const value = operand ? literalValue(operand) : undefined;
      return typeof value === 'number' ? numberOf(node.text.replace(/\s+/g, '')) : undefined;
    }
    case 'list': case 'tuple': return listOf(node);
    case 'dictionary': return node.namedChildren.length === 0 ? {} : undefined;
    default: return undefined;
  }
}

function jsonTypeOf(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** `{type, enum}` (or `{type, const}` for one value); `type` only when all values share one. */
export function valuesSchema(values: readonly JsonValue[]): JsonSchema {
  const types = new Set(values.map(jsonTypeOf));
  const type = types.size === 1 ? { type: [...types][0] } : {};
  return values.length === 1 ? { ...type, const: values[0] } : { ...type, enum: [...values] };
}

/** Exactly `{type: 'null'}`. */
export function isNullSchema(schema: JsonSchema): boolean {
  return schema.type === 'null' && Object.keys(schema).length === 1;
}

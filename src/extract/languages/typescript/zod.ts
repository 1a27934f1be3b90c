import type { Node } from 'web-tree-sitter';
import type { ShapeFact } from '../../facts.js';
import type { JsonSchema } from '../common.js';
import { isExported } from './exports.js';
import { bindingsFrom } from './imports.js';
import { located, perFile, type FileScan } from './scan.js';
import { docComment, exportWrapper, isModuleLevel, literalValue } from './syntax.js';
import { enumSchema, ref } from './type-schema.js';
import { applyModifier, FORMATS, objectLiteralSchema, ownEntry, type ZodValue } from './zod-modifiers.js';

interface Link {
  method: string;
  /** Call arguments; undefined for a property step such as `z.coerce`. */
  args: Node[] | undefined;
}

/** `z.string().min(1).optional()` as root `z` and links string(), min(1), optional(). */
function chainOf(expression: Node): { root: string; links: Link[] } | undefined {
  const links: Link[] = [];
  let current: Node | null = expression;
  while (current) {
    if (current.type === 'identifier') return { root: current.text, links };
    if (current.type === 'call_expression') {
      const callee = current.childForFieldName('function');
      const args = current.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null && arg.type !== 'comment') ?? [];
      if (callee?.type !== 'member_expression') return undefined;
      links.unshift({ method: callee.childForFieldName('property')?.text ?? '', args });
      current = callee.childForFieldName('object');
    } else if (current.type === 'member_expression') {
      links.unshift({ method: current.childForFieldName('property')?.text ?? '', args: undefined });
      current = current.childForFieldName('object');
    } else {
      return undefined;
    }
  }
  return undefined;
}

interface ZodContext {
  namespaces: ReadonlySet<string>;
  /** Schemas declared earlier in the file, by name. */
  locals: Map<string, JsonSchema>;
}

const PASS_THROUGH = new Set(['coerce', 'lazy']);

function elementsOf(array: Node | undefined, context: ZodContext): JsonSchema[] {
  return (array?.type === 'array' ? array.namedChildren : []).flatMap((element) => (element ? [zodValue(element, context)?.schema ?? {}] : []));
}

/** The schema of a zod constructor such as `z.string()` or `z.object({...})`. */
function constructorSchema(link: Link, context: ZodContext): JsonSchema {
  const [first, second] = link.args ?? [];
  const evaluate = (node: Node) => zodValue(node, context);
  const inner = (node: Node | undefined) => (node ? (evaluate(node)?.schema ?? {}) : {});
  switch (link.method) {
    case 'string': return { type: 'string' };
    case 'number': return { type: 'number' };
    case 'bigint': case 'int': return { type: 'integer' };
    case 'boolean': return { type: 'boolean' };
    case 'date': return { type: 'string', format: 'date-time' };
    case 'null': return { type: 'null' };
    case 'literal': {
      const value = first ? literalValue(first) : undefined;
      return value ? { const: value.value } : {};
    }
    case 'enum': {
      const values = (first?.type === 'array' ? first.namedChildren : []).flatMap((item) => (item ? [literalValue(item)?.value] : []));
      return enumSchema(values);
    }
    case 'nativeEnum': return first ? ref(first.text) : {};
    case 'array': return { type: 'array', items: inner(first) };
    case 'set': return { type: 'array', items: inner(first), uniqueItems: true };
    case 'object': return objectLiteralSchema(first, evaluate);
    case 'strictObject': return { ...objectLiteralSchema(first, evaluate), additionalProperties: false };
    case 'record': case 'map': return { type: 'object', additionalProperties: inner(second ?? first) };
    case 'union': return { anyOf: elementsOf(first, context) };
    case 'discriminatedUnion': return { anyOf: elementsOf(second, context) };
    case 'intersection': return { allOf: [inner(first), inner(second)] };
    case 'tuple': return { type: 'array', prefixItems: elementsOf(first, context), items: false };
    default: {
      const format = ownEntry(FORMATS, link.method);
      return format ? { type: 'string', format } : {};
    }
  }
}

/** The schema of a zod expression, with whether it may be left out of an object. */
export function zodValue(expression: Node, context: ZodContext): ZodValue | undefined {
  const chain = chainOf(expression);
  if (!chain) return undefined;
  let links = chain.links;
  let value: ZodValue;
  if (context.namespaces.has(chain.root)) {
    while (links[0] && PASS_THROUGH.has(links[0].method) && links[0].args === undefined) links = links.slice(1);
    const [constructor, ...rest] = links;
    if (!constructor) return undefined;
    value = { schema: constructorSchema(constructor, context), optional: false };
    links = rest;
  } else if (links.length === 0 || context.locals.has(chain.root)) {
    value = { schema: ref(chain.root), optional: false, base: context.locals.get(chain.root) };
  } else {
    return undefined;
  }
  for (const link of links) {
    const next = applyModifier(value, link.method, link.args ?? [], (node) => zodValue(node, context));
    if (!next) return undefined;
    value = next;
  }
  return value;
}

const NAMESPACE_IMPORTS = new Set(['z', '*', 'default']);

/** Local names that refer to zod: `import { z } from 'zod'`, `import * as z from 'zod/v4'`, `import z from 'zod'`. */
const zodNamespaces = perFile((scan: FileScan): ReadonlySet<string> => {
  const fromZod = bindingsFrom(scan, (module) => module === 'zod' || module.startsWith('zod/'));
  return new Set(fromZod.filter((binding) => NAMESPACE_IMPORTS.has(binding.imported)).map((binding) => binding.local));
});

export interface ZodShape {
  fact: ShapeFact;
  declarator: Node;
}

/** `const X = z.object(...)` (or any zod chain, or a chain off an earlier schema) at module level. */
export const zodShapes = perFile((scan: FileScan): ZodShape[] => {
  const namespaces = zodNamespaces(scan);
  if (namespaces.size === 0) return [];
  const context: ZodContext = { namespaces, locals: new Map() };
  return scan.matches('types').flatMap((match): ZodShape[] => {
    const name = match.parts.get('_name')?.text;
    const value = match.parts.get('_value');
    const statement = match.node.parent;
    if (match.capture !== 'zod' || !name || !value || !statement || !isModuleLevel(statement)) return [];
    const found = zodValue(value, context);
    if (!found) return [];
    context.locals.set(name, found.schema);
    const description = found.schema.description === undefined ? docComment(statement) : undefined;
    const schema = description ? { ...found.schema, description } : found.schema;
    const payload = { name, kind: 'zod' as const, exported: isExported(scan, match.node, name), schema };
    return [{ fact: { payload, ...located(match, exportWrapper(statement) ?? statement) }, declarator: match.node }];
  });
});

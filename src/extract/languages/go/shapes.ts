import type { Node } from 'web-tree-sitter';
import type { TypeShapePayload } from '../../../constraints/schema.js';
import type { FileContext, ShapeFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { commentsAbove, commentText, ruleMatches, saysSomething, unquote, type JsonSchema, type RuleMatch } from '../common.js';
import { goTypeSchema, structSchema } from './schema.js';
import { isExported } from './signatures.js';

/** The node a type's doc comment sits above: the whole `type X ...` unless it is in a group. */
function declarationOf(spec: Node): Node {
  const parent = spec.parent;
  const single = parent?.type === 'type_declaration' && parent.namedChildren.filter((child) => child.type !== 'comment').length === 1;
  return single ? parent : spec;
}

function withDescription(schema: JsonSchema, declaration: Node): JsonSchema {
  const description = commentText(commentsAbove(declaration, (sibling) => sibling.type === 'comment'));
  return description ? { ...schema, description } : schema;
}

function genericsOf(spec: Node): Set<string> {
  const list = spec.childForFieldName('type_parameters');
  return new Set(list?.namedChildren.flatMap((declaration) => declaration.childrenForFieldName('name').map((name) => name.text)) ?? []);
}

function shape(match: RuleMatch, kind: TypeShapePayload['kind'], schema: JsonSchema): ShapeFact {
  const name = match.node.childForFieldName('name')!.text;
  const declaration = declarationOf(match.node);
  return { payload: { name, kind, exported: isExported(name), schema: withDescription(schema, declaration) }, range: rangeOf(declaration), rule: match.rule };
}

/** Values of string constants by their type name, in source order. */
function enumValues(matches: readonly RuleMatch[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const match of matches) {
    if (match.capture !== 'enum_value') continue;
    const type = match.parts.get('_type')!.text;
    values.set(type, [...(values.get(type) ?? []), unquote(match.parts.get('_value')!.text)]);
  }
  return values;
}

function namedTypeShape(match: RuleMatch, values: ReadonlyMap<string, string[]>): ShapeFact | undefined {
  const type = match.node.childForFieldName('type')!;
  const enumeration = values.get(match.node.childForFieldName('name')!.text);
  if (type.text === 'string' && enumeration) return shape(match, 'enum', { type: 'string', enum: enumeration });
  const schema = goTypeSchema(type, genericsOf(match.node));
  return saysSomething(schema) ? shape(match, 'type_alias', schema) : undefined;
}

/** A struct with something encoding/json writes; one with only unexported fields (a service, a handler) has no JSON shape. */
function structShape(match: RuleMatch): ShapeFact | undefined {
  const schema = structSchema(match.node.childForFieldName('type')!, genericsOf(match.node));
  const empty = Object.keys(schema.properties as JsonSchema).length === 0 && !schema.allOf;
  return empty ? undefined : shape(match, 'struct', schema);
}

/** Structs, string enums (a string type with typed constants) and other named types with a JSON form. */
export function goShapes(context: FileContext): ShapeFact[] {
  const matches = ruleMatches(context, 'go/types');
  const values = enumValues(matches);
  return matches.flatMap((match) => {
    if (match.capture === 'struct') return structShape(match) ?? [];
    if (match.capture === 'named_type' || match.capture === 'alias') return namedTypeShape(match, values) ?? [];
    return [];
  });
}

import type { Node } from 'web-tree-sitter';
import type { TypeShapePayload } from '../../../constraints/schema.js';
import type { ShapeFact } from '../../facts.js';
import { byPosition, type JsonSchema } from '../common.js';
import { isExported, isPublicMember, isStaticMember } from './exports.js';
import { located, type FileScan, type RuleMatch } from './scan.js';
import { docComment, exportWrapper, hasToken, literalValue } from './syntax.js';
import { enumSchema, membersSchema, objectSchema, ref, typeParameterNames, typeSchema } from './type-schema.js';
import { zodShapes } from './zod.js';

/** `allOf` of the base types and the declaration's own members; just the base when it adds none. */
function withBases(bases: JsonSchema[], own: JsonSchema): JsonSchema {
  if (bases.length === 0) return own;
  const ownIsEmpty = Object.keys(own).length === 1 && own.type === 'object';
  if (ownIsEmpty && bases.length === 1) return bases[0]!;
  return { allOf: ownIsEmpty ? bases : [...bases, own] };
}

function interfaceSchema(declaration: Node, body: Node): JsonSchema {
  const scope = typeParameterNames(declaration);
  const heritage = declaration.namedChildren.find((child) => child?.type === 'extends_type_clause');
  const bases = (heritage?.namedChildren ?? []).flatMap((base) => (base ? [typeSchema(base, scope)] : []));
  return withBases(bases, membersSchema(body, scope));
}

function enumValues(body: Node): unknown[] {
  const values: unknown[] = [];
  let next = 0;
  for (const member of body.namedChildren) {
    if (!member || member.type === 'comment') continue;
    const valueNode = member.type === 'enum_assignment' ? member.childForFieldName('value') : null;
    const value = valueNode ? literalValue(valueNode)?.value : next;
    if (value === undefined) continue;
    values.push(value);
    if (typeof value === 'number') next = value + 1;
  }
  return values;
}

/** The type TypeScript infers for a field initialised with a literal. */
function initializerSchema(value: Node): JsonSchema {
  const literal = literalValue(value)?.value;
  const type = typeof literal;
  return literal !== null && (type === 'string' || type === 'number' || type === 'boolean') ? { type } : {};
}

function withReadOnly(member: Node, schema: JsonSchema): JsonSchema {
  return hasToken(member, 'readonly') ? { ...schema, readOnly: true } : schema;
}

function isParameterProperty(parameter: Node): boolean {
  return parameter.namedChildren.some((child) => child?.type === 'accessibility_modifier') || hasToken(parameter, 'readonly');
}

interface ClassMember {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

function fieldMember(field: Node, scope: Set<string>): ClassMember | undefined {
  const name = field.childForFieldName('name') ?? field.childForFieldName('property');
  const value = field.childForFieldName('value');
  if (!name || isStaticMember(field) || !isPublicMember(field)) return undefined;
  if (value?.type === 'arrow_function' || value?.type === 'function_expression') return undefined;
  const annotation = field.childForFieldName('type');
  const schema = annotation ? typeSchema(annotation, scope) : value ? initializerSchema(value) : {};
  return { name: name.text, schema: withReadOnly(field, schema), required: !hasToken(field, '?') };
}

/** Constructor parameters declared `public`/`readonly` are properties of the instance. */
function parameterProperties(body: Node, scope: Set<string>): ClassMember[] {
  const constructor = body.namedChildren.find((member) => member?.type === 'method_definition' && member.childForFieldName('name')?.text === 'constructor');
  const parameters = constructor?.childForFieldName('parameters')?.namedChildren ?? [];
  return parameters.flatMap((parameter) => {
    if (!parameter || !isParameterProperty(parameter) || !isPublicMember(parameter)) return [];
    const pattern = parameter.childForFieldName('pattern');
    if (pattern?.type !== 'identifier') return [];
    const annotation = parameter.childForFieldName('type');
    const schema = withReadOnly(parameter, annotation ? typeSchema(annotation, scope) : {});
    return [{ name: pattern.text, schema, required: parameter.type !== 'optional_parameter' }];
  });
}

function classSchema(declaration: Node, body: Node): JsonSchema {
  const scope = typeParameterNames(declaration);
  const members = [
    ...parameterProperties(body, scope),
    ...body.namedChildren.flatMap((member) => (member?.type === 'public_field_definition' || member?.type === 'field_definition' ? (fieldMember(member, scope) ?? []) : [])),
  ];
  const own = objectSchema(
    Object.fromEntries(members.map((member) => [member.name, member.schema])),
    members.filter((member) => member.required).map((member) => member.name),
  );
  const heritage = declaration.namedChildren.find((child) => child?.type === 'class_heritage');
  const extendsClause = heritage?.namedChildren.find((child) => child?.type === 'extends_clause');
  const base = extendsClause ? extendsClause.childForFieldName('value') : heritage?.namedChildren[0];
  return withBases(base ? [ref(base.text)] : [], own);
}

function isSelfInference(name: string, value: Node): boolean {
  const schema = value.type === 'generic_type' ? typeSchema(value, new Set()) : undefined;
  return schema?.$ref === `#/$defs/${name}` && /^z\.(infer|input|output)$/.test(value.childForFieldName('name')?.text ?? '');
}

function shapeOf(match: RuleMatch): { kind: TypeShapePayload['kind']; schema: JsonSchema } | undefined {
  const name = match.parts.get('_name')?.text ?? '';
  const body = match.parts.get('_body');
  const value = match.parts.get('_value');
  switch (match.capture) {
    case 'interface': return body && { kind: 'interface', schema: interfaceSchema(match.node, body) };
    case 'enum': return body && { kind: 'enum', schema: enumSchema(enumValues(body)) };
    case 'class': return body && { kind: 'class', schema: classSchema(match.node, body) };
    case 'type_alias': {
      if (!value || isSelfInference(name, value)) return undefined;
      const kind = value.type === 'union_type' ? 'union' : 'type_alias';
      return { kind, schema: typeSchema(value, typeParameterNames(match.node)) };
    }
    default: return undefined;
  }
}

/** Type shapes: interfaces, type aliases, enums and classes as JSON Schema, plus zod schemas. */
export function shapeFacts(scan: FileScan): ShapeFact[] {
  const declared = scan.matches('types').flatMap((match): ShapeFact[] => {
    const shape = shapeOf(match);
    const name = match.parts.get('_name')?.text;
    if (!shape || !name) return [];
    const description = docComment(match.node);
    const schema = description ? { ...shape.schema, description } : shape.schema;
    return [{ payload: { name, kind: shape.kind, exported: isExported(scan, match.node, name), schema }, ...located(match, exportWrapper(match.node) ?? match.node) }];
  });
  return byPosition([...declared, ...zodShapes(scan).map((shape) => shape.fact)]);
}

import type { Node } from 'web-tree-sitter';
import type { TypeShapePayload } from '../../../constraints/schema.js';
import type { FileContext, ShapeFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { commentsAbove, commentText, nullable, ruleMatches, type JsonSchema, type RuleMatch } from '../common.js';
import { javaTypeSchema, optionalInner } from './schema.js';
import { annotationNamed, annotationString, hasModifier } from './syntax.js';

interface Member {
  /** the field or record component */
  node: Node;
  name: string;
  type: Node;
}

function genericsOf(declaration: Node): Set<string> {
  const parameters = declaration.childForFieldName('type_parameters')?.namedChildren ?? [];
  return new Set(parameters.map((parameter) => parameter.namedChildren.find((child) => child.type === 'type_identifier')?.text ?? parameter.text));
}

function recordComponents(record: Node): Member[] {
  const components = record.childForFieldName('parameters')?.namedChildren.filter((child) => child.type === 'formal_parameter') ?? [];
  return components.map((node) => ({ node, name: node.childForFieldName('name')!.text, type: node.childForFieldName('type')! }));
}

/** Instance fields: static and transient ones are not part of a value. */
function instanceFields(declaration: Node): Member[] {
  const body = declaration.childForFieldName('body')?.namedChildren ?? [];
  return body
    .filter((member) => member.type === 'field_declaration' && !hasModifier(member, 'static') && !hasModifier(member, 'transient'))
    .flatMap((field) => field.childrenForFieldName('declarator').map((declarator) => ({ node: field, name: declarator.childForFieldName('name')!.text, type: field.childForFieldName('type')! })));
}

/**
 * An object of the members as Jackson reads them: @JsonProperty renames, @JsonIgnore skips,
 * Optional<T> and @Nullable are optional and nullable, everything else is required. Closed
 * (Jackson fails on unknown properties by default) unless @JsonIgnoreProperties(ignoreUnknown = true).
 */
function membersSchema(declaration: Node, members: readonly Member[]): JsonSchema {
  const generics = genericsOf(declaration);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const member of members) {
    if (annotationNamed(member.node, 'JsonIgnore')) continue;
    const key = annotationString(annotationNamed(member.node, 'JsonProperty')) ?? member.name;
    const inner = optionalInner(member.type);
    const optional = inner !== undefined || annotationNamed(member.node, 'Nullable') !== undefined;
    const schema = javaTypeSchema(inner ?? member.type, generics);
    properties[key] = optional ? nullable(schema) : schema;
    if (!optional) required.push(key);
  }
  const open = /ignoreUnknown\s*=\s*true/.test(annotationNamed(declaration, 'JsonIgnoreProperties')?.text ?? '');
  return { type: 'object', properties, ...(required.length ? { required } : {}), ...(open ? {} : { additionalProperties: false }) };
}

function enumSchema(declaration: Node): JsonSchema {
  const constants = declaration.childForFieldName('body')?.namedChildren.filter((child) => child.type === 'enum_constant') ?? [];
  return { type: 'string', enum: constants.map((constant) => constant.childForFieldName('name')!.text) };
}

/** Records, enums, and classes with instance fields outside test files (a test class's fields are fixtures, not data). */
function schemaOf(match: RuleMatch, context: FileContext): [TypeShapePayload['kind'], JsonSchema] | undefined {
  if (match.capture === 'record') return ['record', membersSchema(match.node, recordComponents(match.node))];
  if (match.capture === 'enum') return ['enum', enumSchema(match.node)];
  if (context.isTest) return undefined;
  const fields = instanceFields(match.node);
  return fields.length ? ['class', membersSchema(match.node, fields)] : undefined;
}

function javadocOf(declaration: Node): string {
  return commentText(commentsAbove(declaration, (sibling) => sibling.type === 'block_comment' && sibling.text.startsWith('/**')));
}

export function javaShapes(context: FileContext): ShapeFact[] {
  return ruleMatches(context, 'java/types').flatMap((match) => {
    const shape = schemaOf(match, context);
    if (!shape) return [];
    const [kind, schema] = shape;
    const description = javadocOf(match.node);
    const name = match.parts.get('_name')!.text;
    const payload: TypeShapePayload = { name, kind, exported: hasModifier(match.node, 'public'), schema: description ? { ...schema, description } : schema };
    return [{ payload, range: rangeOf(match.node), rule: match.rule }];
  });
}

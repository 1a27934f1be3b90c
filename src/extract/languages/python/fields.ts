import type { Node } from 'web-tree-sitter';
import { annotationSchema, isNullable, wrapperOf } from './annotations.js';
import type { ClassInfo } from './classes.js';
import { applyFieldOptions, fieldCallOptions, isFieldCall, type FieldOptions } from './field-options.js';
import { literalValue, type JsonSchema, type JsonValue } from './literals.js';
import { isDunder } from './names.js';
import { keywordArgument, lastName, statementsOf } from './syntax.js';

export interface Field {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

/** The assignment a class-body statement holds, if it is one. */
function assignmentOf(statement: Node): Node | undefined {
  const inner = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
  return inner?.type === 'assignment' ? inner : undefined;
}

function optionsOf(value: Node | null): FieldOptions {
  if (isFieldCall(value)) return fieldCallOptions(value);
  const literal = value ? literalValue(value) : undefined;
  return { hasDefault: !!value, explicitRequired: false, ...(literal !== undefined ? { default: literal } : {}), keywords: {}, annotations: {} };
}

function isTotalFalse(info: ClassInfo): boolean {
  return keywordArgument(info.node.childForFieldName('superclasses'), 'total')?.type === 'false';
}

function skipsName(name: string, info: ClassInfo): boolean {
  if (isDunder(name)) return true;
  return info.category === 'pydantic' && (name.startsWith('_') || name === 'model_config');
}

function isRequired(info: ClassInfo, wrapper: string | undefined, options: FieldOptions, schema: JsonSchema): boolean {
  if (wrapper === 'Required') return true;
  if (wrapper === 'NotRequired' || (info.category === 'typeddict' && isTotalFalse(info))) return false;
  if (options.explicitRequired) return true;
  return !options.hasDefault && !isNullable(schema);
}

/** A field from `name: Type [= default]` in a class body. */
function annotatedField(statement: Node, info: ClassInfo): Field | undefined {
  const assignment = assignmentOf(statement);
  const target = assignment?.childForFieldName('left');
  const annotation = assignment?.childForFieldName('type');
  if (!assignment || target?.type !== 'identifier' || !annotation || skipsName(target.text, info)) return undefined;
  const wrapper = wrapperOf(annotation);
  if (wrapper === 'ClassVar' || wrapper === 'InitVar') return undefined;
  const options = optionsOf(assignment.childForFieldName('right'));
  const schema = annotationSchema(annotation);
  const name = info.category === 'pydantic' && options.alias ? options.alias : target.text;
  return { name, schema: applyFieldOptions(schema, options), required: isRequired(info, wrapper, options, schema) };
}

function findInit(classNode: Node): Node | undefined {
  for (const statement of statementsOf(classNode.childForFieldName('body'))) {
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'function_definition' && definition.childForFieldName('name')?.text === '__init__') return definition;
  }
  return undefined;
}

function parameterTypes(definition: Node): Map<string, Node> {
  const types = new Map<string, Node>();
  for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    const type = parameter?.childForFieldName('type');
    const name = parameter?.childForFieldName('name') ?? parameter?.namedChildren[0];
    if (type && name?.type === 'identifier') types.set(name.text, type);
  }
  return types;
}

/** `self.x: T = ...` or `self.x = typed_parameter` among the top statements of __init__. */
function initAttribute(statement: Node, types: Map<string, Node>): Field | undefined {
  const assignment = assignmentOf(statement);
  const target = assignment?.childForFieldName('left');
  if (!assignment || target?.type !== 'attribute' || target.childForFieldName('object')?.text !== 'self') return undefined;
  const right = assignment.childForFieldName('right');
  const annotation = assignment.childForFieldName('type') ?? (right?.type === 'identifier' ? types.get(right.text) : undefined);
  const name = target.childForFieldName('attribute')?.text;
  if (!annotation || !name || name.startsWith('_')) return undefined;
  const schema = annotationSchema(annotation);
  return { name, schema, required: !isNullable(schema) };
}

function initAttributes(classNode: Node): Field[] {
  const init = findInit(classNode);
  if (!init) return [];
  const types = parameterTypes(init);
  return statementsOf(init.childForFieldName('body')).flatMap((statement) => initAttribute(statement, types) ?? []);
}

/** Fields the class body declares itself (inherited ones are added by the caller). */
export function ownFields(info: ClassInfo): Field[] {
  const body = statementsOf(info.node.childForFieldName('body'));
  const declared = body.flatMap((statement) => annotatedField(statement, info) ?? []);
  return info.category === 'class' ? [...declared, ...initAttributes(info.node)] : declared;
}

/** Values of an Enum's members: literals as written; auto() is 1, 2, ... by position (the lower-cased name for StrEnum). */
export function enumValues(info: ClassInfo): JsonValue[] {
  const values: JsonValue[] = [];
  for (const statement of statementsOf(info.node.childForFieldName('body'))) {
    const assignment = assignmentOf(statement);
    const target = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!assignment || target?.type !== 'identifier' || !right || assignment.childForFieldName('type') || target.text.startsWith('_')) continue;
    if (right.type === 'call' && lastName(right) === 'auto') values.push(info.bases.includes('StrEnum') ? target.text.toLowerCase() : values.length + 1);
    else {
      const value = literalValue(right);
      if (value !== undefined) values.push(value);
    }
  }
  return values;
}

/** Pydantic `extra="forbid"` in model_config, class Config or the class keywords. */
export function forbidsExtra(info: ClassInfo): boolean {
  const forbid = /\bextra\b["']?\s*[=:]\s*(["']forbid["']|Extra\.forbid)/;
  if (forbid.test(info.node.childForFieldName('superclasses')?.text ?? '')) return true;
  return statementsOf(info.node.childForFieldName('body')).some((statement) => {
    const isConfig = assignmentOf(statement)?.childForFieldName('left')?.text === 'model_config'
      || (statement.type === 'class_definition' && statement.childForFieldName('name')?.text === 'Config');
    return isConfig && forbid.test(statement.text);
  });
}

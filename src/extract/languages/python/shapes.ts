import type { TypeShapePayload } from '../../../constraints/schema.js';
import type { ShapeFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { classesOf, exceptionClassNames, type ClassCategory, type ClassInfo } from './classes.js';
import { enumValues, forbidsExtra, ownFields, type Field } from './fields.js';
import type { PythonFile } from './file.js';
import { valuesSchema, type JsonSchema } from './literals.js';
import { commentAbove, docstringOf, enclosingScope } from './syntax.js';

const KIND: Record<ClassCategory, TypeShapePayload['kind']> = {
  dataclass: 'dataclass', pydantic: 'pydantic', typeddict: 'typeddict', enum: 'enum', record: 'record', protocol: 'interface', class: 'class',
};

/** Dataclasses and NamedTuples take no other fields; pydantic models only when told to forbid extras. */
function isClosed(info: ClassInfo): boolean {
  return info.category === 'dataclass' || info.category === 'record' || (info.category === 'pydantic' && forbidsExtra(info));
}

/** Fields of the class and of its bases defined in the file, bases first, the subclass winning. */
function allFields(info: ClassInfo, byName: Map<string, ClassInfo>, seen: Set<string> = new Set()): Field[] {
  seen.add(info.name);
  const inherited = info.bases.flatMap((name) => {
    const base = byName.get(name);
    return base && !seen.has(name) ? allFields(base, byName, seen) : [];
  });
  const fields = new Map<string, Field>();
  for (const field of [...inherited, ...ownFields(info)]) fields.set(field.name, field);
  return [...fields.values()];
}

function objectSchema(fields: readonly Field[], closed: boolean): JsonSchema {
  const required = fields.filter((field) => field.required).map((field) => field.name);
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((field) => [field.name, field.schema])),
    ...(required.length ? { required } : {}),
    ...(closed ? { additionalProperties: false } : {}),
  };
}

function shapeSchema(info: ClassInfo, byName: Map<string, ClassInfo>): JsonSchema {
  const description = docstringOf(info.node.childForFieldName('body')) ?? commentAbove(info.node);
  const schema = info.category === 'enum' ? valuesSchema(enumValues(info)) : objectSchema(allFields(info, byName), isClosed(info));
  return description ? { ...schema, description } : schema;
}

/**
 * Module-level classes that describe data: not exceptions (those are error-handling facts), and
 * plain classes only when they declare typed attributes (a class of methods has no value shape).
 */
function shapeClasses(file: PythonFile): ClassInfo[] {
  const exceptions = exceptionClassNames(file);
  return classesOf(file).filter((info) =>
    !enclosingScope(info.node) && !exceptions.has(info.name) && (info.category !== 'class' || ownFields(info).length > 0));
}

export function shapeFacts(file: PythonFile): ShapeFact[] {
  const classes = shapeClasses(file);
  const byName = new Map(classes.map((info) => [info.name, info]));
  return classes.map((info) => ({
    range: rangeOf(info.node),
    rule: info.rule,
    payload: { name: info.name, kind: KIND[info.category], exported: !info.name.startsWith('_'), schema: shapeSchema(info, byName) },
  }));
}

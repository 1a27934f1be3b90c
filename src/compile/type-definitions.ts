import { makeConstraint } from '../constraints/ids.js';
import type { Constraint, ConstraintOf } from '../constraints/schema.js';

/**
 * Extracted type shapes refer to each other as `{"$ref": "#/$defs/<Name>"}` and carry no `$defs`
 * of their own: each named type is its own `type_shape` constraint. A schema sent to an engine
 * or given to the validator must be closed, so the json shape carries every type the target
 * refers to, transitively, under the target's `$defs`, taken from the type shapes of the set.
 */

type Schema = Record<string, unknown>;

const DEFS_REF = /^#\/\$defs\/([^/]+)$/;

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `$defs` names that `$ref`s in a schema point at (JSON pointer escapes undone). */
function referencedNames(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) referencedNames(item, into);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const match = DEFS_REF.exec(value);
        if (match) into.add(decodeURIComponent(match[1]!).replace(/~1/g, '/').replace(/~0/g, '~'));
      } else {
        referencedNames(value, into);
      }
    }
  }
  return into;
}

/** The type shape of that name to use: the one from the target's own file first, then the first in the set. */
function definitionOf(name: string, shapes: readonly ConstraintOf<'type_shape'>[], file: string | undefined): ConstraintOf<'type_shape'> | undefined {
  const named = shapes.filter((shape) => shape.payload.name === name);
  return named.find((shape) => shape.provenance.file !== undefined && shape.provenance.file === file) ?? named[0];
}

/**
 * The schema with every `#/$defs/<Name>` it reaches defined: its own `$defs` first, then the set's
 * type shapes of that name. A name the set does not define is left for the schema check to report.
 */
export function closeSchema(schema: Schema, shapes: readonly ConstraintOf<'type_shape'>[], file: string | undefined): Schema {
  const own = isObject(schema.$defs) ? (schema.$defs as Record<string, unknown>) : {};
  const defs: Record<string, unknown> = { ...own };
  const pending = [...referencedNames(schema, new Set())];
  let added = false;
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in defs) continue;
    const definition = definitionOf(name, shapes, file);
    if (!definition) continue;
    const { $defs: nested, ...body } = definition.payload.schema as Schema;
    defs[name] = body;
    added = true;
    if (isObject(nested)) for (const [inner, value] of Object.entries(nested)) if (!(inner in defs)) defs[inner] = value;
    for (const next of referencedNames(definition.payload.schema, new Set())) if (!(next in defs)) pending.push(next);
  }
  return added ? { ...schema, $defs: defs } : schema;
}

/**
 * The type-shape target with the definitions it refers to carried in its schema. A target that
 * refers to nothing outside itself is returned as it is; a closed one is a new constraint (its id
 * is the hash of its content, as every constraint's is).
 */
export function closeTypeShape(target: ConstraintOf<'type_shape'>, constraints: readonly Constraint[]): ConstraintOf<'type_shape'> {
  const shapes = constraints.filter((constraint): constraint is ConstraintOf<'type_shape'> => constraint.type === 'type_shape' && constraint.id !== target.id);
  const schema = closeSchema(target.payload.schema as Schema, shapes, target.provenance.file);
  if (schema === target.payload.schema) return target;
  const { id: _id, type: _type, payload, ...fields } = target;
  return makeConstraint('type_shape', { ...payload, schema }, fields);
}

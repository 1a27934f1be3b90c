import { canonicalJson } from '../../constraints/canonical.js';
import { isPlainObject, jsonTypeOf } from '../../validate/json-schema/equality.js';
import { ANNOTATION_KEYWORDS } from '../../validate/json-schema/vocabulary.js';
import type { SchemaObject } from './types.js';

/** Small questions about one schema object that the engine table asks. */

export function typeNames(schema: SchemaObject): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  return Array.isArray(schema.type) ? schema.type.filter((type): type is string => typeof type === 'string') : [];
}

export function isObjectSchema(schema: SchemaObject): boolean {
  return typeNames(schema).includes('object') || 'properties' in schema || 'patternProperties' in schema;
}

export function isAssertion(keyword: string): boolean {
  return !ANNOTATION_KEYWORDS.has(keyword);
}

export function propertyNames(schema: SchemaObject): string[] {
  return isPlainObject(schema.properties) ? Object.keys(schema.properties) : [];
}

export function requiredNames(schema: SchemaObject): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : [];
}

export function optionalProperties(schema: SchemaObject): string[] {
  const required = new Set(requiredNames(schema));
  return propertyNames(schema).filter((name) => !required.has(name));
}

export function hasLookaround(pattern: unknown): boolean {
  return typeof pattern === 'string' && /\(\?<?[=!]/.test(pattern);
}

export function isAnchored(pattern: unknown): boolean {
  return typeof pattern === 'string' && pattern.startsWith('^') && pattern.endsWith('$') && !pattern.endsWith('\\$');
}

function literalValues(branch: unknown): unknown[] | undefined {
  if (!isPlainObject(branch)) return undefined;
  if ('const' in branch) return [branch.const];
  return Array.isArray(branch.enum) ? branch.enum : undefined;
}

function typeOfLiteral(value: unknown): string {
  const type = jsonTypeOf(value) ?? 'unknown';
  return type === 'number' && Number.isInteger(value) ? 'integer' : type;
}

/** JSON types a branch can take, when the branch says; integer counts as number. */
function branchTypes(branch: unknown): Set<string> | undefined {
  if (!isPlainObject(branch)) return undefined;
  const literals = literalValues(branch);
  const types = literals ? literals.map(typeOfLiteral) : typeNames(branch);
  return types.length > 0 ? new Set(types.map((type) => (type === 'integer' ? 'number' : type))) : undefined;
}

function discriminatorValue(branch: unknown, name: string): string | undefined {
  if (!isPlainObject(branch) || !isPlainObject(branch.properties) || !requiredNames(branch).includes(name)) return undefined;
  const member = branch.properties[name];
  return isPlainObject(member) && 'const' in member ? canonicalJson(member.const) : undefined;
}

function disjoint(left: ReadonlySet<string>, right: ReadonlySet<string>): boolean {
  return [...left].every((item) => !right.has(item));
}

/** No value matches both: their types differ, their literals differ, or a shared required property has different consts. */
function exclusivePair(left: unknown, right: unknown): boolean {
  const leftTypes = branchTypes(left);
  const rightTypes = branchTypes(right);
  if (leftTypes && rightTypes && disjoint(leftTypes, rightTypes)) return true;
  const leftLiterals = literalValues(left);
  const rightLiterals = literalValues(right);
  if (leftLiterals && rightLiterals) return disjoint(new Set(leftLiterals.map(canonicalJson)), new Set(rightLiterals.map(canonicalJson)));
  const names = isPlainObject(left) && isPlainObject(left.properties) ? Object.keys(left.properties) : [];
  return names.some((name) => {
    const [leftValue, rightValue] = [discriminatorValue(left, name), discriminatorValue(right, name)];
    return leftValue !== undefined && rightValue !== undefined && leftValue !== rightValue;
  });
}

/** True when no value can match two of the branches (checked pair by pair, conservatively). */
export function branchesAreExclusive(branches: unknown): boolean {
  if (!Array.isArray(branches)) return false;
  return branches.every((branch, index) => branches.slice(index + 1).every((other) => exclusivePair(branch, other)));
}

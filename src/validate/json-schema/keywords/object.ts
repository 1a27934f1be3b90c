import { isPlainObject } from '../equality.js';
import type { KeywordHandler, KeywordScope } from '../evaluator.js';
import type { SchemaObject } from '../types.js';

function memberSchemas(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

const properties: KeywordHandler = (value, _schema, instance, scope) => {
  if (!isPlainObject(instance)) return;
  for (const [name, subschema] of Object.entries(memberSchemas(value))) {
    if (Object.hasOwn(instance, name)) scope.apply(subschema, ['properties', name], instance[name], [name]);
  }
};

const patternProperties: KeywordHandler = (value, _schema, instance, scope) => {
  if (!isPlainObject(instance)) return;
  for (const [pattern, subschema] of Object.entries(memberSchemas(value))) {
    const regex = scope.program.regex(pattern);
    for (const name of Object.keys(instance)) {
      if (regex.test(name)) scope.apply(subschema, ['patternProperties', pattern], instance[name], [name]);
    }
  }
};

function isDeclared(name: string, schema: SchemaObject, scope: KeywordScope): boolean {
  if (Object.hasOwn(memberSchemas(schema.properties), name)) return true;
  return Object.keys(memberSchemas(schema.patternProperties)).some((pattern) => scope.program.regex(pattern).test(name));
}

const additionalProperties: KeywordHandler = (value, schema, instance, scope) => {
  if (!isPlainObject(instance)) return;
  for (const name of Object.keys(instance)) {
    if (isDeclared(name, schema, scope)) continue;
    if (value === false) scope.fail('additionalProperties', `must not have additional property ${JSON.stringify(name)}`, [name]);
    else scope.apply(value, ['additionalProperties'], instance[name], [name]);
  }
};

function requireNames(names: unknown, instance: Record<string, unknown>, keyword: string, scope: KeywordScope, because = ''): void {
  if (!Array.isArray(names)) return;
  for (const name of names) {
    if (typeof name === 'string' && !Object.hasOwn(instance, name)) {
      scope.fail(keyword, `must have required property ${JSON.stringify(name)}${because}`);
    }
  }
}

const required: KeywordHandler = (value, _schema, instance, scope) => {
  if (isPlainObject(instance)) requireNames(value, instance, 'required', scope);
};

const propertyNames: KeywordHandler = (value, _schema, instance, scope) => {
  if (!isPlainObject(instance)) return;
  for (const name of Object.keys(instance)) {
    if (!scope.test(value, ['propertyNames'], name)) {
      scope.fail('propertyNames', `property name ${JSON.stringify(name)} does not match "propertyNames"`);
    }
  }
};

const minProperties: KeywordHandler = (value, _schema, instance, scope) => {
  if (typeof value === 'number' && isPlainObject(instance) && Object.keys(instance).length < value) {
    scope.fail('minProperties', `must have at least ${value} properties`);
  }
};

const maxProperties: KeywordHandler = (value, _schema, instance, scope) => {
  if (typeof value === 'number' && isPlainObject(instance) && Object.keys(instance).length > value) {
    scope.fail('maxProperties', `must have at most ${value} properties`);
  }
};

const dependentRequired: KeywordHandler = (value, _schema, instance, scope) => {
  if (!isPlainObject(instance)) return;
  for (const [trigger, names] of Object.entries(memberSchemas(value))) {
    if (Object.hasOwn(instance, trigger)) requireNames(names, instance, 'dependentRequired', scope, ` when ${JSON.stringify(trigger)} is present`);
  }
};

const dependentSchemas: KeywordHandler = (value, _schema, instance, scope) => {
  if (!isPlainObject(instance)) return;
  for (const [trigger, subschema] of Object.entries(memberSchemas(value))) {
    if (Object.hasOwn(instance, trigger)) scope.apply(subschema, ['dependentSchemas', trigger], instance);
  }
};

/** Draft-04/07 `dependencies`: a name list acts as dependentRequired, a schema as dependentSchemas. */
const dependencies: KeywordHandler = (value, _schema, instance, scope) => {
  if (!isPlainObject(instance)) return;
  for (const [trigger, dependency] of Object.entries(memberSchemas(value))) {
    if (!Object.hasOwn(instance, trigger)) continue;
    if (Array.isArray(dependency)) requireNames(dependency, instance, 'dependencies', scope, ` when ${JSON.stringify(trigger)} is present`);
    else scope.apply(dependency, ['dependencies', trigger], instance);
  }
};

export const objectKeywords = {
  properties, patternProperties, additionalProperties, required, minProperties, maxProperties,
} satisfies Record<string, KeywordHandler>;
export const propertyNamesKeywords = { propertyNames } satisfies Record<string, KeywordHandler>;
export const dependentKeywords = { dependentRequired, dependentSchemas } satisfies Record<string, KeywordHandler>;
export const legacyDependencyKeywords = { dependencies } satisfies Record<string, KeywordHandler>;

import { describe, expect, it } from 'vitest';
import { AnankeError } from '../../src/errors.js';
import { createJsonSchemaValidator, validateJsonSchema } from '../../src/validate/json-schema.js';

function errorsOf(schema: unknown, instance: unknown) {
  return validateJsonSchema(schema, instance).errors;
}

describe('validateJsonSchema: error reports', () => {
  const person = {
    type: 'object',
    properties: { name: { type: 'string', minLength: 1 }, tags: { type: 'array', items: { type: 'string' } } },
    required: ['name', 'age'],
    additionalProperties: false,
  };

  it('gives the instance pointer, keyword, message and schema pointer of each failure', () => {
    expect(errorsOf(person, { name: '', tags: ['a', 3], extra: true })).toEqual([
      { path: '/name', keyword: 'minLength', message: 'must have at least 1 characters', schemaPath: '#/properties/name/minLength' },
      { path: '/tags/1', keyword: 'type', message: 'must be string, got number', schemaPath: '#/properties/tags/items/type' },
      { path: '', keyword: 'required', message: 'must have required property "age"', schemaPath: '#/required' },
      { path: '/extra', keyword: 'additionalProperties', message: 'must not have additional property "extra"', schemaPath: '#/additionalProperties' },
    ]);
  });

  it('escapes pointer segments and reports schema paths inside $ref targets', () => {
    const schema = { $defs: { 'a/b': { type: 'integer' } }, properties: { 'x~y': { $ref: '#/$defs/a~1b' } } };
    expect(errorsOf(schema, { 'x~y': 'no' })).toEqual([
      { path: '/x~0y', keyword: 'type', message: 'must be integer, got string', schemaPath: '#/$defs/a~1b/type' },
    ]);
  });

  it('keeps at most maxErrors errors and says the list was cut', () => {
    const result = validateJsonSchema({ items: { type: 'string' } }, [1, 2, 3, 4], { maxErrors: 2 });
    expect(result).toMatchObject({ valid: false, truncated: true });
    expect(result.errors.map((error) => error.path)).toEqual(['/0', '/1']);
  });
});

describe('validateJsonSchema: 2020-12 keywords the draft4 suite does not cover', () => {
  it('const compares JSON values regardless of key order', () => {
    expect(validateJsonSchema({ const: { a: 1, b: [1, 2] } }, { b: [1, 2], a: 1 }).valid).toBe(true);
    expect(errorsOf({ const: 'x' }, 'y')).toEqual([{ path: '', keyword: 'const', message: 'must equal "x"', schemaPath: '#/const' }]);
  });

  it('prefixItems is a tuple and items covers the rest', () => {
    const schema = { prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false };
    expect(validateJsonSchema(schema, ['a', 1]).valid).toBe(true);
    expect(validateJsonSchema(schema, ['a']).valid).toBe(true);
    expect(errorsOf(schema, ['a', 1, null])).toEqual([
      { path: '/2', keyword: 'false', message: 'no value is allowed here (schema is false)', schemaPath: '#/items' },
    ]);
    expect(errorsOf(schema, [1, 1])[0]?.schemaPath).toBe('#/prefixItems/0/type');
  });

  it('contains counts matches against minContains and maxContains', () => {
    const schema = { contains: { type: 'integer' }, minContains: 2, maxContains: 3 };
    expect(validateJsonSchema(schema, [1, 'a', 2]).valid).toBe(true);
    expect(errorsOf(schema, [1, 'a'])).toEqual([{
      path: '', keyword: 'minContains', message: 'must contain at least 2 item(s) matching "contains", found 1', schemaPath: '#/minContains',
    }]);
    expect(errorsOf(schema, [1, 2, 3, 4])[0]?.keyword).toBe('maxContains');
    expect(validateJsonSchema({ contains: { type: 'integer' }, minContains: 0 }, []).valid).toBe(true);
    expect(errorsOf({ contains: { type: 'integer' } }, ['a'])[0]?.keyword).toBe('contains');
  });

  it('propertyNames checks every key as a string', () => {
    const schema = { propertyNames: { pattern: '^[a-z]+$' } };
    expect(validateJsonSchema(schema, { abc: 1 }).valid).toBe(true);
    expect(errorsOf(schema, { abc: 1, Bad: 2 })).toEqual([{
      path: '', keyword: 'propertyNames', message: 'property name "Bad" does not match "propertyNames"', schemaPath: '#/propertyNames',
    }]);
  });

  it('if/then/else picks a branch', () => {
    const schema = { if: { properties: { kind: { const: 'a' } } }, then: { required: ['x'] }, else: { required: ['y'] } };
    expect(validateJsonSchema(schema, { kind: 'a', x: 1 }).valid).toBe(true);
    expect(validateJsonSchema(schema, { kind: 'b', y: 1 }).valid).toBe(true);
    expect(errorsOf(schema, { kind: 'a', y: 1 })).toEqual([
      { path: '', keyword: 'required', message: 'must have required property "x"', schemaPath: '#/then/required' },
    ]);
  });

  it('dependentRequired and dependentSchemas apply when the trigger is present', () => {
    const schema = { dependentRequired: { card: ['billing'] }, dependentSchemas: { card: { properties: { billing: { type: 'string' } } } } };
    expect(validateJsonSchema(schema, { name: 'x' }).valid).toBe(true);
    expect(errorsOf(schema, { card: 1 })).toEqual([{
      path: '', keyword: 'dependentRequired', message: 'must have required property "billing" when "card" is present', schemaPath: '#/dependentRequired',
    }]);
    expect(errorsOf(schema, { card: 1, billing: 2 })[0]?.schemaPath).toBe('#/dependentSchemas/card/properties/billing/type');
  });

  it('oneOf says how many branches matched', () => {
    const schema = { oneOf: [{ type: 'integer' }, { minimum: 2 }] };
    expect(validateJsonSchema(schema, 1).valid).toBe(true);
    expect(errorsOf(schema, 3)[0]?.message).toBe('must match exactly one schema in "oneOf" (schemas 0, 1 all match)');
    expect(errorsOf(schema, 1.5)[0]?.message).toBe('must match exactly one schema in "oneOf" (none matches)');
  });

  it('$ref siblings apply in 2020-12 but are ignored in draft-04', () => {
    const schema = { $defs: { n: { type: 'number' } }, $ref: '#/$defs/n', maximum: 5 };
    expect(validateJsonSchema(schema, 7).valid).toBe(false);
    expect(validateJsonSchema(schema, 7, { dialect: 'draft-04' }).valid).toBe(true);
    expect(validateJsonSchema({ ...schema, $schema: 'http://json-schema.org/draft-07/schema#' }, 7).valid).toBe(true);
  });

  it('reads "#", "#/definitions/..." and recursive references', () => {
    const tree = {
      definitions: { node: { type: 'object', properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/definitions/node' } } } } },
      $ref: '#/definitions/node',
    };
    expect(validateJsonSchema(tree, { value: 1, children: [{ value: 2, children: [] }] }).valid).toBe(true);
    expect(errorsOf(tree, { value: 1, children: [{ value: 'x' }] })).toEqual([
      { path: '/children/0/value', keyword: 'type', message: 'must be integer, got string', schemaPath: '#/definitions/node/properties/value/type' },
    ]);
    const list = { type: 'object', properties: { next: { $ref: '#' } }, additionalProperties: false };
    expect(validateJsonSchema(list, { next: { next: {} } }).valid).toBe(true);
    expect(validateJsonSchema(list, { next: { nope: 1 } }).valid).toBe(false);
  });

  it('stops a $ref cycle that never descends into the instance', () => {
    const schema = { $defs: { a: { $ref: '#/$defs/b' }, b: { anyOf: [{ $ref: '#/$defs/a' }] } }, $ref: '#/$defs/a' };
    expect(errorsOf(schema, 1)).toEqual([{ path: '', keyword: 'anyOf', message: 'must match at least one of the 1 schemas in "anyOf"', schemaPath: '#/$defs/b/anyOf' }]);
    expect(errorsOf({ $ref: '#' }, 1)).toEqual([{
      path: '', keyword: '$ref', message: '$ref "#" leads back to itself without descending into the value (cyclic reference)', schemaPath: '#/$ref',
    }]);
  });

  it('stops at the depth limit instead of overflowing the stack', () => {
    let deep: unknown = 0;
    for (let level = 0; level < 300; level += 1) deep = [deep];
    const errors = errorsOf({ $defs: { list: { items: { $ref: '#/$defs/list' } } }, $ref: '#/$defs/list' }, deep);
    expect(errors.map((error) => error.keyword)).toEqual(['maxDepth']);
  });
});

describe('validateJsonSchema: strings, numbers, formats', () => {
  it('counts string length in code points', () => {
    expect(validateJsonSchema({ maxLength: 2 }, '😀😀').valid).toBe(true);
    expect(validateJsonSchema({ minLength: 3 }, '😀😀').valid).toBe(false);
  });

  it('patterns are unanchored ECMAScript regexes with Unicode', () => {
    expect(validateJsonSchema({ pattern: 'b+' }, 'abbc').valid).toBe(true);
    expect(validateJsonSchema({ pattern: '^\\p{Lu}' }, 'Émile').valid).toBe(true);
  });

  it('multipleOf is exact for decimals', () => {
    expect(validateJsonSchema({ multipleOf: 0.01 }, 19.99).valid).toBe(true);
    expect(validateJsonSchema({ multipleOf: 0.1 }, 0.3).valid).toBe(true);
    expect(validateJsonSchema({ multipleOf: 0.1 }, 0.35).valid).toBe(false);
    expect(validateJsonSchema({ type: 'integer', multipleOf: 0.123456789 }, 1e308).valid).toBe(false);
  });

  it.each([
    ['date-time', '2024-02-29T23:59:60Z', true], ['date-time', '2024-02-29T12:00:00.5+01:00', true],
    ['date-time', '2023-02-29T12:00:00Z', false], ['date-time', '2024-01-01T12:00:60Z', false], ['date-time', '2024-01-01 12:00:00Z', false],
    ['date', '2024-12-31', true], ['date', '2024-04-31', false], ['date', '24-01-01', false],
    ['email', 'a.b+c@example.com', true], ['email', '"a b"@example.com', true], ['email', 'x@[127.0.0.1]', true],
    ['email', '.a@example.com', false], ['email', 'a..b@example.com', false], ['email', 'a@-x.com', false], ['email', 'nope', false],
    ['uri', 'https://example.com/a?b=c#d', true], ['uri', 'urn:isbn:0451450523', true], ['uri', 'http://[::1]:80/', true],
    ['uri', '//example.com', false], ['uri', 'relative/path', false], ['uri', 'http://a b', false], ['uri', 'http://x/%zz', false],
    ['uuid', '123e4567-e89b-12d3-a456-426614174000', true], ['uuid', '123e4567e89b12d3a456426614174000', false],
    ['ipv4', '192.168.0.1', true], ['ipv4', '256.1.1.1', false], ['ipv6', '::ffff:192.168.0.1', true], ['ipv6', '1::2::3', false],
    ['hostname', 'api.example.com', true], ['hostname', 'bad_host', false],
  ])('format %s: %s is %s', (format, value, valid) => {
    expect(validateJsonSchema({ format }, value).valid).toBe(valid);
  });

  it('format is an annotation when assertFormats is false, and for formats it does not know', () => {
    expect(validateJsonSchema({ format: 'email' }, 'nope', { assertFormats: false }).valid).toBe(true);
    expect(validateJsonSchema({ format: 'color' }, 'nope').valid).toBe(true);
  });
});

describe('createJsonSchemaValidator', () => {
  it('lists the keywords it does not check', () => {
    const validator = createJsonSchemaValidator({
      type: 'object', title: 'T', properties: { a: { format: 'color', unevaluatedProperties: false } }, dependencies: { a: ['b'] },
    });
    expect(validator.dialect).toBe('2020-12');
    expect(validator.ignored).toEqual([
      { keyword: 'dependencies', schemaPath: '#/dependencies', reason: 'not a 2020-12 keyword this validator checks' },
      { keyword: 'unevaluatedProperties', schemaPath: '#/properties/a/unevaluatedProperties', reason: 'not a 2020-12 keyword this validator checks' },
      { keyword: 'format', schemaPath: '#/properties/a/format', reason: 'format "color" is not checked (annotation only)' },
    ]);
  });

  it('picks the dialect from $schema', () => {
    expect(createJsonSchemaValidator({ $schema: 'http://json-schema.org/draft-04/schema#' }).dialect).toBe('draft-04');
    expect(createJsonSchemaValidator({ $schema: 'https://json-schema.org/draft/2020-12/schema' }, { dialect: 'draft-04' }).dialect).toBe('2020-12');
  });

  it.each([
    [{ $ref: 'other.json#/a' }, '$ref "other.json#/a" is not a reference inside this schema; remote references, $id and $anchor are not supported'],
    [{ properties: { a: { $ref: '#/$defs/missing' } } }, '$ref "#/$defs/missing" points to nothing in this schema'],
    [{ pattern: '(' }, 'JSON Schema pattern "(" is not a valid regular expression: Invalid regular expression: /(/: Unterminated group'],
    ['{"type":"string"}', 'a JSON Schema must be an object or a boolean'],
  ])('rejects an unusable schema %j before validating', (schema, message) => {
    let thrown: unknown;
    try {
      createJsonSchemaValidator(schema);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AnankeError);
    expect((thrown as AnankeError).code).toBe('invalid_request');
    expect((thrown as AnankeError).message).toBe(message);
  });

  it('uses no eval or Function constructor (it must run in workerd)', () => {
    const originalFunction = globalThis.Function;
    const trap = new Proxy(originalFunction, { construct: () => { throw new Error('Function constructor used'); }, apply: () => { throw new Error('Function used'); } });
    globalThis.Function = trap as FunctionConstructor;
    try {
      const validator = createJsonSchemaValidator({ type: 'object', properties: { a: { pattern: '^x', format: 'uuid' } } });
      expect(validator.validate({ a: 'y' }).valid).toBe(false);
    } finally {
      globalThis.Function = originalFunction;
    }
  });
});

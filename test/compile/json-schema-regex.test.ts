import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { schemaToRegex } from '../../src/compile/json-schema/regex.js';
import { createJsonSchemaValidator } from '../../src/validate/json-schema.js';

function compile(schema: Record<string, unknown>): RegExp {
  const result = schemaToRegex(schema);
  if (result.pattern === undefined) throw new Error(`no regex: ${result.reason}`);
  return new RegExp(result.pattern, 'u');
}

describe('schemaToRegex: exact patterns', () => {
  it.each([
    [{ enum: ['red', 'green', 'blue'] }, '^("red"|"green"|"blue")$'],
    [{ const: { a: [1, null] } }, '^\\{[ \\t\\n\\r]{0,20}"a"[ \\t\\n\\r]{0,20}:[ \\t\\n\\r]{0,20}\\[[ \\t\\n\\r]{0,20}1[ \\t\\n\\r]{0,20},[ \\t\\n\\r]{0,20}null[ \\t\\n\\r]{0,20}\\][ \\t\\n\\r]{0,20}\\}$'],
    [{ type: 'boolean' }, '^(true|false)$'],
    [{ type: ['integer', 'null'], minimum: 1, maximum: 12 }, '^(([1-9]|1[0-2])|null)$'],
    [{ type: 'integer', exclusiveMinimum: -3, maximum: 0 }, '^(0|-[1-2])$'],
    [{ type: 'number' }, '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$'],
    [{ type: 'string', pattern: '^[a-z]+(-[a-z]+)*$' }, '^"[a-z]+(-[a-z]+)*"$'],
    [{ type: 'string', pattern: '^\\d{3}-\\w$' }, '^"[0-9]{3}-[0-9A-Z_a-z]"$'],
    [{ type: 'string', pattern: '^say "hi"$' }, '^"say (\\\\")hi(\\\\")"$'],
    [{ type: 'string', format: 'uuid' }, '^"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"$'],
  ])('%j -> %s', (schema, pattern) => {
    expect(schemaToRegex(schema).pattern).toBe(pattern);
  });

  it('writes compact JSON only with whitespace: none', () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false };
    expect(schemaToRegex(schema, { whitespace: 'none' }).pattern).toBe('^\\{"ok":(true|false)\\}$');
  });
});

describe('schemaToRegex: refuses what is not regular or too large, and says why', () => {
  it.each([
    [{ type: 'object', properties: { a: { type: 'string' } } }, 'object at # does not set additionalProperties: false, so its keys are open'],
    [{ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, 'object at # has optional properties (a); only fixed objects are supported'],
    [{ $defs: { list: { type: 'array', items: { $ref: '#/$defs/list' } } }, $ref: '#/$defs/list' }, '$ref "#/$defs/list" is recursive, which is not regular'],
    [{ type: 'array' }, 'array at # has no items schema, so its items may be any JSON value'],
    [{ type: 'number', minimum: 0 }, '"minimum" on a number at #: ranges of decimals are not supported in regexes'],
    [{ type: 'string', pattern: '^a', maxLength: 3 }, 'pattern together with minLength/maxLength at # needs an intersection, which regexes lack'],
    [{ type: 'string', pattern: '(?=a)b' }, 'pattern "(?=a)b": lookaround or inline flags "(?" in the pattern'],
    [{ type: 'string', pattern: '^\\bword$' }, 'pattern "^\\\\bword$": "\\b" (word boundary, backreference or property escape)'],
    [{ type: 'string', pattern: '^a|b$' }, 'pattern "^a|b$": "|" at the top level of an anchored pattern (write ^(a|b)$)'],
    [{ type: 'string', maxLength: 5000 }, 'a bound above 1000 repetitions'],
    [{ type: 'integer', multipleOf: 2 }, 'keyword "multipleOf" at # is not supported in regexes'],
    [{ oneOf: [{ type: 'integer' }, { type: 'number' }] }, 'oneOf at # has branches that may overlap'],
    [{ type: 'integer', const: 'x' }, 'const at # has no value of the schema\'s type'],
    [{ const: 'x', maxLength: 0 }, '"maxLength" beside const at # is not supported in regexes'],
    [{ type: 'string', anyOf: [{ type: 'integer' }] }, '"type" beside anyOf at # is not supported in regexes'],
    [{ enum: Array.from({ length: 2000 }, (_, index) => `value-${index}`) }, 'the regex would be 24893 characters, over the 16384 limit'],
  ])('%#: %s', (schema, reason) => {
    expect(schemaToRegex(schema)).toEqual({ pattern: undefined, reason });
  });
});

/** A small deterministic generator, so the mutation test is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function mutations(text: string, count: number, next: () => number): string[] {
  const alphabet = ['"', '\\', ',', ':', '{', '}', '[', ']', '0', '1', '9', '-', '.', 'e', 'a', 'z', ' ', '\n', 'é', '😀', 'n', 'u', 'l', 't'];
  return Array.from({ length: count }, () => {
    const position = Math.floor(next() * (text.length + 1));
    const character = alphabet[Math.floor(next() * alphabet.length)] as string;
    const edit = next();
    if (edit < 0.4) return text.slice(0, position) + character + text.slice(position);
    if (edit < 0.8) return text.slice(0, position) + text.slice(position + 1);
    return text.slice(0, position) + character + text.slice(position + 1);
  });
}

const EXAMPLES: { name: string; schema: Record<string, unknown>; values: unknown[] }[] = [
  { name: 'enum of scalars', schema: { enum: ['a', 1, true, null, 'x"y'] }, values: ['a', 1, true, null, 'x"y', 'b', 2, false, 1.5, [], {}] },
  {
    name: 'integer range', schema: { type: 'integer', minimum: -20, maximum: 300 },
    values: [-21, -20, -1, 0, 7, 10, 99, 100, 299, 300, 301, 1000, 2.5, '5', null],
  },
  {
    name: 'string with length bounds', schema: { type: 'string', minLength: 2, maxLength: 4 },
    values: ['', 'a', 'ab', 'abcd', 'abcde', '😀😀', '😀', 'a"b', 'tab\there', 'new\nline', '\u0001x', 'é\\', 5],
  },
  {
    name: 'string with a pattern', schema: { type: 'string', pattern: '^[A-Z][a-z]*( [A-Z][a-z]*)?$' },
    values: ['Ada', 'Ada Lovelace', 'ada', 'Ada  Lovelace', 'A', '', 'Ada Lovelace Byron', 'Ünal'],
  },
  {
    name: 'unanchored pattern with quotes and dots', schema: { type: 'string', pattern: 'a."' },
    values: ['ab"', 'xxab"yy', 'a\n"', 'a\\"', 'a""', 'ab', '"ab"', 'a😀"', 'a\t"'],
  },
  {
    name: 'negated class', schema: { type: 'string', pattern: '^[^0-9]{2}$' },
    values: ['ab', 'a1', '"\\', '\n\t', 'abc', '😀x', '\u0000\u001f'],
  },
  {
    name: 'closed object of scalars', schema: {
      type: 'object',
      properties: { id: { type: 'string', format: 'uuid' }, status: { enum: ['open', 'closed'] }, count: { type: 'integer', minimum: 0, maximum: 99 }, flag: { type: ['boolean', 'null'] } },
      required: ['id', 'status', 'count', 'flag'],
      additionalProperties: false,
    },
    values: [
      { id: '123e4567-e89b-12d3-a456-426614174000', status: 'open', count: 3, flag: null },
      { id: '123e4567-e89b-12d3-a456-426614174000', status: 'closed', count: 99, flag: true },
      { id: '123e4567-e89b-12d3-a456-42661417400', status: 'open', count: 3, flag: null },
      { id: '123e4567-e89b-12d3-a456-426614174000', status: 'done', count: 3, flag: null },
      { id: '123e4567-e89b-12d3-a456-426614174000', status: 'open', count: 100, flag: false },
      { id: '123e4567-e89b-12d3-a456-426614174000', status: 'open', count: 3 },
      { id: '123e4567-e89b-12d3-a456-426614174000', status: 'open', count: 3, flag: null, extra: 1 },
    ],
  },
  {
    name: 'bounded array of enums', schema: { type: 'array', items: { enum: ['x', 'y'] }, minItems: 1, maxItems: 3 },
    values: [[], ['x'], ['x', 'y', 'x'], ['x', 'y', 'x', 'y'], ['z'], ['x', 1], 'x'],
  },
  {
    name: 'anyOf through $defs', schema: {
      $defs: { small: { type: 'integer', minimum: 0, maximum: 9 }, word: { type: 'string', pattern: '^[a-z]{1,5}$' } },
      anyOf: [{ $ref: '#/$defs/small' }, { $ref: '#/$defs/word' }],
    },
    values: [0, 9, 10, 'abc', 'abcdef', 'ABC', -1, null],
  },
];

describe('schemaToRegex agrees with the validator', () => {
  it.each(EXAMPLES)('$name: the regex accepts a value\'s JSON text exactly when the value is valid', ({ schema, values }) => {
    const regex = compile(schema);
    const validator = createJsonSchemaValidator(schema);
    for (const value of values) {
      const valid = validator.validate(value).valid;
      expect({ value, matches: regex.test(JSON.stringify(value)) }).toEqual({ value, matches: valid });
      expect({ value, pretty: regex.test(JSON.stringify(value, null, 2)) }).toEqual({ value, pretty: valid });
    }
  });

  it.each(EXAMPLES)('$name: every mutated text the regex accepts parses and validates', ({ schema, values }) => {
    const regex = compile(schema);
    const validator = createJsonSchemaValidator(schema);
    const next = random(7);
    let accepted = 0;
    for (const value of values) {
      for (const text of mutations(JSON.stringify(value), 400, next)) {
        if (!regex.test(text)) continue;
        accepted += 1;
        expect({ text, valid: validator.validate(JSON.parse(text)).valid }).toEqual({ text, valid: true });
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });
});

function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', 'import re'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasPython())('schemaToRegex output in Python re (what vLLM\'s regex option reads)', () => {
  it('compiles and gives the same answers as JavaScript with the u flag', () => {
    const cases = EXAMPLES.map(({ schema, values }) => ({
      pattern: schemaToRegex(schema).pattern,
      texts: values.flatMap((value) => [JSON.stringify(value), JSON.stringify(value, null, 2)]),
    }));
    const script = 'import json,re,sys\ncases=json.load(sys.stdin)\nprint(json.dumps([[re.fullmatch(c["pattern"],t) is not None for t in c["texts"]] for c in cases]))';
    const output = execFileSync('python3', ['-c', script], { input: JSON.stringify(cases) }).toString();
    const expected = cases.map(({ pattern, texts }) => texts.map((text) => new RegExp(pattern as string, 'u').test(text)));
    expect(JSON.parse(output)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/constraints/canonical.js';
import {
  Constraint, ConstraintSet, type Parameter, type Range, type SignaturePayload,
} from '../../src/constraints/schema.js';
import { extractFixtures, ofType } from '../helpers/extract.js';

const HANDLER = 'typescript/users-handler.ts';
const COMPONENT = 'typescript/ProfileCard.tsx';
const SCHEMAS = 'typescript/user-schema.ts';
const HANDLER_TEST = 'typescript/users-handler.test.ts';
const DEPLOY = 'typescript/deploy-utils.js';
const BROKEN = 'typescript/config-loader.ts';
const CONTROLLER = 'typescript/orders.controller.ts';
const ALL = [HANDLER, COMPONENT, SCHEMAS, HANDLER_TEST, DEPLOY, BROKEN, CONTROLLER];

function param(name: string, type?: string, extra: Partial<Parameter> = {}): Parameter {
  return { name, ...(type !== undefined ? { type } : {}), optional: false, rest: false, ...extra };
}

type SignatureFields = Pick<SignaturePayload, 'name' | 'kind' | 'header'> & Partial<SignaturePayload>;

function signature(fields: SignatureFields): SignaturePayload {
  return { parameters: [], type_parameters: [], async: false, exported: false, decorators: [], ...fields };
}

function lines(range: Range | undefined): [number, number] | undefined {
  return range && [range.start.line, range.end.line];
}

function signatures(set: ConstraintSet) {
  return ofType(set, 'signature').map((constraint) => ({
    rule: constraint.provenance.rule,
    lines: lines(constraint.provenance.range),
    payload: constraint.payload,
  }));
}

function shape(set: ConstraintSet, name: string) {
  const found = ofType(set, 'type_shape').filter((constraint) => constraint.payload.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function naming(set: ConstraintSet, language: string, target: string) {
  const found = ofType(set, 'naming').filter((constraint) => constraint.payload.language === language && constraint.payload.target === target);
  expect(found).toHaveLength(1);
  const constraint = found[0]!;
  return { style: constraint.payload.style, count: constraint.provenance.evidence?.count, conforming: constraint.provenance.evidence?.conforming, confidence: constraint.confidence };
}

function habit(set: ConstraintSet, language: string, name: string) {
  const found = ofType(set, 'error_handling').filter((constraint) => constraint.payload.language === language && constraint.payload.habit === name);
  expect(found).toHaveLength(1);
  const constraint = found[0]!;
  return {
    names: constraint.payload.names,
    count: constraint.provenance.evidence?.count,
    conforming: constraint.provenance.evidence?.conforming,
    confidence: constraint.confidence,
    rule: constraint.provenance.rule,
  };
}

function holes(set: ConstraintSet) {
  return ofType(set, 'hole').map((constraint) => ({
    marker: constraint.payload.marker,
    line: constraint.payload.range.start.line,
    text: constraint.payload.text,
    enclosing: constraint.payload.enclosing?.name,
    rule: constraint.provenance.rule,
  }));
}

function findings(set: ConstraintSet) {
  return set.findings.map((finding) => ({ rule: finding.rule, file: finding.file, line: finding.range.start.line, snippet: finding.snippet }));
}

function forbidEvidence(set: ConstraintSet, language: string): Record<string, number> {
  return Object.fromEntries(
    ofType(set, 'forbid')
      .filter((constraint) => constraint.payload.language === language)
      .map((constraint) => [constraint.payload.rule, constraint.provenance.evidence?.count ?? -1]),
  );
}

function imports(set: ConstraintSet) {
  return ofType(set, 'import').map((constraint) => ({ module: constraint.payload.module, origin: constraint.payload.origin, names: constraint.payload.names, rule: constraint.provenance.rule }));
}

describe('TypeScript: Express handler module', async () => {
  const set = await extractFixtures([HANDLER]);

  it('finds functions, the exported arrow and constructors with their exact signatures', () => {
    expect(signatures(set)).toEqual([
      {
        rule: 'typescript/signatures.scm#constructor', lines: [12, 15],
        payload: signature({
          name: 'constructor', kind: 'constructor', container: 'HttpError', exported: true,
          parameters: [param('status', 'number'), param('message', 'string')],
          header: 'constructor(public readonly status: number, message: string)',
        }),
      },
      {
        rule: 'typescript/signatures.scm#constructor', lines: [19, 22],
        payload: signature({
          name: 'constructor', kind: 'constructor', container: 'NotFoundError', exported: true,
          parameters: [param('resource', 'string'), param('id', 'string')],
          header: 'constructor(resource: string, id: string)',
        }),
      },
      {
        rule: 'typescript/signatures.scm#function', lines: [37, 44],
        payload: signature({
          name: 'parsePage', kind: 'function', exported: true, returns: 'Page',
          parameters: [param('query', 'ListQuery'), param('maxSize', 'number', { default: 'MAX_PAGE_SIZE', optional: true })],
          header: 'export function parsePage(query: ListQuery, maxSize: number = MAX_PAGE_SIZE): Page',
        }),
      },
      {
        rule: 'typescript/signatures.scm#function', lines: [46, 50],
        payload: signature({
          name: 'findUsersByRole', kind: 'function', exported: true, async: true, returns: 'Promise<User[]>',
          parameters: [param('role', 'string'), param('page', 'Page')],
          header: 'export async function findUsersByRole(role: string, page: Page): Promise<User[]>',
        }),
      },
      {
        rule: 'typescript/signatures.scm#function', lines: [52, 87],
        payload: signature({
          name: 'createUsersRouter', kind: 'function', exported: true, returns: 'Router',
          parameters: [param('service', 'UserService')],
          header: 'export function createUsersRouter(service: UserService): Router',
        }),
      },
      {
        rule: 'typescript/signatures.scm#function', lines: [89, 92],
        payload: signature({
          name: 'deactivateUser', kind: 'function', exported: true, async: true, returns: 'Promise<void>',
          parameters: [param('userId', 'string')],
          header: 'export async function deactivateUser(userId: string): Promise<void>',
        }),
      },
      {
        rule: 'typescript/signatures.scm#arrow', lines: [94, 101],
        payload: signature({
          name: 'errorHandler', kind: 'arrow', exported: true, returns: 'void',
          parameters: [param('error', 'unknown'), param('request', 'Request'), param('response', 'Response'), param('_next', 'NextFunction')],
          header: 'export const errorHandler = (error: unknown, request: Request, response: Response, _next: NextFunction): void =>',
        }),
      },
    ]);
  });

  it('rates exported signatures as errors and describes them by their header', () => {
    const parsePage = ofType(set, 'signature').find((constraint) => constraint.payload.name === 'parsePage')!;
    expect(parsePage).toMatchObject({ kind: 'type_safety', severity: 'error', priority: 80, confidence: 1 });
    expect(parsePage.description).toBe('parsePage keeps the signature `export function parsePage(query: ListQuery, maxSize: number = MAX_PAGE_SIZE): Page`');
    expect(parsePage.provenance).toEqual({
      source: 'extracted', file: HANDLER, rule: 'typescript/signatures.scm#function',
      range: { start: { line: 37, column: 1 }, end: { line: 44, column: 2 } },
    });
  });

  it('turns interfaces and classes into JSON Schema', () => {
    expect(ofType(set, 'type_shape').map((constraint) => [constraint.payload.name, constraint.payload.kind, constraint.provenance.rule, lines(constraint.provenance.range)])).toEqual([
      ['HttpError', 'class', 'typescript/types.scm#class', [11, 16]],
      ['NotFoundError', 'class', 'typescript/types.scm#class', [18, 23]],
      ['ListQuery', 'interface', 'typescript/types.scm#interface', [25, 29]],
      ['Page', 'interface', 'typescript/types.scm#interface', [32, 35]],
    ]);
    expect(shape(set, 'HttpError').payload).toEqual({
      name: 'HttpError', kind: 'class', exported: true,
      schema: { allOf: [{ $ref: '#/$defs/Error' }, { type: 'object', properties: { status: { type: 'number', readOnly: true } }, required: ['status'] }] },
    });
    expect(shape(set, 'NotFoundError').payload.schema).toEqual({ $ref: '#/$defs/HttpError' });
    expect(shape(set, 'ListQuery').payload.schema).toEqual({
      type: 'object',
      properties: { page: { type: 'number' }, pageSize: { type: 'number' }, role: { type: 'string', enum: ['admin', 'member', 'viewer'] } },
    });
    expect(shape(set, 'Page').payload.schema).toEqual({
      type: 'object',
      properties: { offset: { type: 'number', readOnly: true }, limit: { type: 'number', readOnly: true } },
      required: ['offset', 'limit'],
      description: 'A validated window into a result list.',
    });
  });

  it('lists imports with their origin and imported names', () => {
    expect(imports(set)).toEqual([
      { module: 'express', origin: 'package', names: ['NextFunction', 'Request', 'Response', 'Router'], rule: 'ecmascript/imports.scm#import' },
      { module: 'node:crypto', origin: 'stdlib', names: ['randomUUID'], rule: 'ecmascript/imports.scm#import' },
      { module: './db', origin: 'relative', names: ['db'], rule: 'ecmascript/imports.scm#import' },
      { module: './services/user-service', origin: 'relative', names: ['UserService'], rule: 'ecmascript/imports.scm#import' },
      { module: './user-schema', origin: 'relative', names: ['CreateUserInput', 'User'], rule: 'ecmascript/imports.scm#import' },
    ]);
  });

  it('infers naming conventions per identifier category', () => {
    expect(naming(set, 'typescript', 'constant')).toEqual({ style: 'SCREAMING_SNAKE_CASE', count: 2, conforming: 2, confidence: 1 });
    expect(naming(set, 'typescript', 'class')).toEqual({ style: 'PascalCase', count: 2, conforming: 2, confidence: 1 });
    expect(naming(set, 'typescript', 'type')).toEqual({ style: 'PascalCase', count: 2, conforming: 2, confidence: 1 });
    expect(naming(set, 'typescript', 'function')).toEqual({ style: 'camelCase', count: 5, conforming: 5, confidence: 1 });
    expect(naming(set, 'typescript', 'variable')).toEqual({ style: 'camelCase', count: 9, conforming: 9, confidence: 1 });
    expect(naming(set, 'typescript', 'parameter')).toEqual({ style: 'camelCase', count: 24, conforming: 24, confidence: 1 });
    expect(ofType(set, 'naming').filter((constraint) => constraint.payload.target === 'method')).toEqual([]);
    const functions = ofType(set, 'naming').find((constraint) => constraint.payload.target === 'function')!;
    expect(functions.provenance.rule).toBe('typescript/declarations.scm#function');
    expect(functions.provenance.evidence!.examples[0]).toEqual({ file: HANDLER, range: { start: { line: 37, column: 17 }, end: { line: 37, column: 26 } } });
  });

  it('measures error-handling habits', () => {
    expect(habit(set, 'typescript', 'custom_error_class')).toEqual({ names: ['HttpError', 'NotFoundError'], count: 2, conforming: 2, confidence: 1, rule: 'typescript/errors.scm#error_class' });
    expect(habit(set, 'typescript', 'throw_custom_error')).toEqual({ names: ['HttpError', 'NotFoundError'], count: 3, conforming: 2, confidence: 0.667, rule: 'typescript/errors.scm#throw_new' });
    expect(habit(set, 'typescript', 'await_in_try')).toEqual({ names: [], count: 4, conforming: 2, confidence: 0.5, rule: 'typescript/errors.scm#await' });
    const awaits = ofType(set, 'error_handling').find((constraint) => constraint.payload.habit === 'await_in_try')!;
    expect(awaits.provenance.evidence!.examples.map((example) => example.range.start.line)).toEqual([58, 67]);
  });

  it('reports the interpolated SQL and forbids every JS-family sink', () => {
    expect(findings(set)).toEqual([
      {
        rule: 'sql_concat', file: HANDLER, line: 48,
        snippet: "`SELECT id, email, role FROM users WHERE role = '${role}' LIMIT ${page.limit} OFFSET ${page.offset}`",
      },
    ]);
    expect(set.findings[0]!.range).toEqual({ start: { line: 48, column: 15 }, end: { line: 48, column: 115 } });
    expect(forbidEvidence(set, 'typescript')).toEqual({ eval: 0, new_function: 0, child_process: 0, inner_html: 0, sql_concat: 1, hardcoded_secret: 0 });
    const sql = ofType(set, 'forbid').find((constraint) => constraint.payload.rule === 'sql_concat')!;
    expect(sql.provenance.evidence!.examples).toEqual([{ file: HANDLER, range: { start: { line: 48, column: 15 }, end: { line: 48, column: 115 } } }]);
  });

  it('finds FIXME, TODO and not-implemented holes inside their functions', () => {
    expect(holes(set)).toEqual([
      { marker: 'fixme_comment', line: 47, text: '// FIXME: role comes straight from the query string', enclosing: 'findUsersByRole', rule: 'ecmascript/holes.scm#comment' },
      { marker: 'todo_comment', line: 90, text: "// TODO: revoke the user's sessions before deactivating", enclosing: 'deactivateUser', rule: 'ecmascript/holes.scm#comment' },
      { marker: 'not_implemented', line: 91, text: "throw new Error('Not implemented');", enclosing: 'deactivateUser', rule: 'ecmascript/holes.scm#not_implemented' },
    ]);
    const deactivate = ofType(set, 'signature').find((constraint) => constraint.payload.name === 'deactivateUser')!;
    expect(ofType(set, 'hole')[2]!.payload.enclosing).toEqual(deactivate.payload);
  });

  it('reports no tests and no parse errors for a plain module', () => {
    expect(ofType(set, 'test_convention')).toEqual([]);
    expect(set.parse_errors).toEqual([]);
    expect(set.files).toEqual([{ path: HANDLER, language: 'typescript', lines: 102, bytes: 3287, is_test: false }]);
  });
});

describe('TSX: React component with a Props interface', async () => {
  const set = await extractFixtures([COMPONENT]);

  it('marks JSX-returning functions with a props parameter as components', () => {
    expect(signatures(set)).toEqual([
      {
        rule: 'typescript/signatures.scm#function', lines: [31, 37],
        payload: signature({ name: 'initialsOf', kind: 'function', returns: 'string', parameters: [param('name', 'string')], header: 'function initialsOf(name: string): string' }),
      },
      {
        rule: 'typescript/signatures.scm#function', lines: [39, 42],
        payload: signature({
          name: 'Avatar', kind: 'component', exported: true, parameters: [param('{ url, label }', 'AvatarProps')],
          header: 'export function Avatar({ url, label }: AvatarProps)',
        }),
      },
      {
        rule: 'typescript/signatures.scm#function', lines: [44, 81],
        payload: signature({
          name: 'ProfileCard', kind: 'component', exported: true,
          parameters: [param("{ userId, size = 'regular', bioHtml, lastSeen, badges, onSelect, children }", 'ProfileCardProps')],
          header: "export function ProfileCard({ userId, size = 'regular', bioHtml, lastSeen, badges, onSelect, children }: ProfileCardProps)",
        }),
      },
      {
        rule: 'typescript/signatures.scm#function', lines: [50, 57],
        payload: signature({ name: 'load', kind: 'function', async: true, header: 'async function load()' }),
      },
      {
        rule: 'typescript/signatures.scm#function', lines: [83, 86],
        payload: signature({ name: 'ProfileCardSkeleton', kind: 'component', exported: true, header: 'export function ProfileCardSkeleton()' }),
      },
    ]);
  });

  it('turns the props interface and the size union into JSON Schema', () => {
    expect(shape(set, 'CardSize').payload).toEqual({
      name: 'CardSize', kind: 'union', exported: true,
      schema: { type: 'string', enum: ['compact', 'regular', 'large'], description: 'How much room the card takes.' },
    });
    expect(shape(set, 'ProfileCardProps').payload).toEqual({
      name: 'ProfileCardProps', kind: 'interface', exported: true,
      schema: {
        type: 'object',
        properties: {
          userId: { type: 'string' },
          size: { $ref: '#/$defs/CardSize' },
          bioHtml: { type: 'string', description: 'Trusted HTML from the CMS, shown under the name.' },
          lastSeen: { type: 'string', format: 'date-time' },
          badges: { type: 'array', items: { type: 'string' } },
          onSelect: {},
          children: { $ref: '#/$defs/ReactNode' },
        },
        required: ['userId', 'lastSeen', 'badges'],
      },
    });
    expect(shape(set, 'AvatarProps').payload).toEqual({
      name: 'AvatarProps', kind: 'interface', exported: false,
      schema: { type: 'object', properties: { url: { anyOf: [{ type: 'string' }, { type: 'null' }] }, label: { type: 'string' } }, required: ['url', 'label'] },
    });
    expect(shape(set, 'AvatarProps')).toMatchObject({ severity: 'error', priority: 60 });
  });

  it('reports dangerouslySetInnerHTML from the JSX query pack', () => {
    expect(findings(set)).toEqual([{ rule: 'inner_html', file: COMPONENT, line: 71, snippet: 'dangerouslySetInnerHTML={{ __html: bioHtml }}' }]);
    const forbid = ofType(set, 'forbid').find((constraint) => constraint.payload.rule === 'inner_html')!;
    expect(forbid.payload).toEqual({
      language: 'tsx', rule: 'inner_html', match: 'substring',
      patterns: ['innerHTML', 'outerHTML', 'dangerouslySetInnerHTML', 'document.write('],
      reason: 'innerHTML / dangerouslySetInnerHTML inject unescaped HTML',
    });
    expect(forbid.provenance.evidence).toEqual({
      count: 1, conforming: 0,
      examples: [{ file: COMPONENT, range: { start: { line: 71, column: 54 }, end: { line: 71, column: 99 } } }],
    });
  });

  it('leaves components out of function naming: JSX forces their capital', () => {
    expect(naming(set, 'tsx', 'function')).toEqual({ style: 'camelCase', count: 2, conforming: 2, confidence: 1 });
    expect(naming(set, 'tsx', 'constant')).toEqual({ style: 'SCREAMING_SNAKE_CASE', count: 1, conforming: 1, confidence: 1 });
    expect(naming(set, 'tsx', 'type')).toEqual({ style: 'PascalCase', count: 3, conforming: 3, confidence: 1 });
    expect(naming(set, 'tsx', 'file')).toEqual({ style: 'PascalCase', count: 1, conforming: 1, confidence: 1 });
  });

  it('finds the await inside try/catch in a nested function and the TODO in the skeleton', () => {
    expect(habit(set, 'tsx', 'await_in_try')).toEqual({ names: [], count: 1, conforming: 1, confidence: 1, rule: 'typescript/errors.scm#await' });
    expect(holes(set)).toEqual([
      { marker: 'todo_comment', line: 84, text: "// TODO: match the real card's height once the design is final", enclosing: 'ProfileCardSkeleton', rule: 'ecmascript/holes.scm#comment' },
    ]);
    expect(ofType(set, 'hole')[0]!.payload.enclosing?.kind).toBe('component');
  });

  it('lists React and relative imports', () => {
    expect(imports(set).map(({ module, origin, names }) => ({ module, origin, names }))).toEqual([
      { module: 'react', origin: 'package', names: ['ReactNode', 'useEffect', 'useState'] },
      { module: 'date-fns', origin: 'package', names: ['formatDistanceToNow'] },
      { module: './api-client', origin: 'relative', names: ['fetchUser'] },
      { module: './user-schema', origin: 'relative', names: ['User'] },
    ]);
  });
});

describe('TypeScript: zod schema module', async () => {
  const set = await extractFixtures([SCHEMAS]);

  it('turns zod schemas into JSON Schema', () => {
    expect(ofType(set, 'type_shape').map((constraint) => [constraint.payload.name, constraint.payload.kind, constraint.provenance.rule, lines(constraint.provenance.range)])).toEqual([
      ['Role', 'zod', 'typescript/types.scm#zod', [3, 3]],
      ['Address', 'zod', 'typescript/types.scm#zod', [6, 11]],
      ['User', 'zod', 'typescript/types.scm#zod', [13, 25]],
      ['CreateUserInput', 'zod', 'typescript/types.scm#zod', [27, 34]],
      ['UserList', 'zod', 'typescript/types.scm#zod', [36, 40]],
      ['UserValidationError', 'class', 'typescript/types.scm#class', [47, 52]],
    ]);
    expect(shape(set, 'Role').payload).toEqual({ name: 'Role', kind: 'zod', exported: true, schema: { type: 'string', enum: ['admin', 'member', 'viewer'] } });
    expect(shape(set, 'Address').payload.schema).toEqual({
      type: 'object',
      properties: {
        street: { type: 'string', minLength: 1 },
        city: { type: 'string' },
        postalCode: { type: 'string', pattern: '^[0-9]{5}$' },
        country: { type: 'string', minLength: 2, maxLength: 2, default: 'DE' },
      },
      required: ['street', 'city', 'postalCode'],
      description: 'Postal address as stored on the profile.',
    });
    expect(shape(set, 'User').payload.schema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        email: { type: 'string', format: 'email' },
        name: { type: 'string', minLength: 1, maxLength: 120 },
        age: { type: 'integer', minimum: 13 },
        role: { $ref: '#/$defs/Role' },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 10 },
        address: { anyOf: [{ $ref: '#/$defs/Address' }, { type: 'null' }] },
        avatarUrl: { type: 'string', format: 'uri' },
        newsletter: { type: 'boolean' },
        createdAt: { type: 'string', format: 'date-time' },
        kind: { const: 'person' },
      },
      required: ['id', 'email', 'name', 'role', 'tags', 'address', 'newsletter', 'createdAt', 'kind'],
    });
    expect(shape(set, 'CreateUserInput').payload.schema).toEqual({
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email' },
        name: { type: 'string', minLength: 1, maxLength: 120 },
        role: { $ref: '#/$defs/Role', default: 'member' },
        inviteCode: { anyOf: [{ type: 'string', description: 'code from the invitation e-mail' }, { type: 'null' }] },
      },
      required: ['email', 'name', 'inviteCode'],
      additionalProperties: false,
    });
    expect(shape(set, 'UserList').payload.schema).toEqual({
      type: 'object',
      properties: {
        users: { type: 'array', items: { $ref: '#/$defs/User' } },
        total: { type: 'integer', minimum: 0 },
        next: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
      required: ['users', 'total', 'next'],
    });
    expect(shape(set, 'UserValidationError').payload.schema).toEqual({
      allOf: [
        { $ref: '#/$defs/Error' },
        { type: 'object', properties: { issues: { type: 'array', items: { $ref: '#/$defs/z.ZodIssue' }, readOnly: true } }, required: ['issues'] },
      ],
    });
  });

  it('counts zod schemas and their inferred types as type names', () => {
    expect(naming(set, 'typescript', 'type')).toEqual({ style: 'PascalCase', count: 9, conforming: 9, confidence: 1 });
    expect(naming(set, 'typescript', 'variable')).toEqual({ style: 'camelCase', count: 1, conforming: 1, confidence: 1 });
  });

  it('finds the TODO message in a thrown template literal', () => {
    expect(holes(set)).toEqual([
      { marker: 'not_implemented', line: 63, text: 'throw new Error(`TODO: age of majority for ${country}`);', enclosing: 'isAdult', rule: 'ecmascript/holes.scm#not_implemented' },
    ]);
    expect(ofType(set, 'hole')[0]!.payload.enclosing).toEqual(signature({
      name: 'isAdult', kind: 'function', exported: true, returns: 'boolean',
      parameters: [param('user', 'User'), param('country', 'string', { default: "'DE'", optional: true })],
      header: "export function isAdult(user: User, country: string = 'DE'): boolean",
    }));
  });

  it('keeps signatures and error habits of the helpers', () => {
    expect(signatures(set).map((item) => `${item.payload.kind} ${item.payload.name}`)).toEqual([
      'constructor constructor', 'function parseUser', 'function isAdult', 'function displayName',
    ]);
    expect(signatures(set)[3]!.payload.parameters).toEqual([param('user', "Pick<User, 'name' | 'email'>")]);
    expect(habit(set, 'typescript', 'throw_custom_error')).toEqual({ names: ['UserValidationError'], count: 2, conforming: 1, confidence: 0.5, rule: 'typescript/errors.scm#throw_new' });
    expect(imports(set)).toEqual([{ module: 'zod', origin: 'package', names: ['z'], rule: 'ecmascript/imports.scm#import' }]);
  });
});

describe('TypeScript: vitest test file', async () => {
  const set = await extractFixtures([HANDLER_TEST]);

  it('derives the test convention from the imports, the assertions and the file name', () => {
    const conventions = ofType(set, 'test_convention');
    expect(conventions).toHaveLength(1);
    expect(conventions[0]!.payload).toEqual({ language: 'typescript', framework: 'vitest', assertion_style: 'expect', file_pattern: '*.test.ts' });
    expect(conventions[0]!.confidence).toBe(1);
    expect(conventions[0]!.provenance.rule).toBe('ecmascript/tests.scm#test_case');
    expect(conventions[0]!.provenance.evidence!.count).toBe(8);
    expect(conventions[0]!.provenance.evidence!.examples.map((example) => lines(example.range))).toEqual([[26, 28], [30, 32], [34, 36], [46, 50], [52, 56]]);
  });

  it('gives no test naming constraint when test names are sentences, not identifiers', () => {
    expect(ofType(set, 'naming').filter((constraint) => constraint.payload.target === 'test')).toEqual([]);
    expect(naming(set, 'typescript', 'function')).toEqual({ style: 'camelCase', count: 2, conforming: 2, confidence: 1 });
    expect(naming(set, 'typescript', 'parameter')).toEqual({ style: 'camelCase', count: 4, conforming: 4, confidence: 1 });
  });

  it('sees awaits outside try/catch and no findings or holes', () => {
    expect(ofType(set, 'error_handling')).toEqual([]);
    expect(set.findings).toEqual([]);
    expect(holes(set)).toEqual([]);
    expect(set.files[0]!.is_test).toBe(true);
  });
});

describe('JavaScript: CommonJS deploy utility', async () => {
  const set = await extractFixtures([DEPLOY]);

  it('finds untyped signatures with defaults, destructuring, rest and CommonJS exports', () => {
    expect(signatures(set)).toEqual([
      {
        rule: 'javascript/signatures.scm#constructor', lines: [13, 17],
        payload: signature({ name: 'constructor', kind: 'constructor', container: 'DeployError', exported: true, parameters: [param('message'), param('step')], header: 'constructor(message, step)' }),
      },
      { rule: 'javascript/signatures.scm#function', lines: [20, 22], payload: signature({ name: 'currentCommit', kind: 'function', header: 'function currentCommit()' }) },
      {
        rule: 'javascript/signatures.scm#function', lines: [24, 30],
        payload: signature({ name: 'readManifest', kind: 'function', parameters: [param('releaseName')], header: 'function readManifest(releaseName)' }),
      },
      {
        rule: 'javascript/signatures.scm#function', lines: [35, 38],
        payload: signature({
          name: 'shouldRollOut', kind: 'function', exported: true,
          parameters: [param('condition'), param('context', undefined, { default: '{}', optional: true })],
          header: 'function shouldRollOut(condition, context = {})',
        }),
      },
      {
        rule: 'javascript/signatures.scm#function', lines: [40, 42],
        payload: signature({ name: 'legacyCondition', kind: 'function', exported: true, parameters: [param('expression')], header: 'function legacyCondition(expression)' }),
      },
      {
        rule: 'javascript/signatures.scm#function', lines: [44, 58],
        payload: signature({
          name: 'deploy', kind: 'function', exported: true, async: true,
          parameters: [param('releaseName'), param('{ region = DEFAULT_REGION, dryRun = false }', undefined, { default: '{}', optional: true })],
          header: 'async function deploy(releaseName, { region = DEFAULT_REGION, dryRun = false } = {})',
        }),
      },
      {
        rule: 'javascript/signatures.scm#function', lines: [60, 65],
        payload: signature({ name: 'runStep', kind: 'function', parameters: [param('name'), param('argv')], header: 'function runStep(name, argv)' }),
      },
      {
        rule: 'javascript/signatures.scm#function', lines: [67, 70],
        payload: signature({
          name: 'rollback', kind: 'function', exported: true, parameters: [param('releaseName'), param('reasons', undefined, { rest: true })],
          header: 'function rollback(releaseName, ...reasons)',
        }),
      },
    ]);
  });

  it('reports child_process, eval, new Function and the hard-coded token', () => {
    expect(findings(set)).toEqual([
      { rule: 'child_process', file: DEPLOY, line: 3, snippet: "require('child_process')" },
      { rule: 'hardcoded_secret', file: DEPLOY, line: 8, snippet: "DEPLOY_TOKEN = 'dpl_live_8f3a9c2e71b45d60'" },
      { rule: 'child_process', file: DEPLOY, line: 21, snippet: "execSync('git rev-parse HEAD', { encoding: 'utf8' })" },
      { rule: 'new_function', file: DEPLOY, line: 36, snippet: "new Function('context', 'return (' + condition + ');')" },
      { rule: 'eval', file: DEPLOY, line: 41, snippet: 'eval(expression)' },
      { rule: 'child_process', file: DEPLOY, line: 62, snippet: "spawn(argv[0], argv.slice(1), { stdio: 'inherit' })" },
    ]);
    expect(forbidEvidence(set, 'javascript')).toEqual({ eval: 1, new_function: 1, child_process: 3, inner_html: 0, sql_concat: 0, hardcoded_secret: 1 });
    const rules = ofType(set, 'forbid').find((constraint) => constraint.payload.rule === 'child_process')!;
    expect(rules.provenance.rule).toBe('security-catalog#child_process');
  });

  it('lists require() calls with their origin and bound names', () => {
    expect(imports(set)).toEqual([
      { module: 'child_process', origin: 'stdlib', names: ['execSync', 'spawn'], rule: 'ecmascript/imports.scm#require' },
      { module: 'fs', origin: 'stdlib', names: ['fs'], rule: 'ecmascript/imports.scm#require' },
      { module: 'path', origin: 'stdlib', names: ['path'], rule: 'ecmascript/imports.scm#require' },
      { module: 'semver', origin: 'package', names: ['semver'], rule: 'ecmascript/imports.scm#require' },
    ]);
  });

  it('measures habits and naming of plain JavaScript', () => {
    expect(habit(set, 'javascript', 'custom_error_class')).toEqual({ names: ['DeployError'], count: 1, conforming: 1, confidence: 1, rule: 'javascript/errors.scm#error_class' });
    expect(habit(set, 'javascript', 'throw_custom_error')).toEqual({ names: ['DeployError'], count: 4, conforming: 3, confidence: 0.75, rule: 'javascript/errors.scm#throw_new' });
    expect(habit(set, 'javascript', 'await_in_try')).toEqual({ names: [], count: 3, conforming: 2, confidence: 0.667, rule: 'javascript/errors.scm#await' });
    expect(naming(set, 'javascript', 'constant')).toEqual({ style: 'SCREAMING_SNAKE_CASE', count: 3, conforming: 3, confidence: 1 });
    expect(naming(set, 'javascript', 'variable')).toEqual({ style: 'camelCase', count: 7, conforming: 7, confidence: 1 });
    expect(naming(set, 'javascript', 'function')).toEqual({ style: 'camelCase', count: 7, conforming: 7, confidence: 1 });
    expect(naming(set, 'javascript', 'parameter')).toEqual({ style: 'camelCase', count: 14, conforming: 14, confidence: 1 });
    expect(shape(set, 'DeployError').payload).toEqual({ name: 'DeployError', kind: 'class', exported: true, schema: { $ref: '#/$defs/Error' } });
  });

  it('finds the TODO and the not-implemented throw in rollback', () => {
    expect(holes(set)).toEqual([
      { marker: 'todo_comment', line: 68, text: '// TODO: restore the previous release from the bucket', enclosing: 'rollback', rule: 'ecmascript/holes.scm#comment' },
      { marker: 'not_implemented', line: 69, text: "throw new Error('not implemented');", enclosing: 'rollback', rule: 'ecmascript/holes.scm#not_implemented' },
    ]);
  });
});

describe('TypeScript: file with a syntax error', async () => {
  const set = await extractFixtures([BROKEN]);

  it('reports the missing parenthesis where it is', () => {
    expect(set.parse_errors).toEqual([
      { file: BROKEN, range: { start: { line: 27, column: 76 }, end: { line: 27, column: 76 } }, kind: 'missing', message: 'missing ")"' },
    ]);
  });

  it('still extracts everything around the error', () => {
    expect(signatures(set).map((item) => [item.payload.name, item.lines])).toEqual([
      ['constructor', [11, 14]], ['loadConfig', [19, 31]], ['describeConfig', [33, 36]], ['mergeConfigs', [38, 40]],
      ['watchConfig', [42, 45]], ['isLocal', [47, 49]], ['portOf', [51, 53]],
    ]);
    expect(signatures(set)[4]!.payload).toEqual(signature({
      name: 'watchConfig', kind: 'function', exported: true, async: true, returns: 'Promise<() => void>',
      parameters: [param('file', 'string'), param('onChange', '(config: ServerConfig) => void')],
      header: 'export async function watchConfig(file: string, onChange: (config: ServerConfig) => void): Promise<() => void>',
    }));
    expect(shape(set, 'ServerConfig').payload.schema).toEqual({
      type: 'object',
      properties: {
        host: { type: 'string' },
        port: { type: 'number' },
        tls: { type: 'object', properties: { certFile: { type: 'string' }, keyFile: { type: 'string' } }, required: ['certFile', 'keyFile'] },
      },
      required: ['host', 'port'],
    });
    expect(shape(set, 'ConfigError').payload.schema).toEqual({
      allOf: [{ $ref: '#/$defs/Error' }, { type: 'object', properties: { file: { type: 'string', readOnly: true } }, required: ['file'] }],
    });
    expect(holes(set).map((hole) => [hole.marker, hole.line, hole.enclosing])).toEqual([
      ['todo_comment', 43, 'watchConfig'], ['not_implemented', 44, 'watchConfig'],
    ]);
    expect(habit(set, 'typescript', 'throw_custom_error')).toEqual({ names: ['ConfigError'], count: 3, conforming: 2, confidence: 0.667, rule: 'typescript/errors.scm#throw_new' });
    expect(imports(set).map((item) => [item.module, item.origin, item.names])).toEqual([
      ['node:fs/promises', 'stdlib', ['readFile']], ['yaml', 'package', ['parse']],
    ]);
  });
});

describe('TypeScript: decorated controller with enums and type aliases', async () => {
  const set = await extractFixtures([CONTROLLER]);

  it('keeps method decorators, visibility, static members and type parameters', () => {
    expect(signatures(set)).toEqual([
      {
        rule: 'typescript/signatures.scm#constructor', lines: [39, 42],
        payload: signature({
          name: 'constructor', kind: 'constructor', container: 'OrderNotFoundError', exported: true,
          parameters: [param('orderId', 'string')], header: 'constructor(readonly orderId: string)',
        }),
      },
      {
        rule: 'typescript/signatures.scm#constructor', lines: [53, 53],
        payload: signature({
          name: 'constructor', kind: 'constructor', container: 'OrdersController', exported: true,
          parameters: [param('orders', 'OrdersRepository')], header: 'constructor(private readonly orders: OrdersRepository)',
        }),
      },
      {
        rule: 'typescript/signatures.scm#method', lines: [56, 60],
        payload: signature({
          name: 'findOne', kind: 'method', container: 'OrdersController', exported: true, async: true, decorators: ["Get(':id')"],
          parameters: [param('id', 'string')], returns: 'Promise<Order>',
          header: "async findOne(@Param('id') id: string): Promise<Order>",
        }),
      },
      {
        rule: 'typescript/signatures.scm#method', lines: [63, 71],
        payload: signature({
          name: 'create', kind: 'method', container: 'OrdersController', exported: true, async: true, decorators: ['Post()'],
          parameters: [param('input', 'CreateOrderInput'), param('priority', 'Priority', { default: 'Priority.Normal', optional: true })],
          returns: 'Promise<Order>',
          header: 'async create(@Body() input: CreateOrderInput, priority: Priority = Priority.Normal): Promise<Order>',
        }),
      },
      {
        rule: 'typescript/signatures.scm#method', lines: [74, 77],
        payload: signature({
          name: 'cancel', kind: 'method', container: 'OrdersController', exported: true, async: true, decorators: ["Post(':id/cancel')"],
          parameters: [param('id', 'string'), param('reason', 'string', { optional: true })], returns: 'Promise<void>',
          header: "async cancel(@Param('id') id: string, @Body('reason') reason?: string): Promise<void>",
        }),
      },
      {
        rule: 'typescript/signatures.scm#method', lines: [79, 81],
        payload: signature({
          name: 'audit', kind: 'method', container: 'OrdersController', type_parameters: ['T extends Order'],
          parameters: [param('order', 'T')], returns: 'T & { auditedAt: Date }',
          header: 'protected audit<T extends Order>(order: T): T & { auditedAt: Date }',
        }),
      },
      {
        rule: 'typescript/signatures.scm#method', lines: [83, 85],
        payload: signature({
          name: 'totalOf', kind: 'method', container: 'OrdersController', exported: true,
          parameters: [param('items', 'Money[]'), param('currency', "Money['currency']", { default: "'EUR'", optional: true })], returns: 'Money',
          header: "static totalOf(items: Money[], currency: Money['currency'] = 'EUR'): Money",
        }),
      },
    ]);
  });

  it('turns string and numeric enums, tuples, unions, intersections and records into JSON Schema', () => {
    const schemas = Object.fromEntries(ofType(set, 'type_shape').map((constraint) => [constraint.payload.name, [constraint.payload.kind, constraint.payload.schema]]));
    expect(schemas).toEqual({
      OrderStatus: ['enum', { type: 'string', enum: ['pending', 'paid', 'shipped', 'cancelled'] }],
      Priority: ['enum', { type: 'integer', enum: [0, 5, 6] }],
      Money: ['type_alias', { type: 'object', properties: { amount: { type: 'number' }, currency: { type: 'string', enum: ['EUR', 'USD'] } }, required: ['amount', 'currency'] }],
      ShipmentLeg: ['type_alias', {
        type: 'array', prefixItems: [{ type: 'string' }, { type: 'string', format: 'date-time' }, { $ref: '#/$defs/Money' }], items: false, minItems: 2,
      }],
      OrderEvent: ['union', {
        anyOf: [
          { type: 'object', properties: { type: { const: 'created' }, order: { $ref: '#/$defs/Order' } }, required: ['type', 'order'] },
          { type: 'object', properties: { type: { const: 'cancelled' }, orderId: { type: 'string' }, reason: { type: 'string' } }, required: ['type', 'orderId'] },
        ],
      }],
      AuditedOrder: ['type_alias', { allOf: [{ $ref: '#/$defs/Order' }, { type: 'object', properties: { auditedAt: { type: 'string', format: 'date-time' } }, required: ['auditedAt'] }] }],
      StockLevels: ['type_alias', { type: 'object', additionalProperties: { type: 'number' } }],
      Order: ['interface', {
        type: 'object',
        properties: {
          id: { type: 'string', readOnly: true },
          status: { $ref: '#/$defs/OrderStatus' },
          priority: { $ref: '#/$defs/Priority' },
          items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, quantity: { type: 'number' } }, required: ['sku', 'quantity'] } },
          total: { $ref: '#/$defs/Money' },
          notes: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          tags: { type: 'array', items: { type: 'string' } },
          metadata: { type: 'object', additionalProperties: { type: 'string' } },
          placedAt: { type: 'string', format: 'date-time' },
        },
        required: ['id', 'status', 'priority', 'items', 'total', 'tags', 'metadata', 'placedAt'],
        description: 'An order as the API returns it.',
      }],
      OrderNotFoundError: ['class', { allOf: [{ $ref: '#/$defs/Error' }, { type: 'object', properties: { orderId: { type: 'string', readOnly: true } }, required: ['orderId'] }] }],
      PaymentDeclinedError: ['class', { $ref: '#/$defs/OrderNotFoundError' }],
      OrdersController: ['class', { type: 'object', properties: { retries: { type: 'number' } }, required: ['retries'] }],
    });
  });

  it('follows custom error classes through the hierarchy and finds the TODO in a method', () => {
    expect(habit(set, 'typescript', 'custom_error_class')).toEqual({
      names: ['OrderNotFoundError', 'PaymentDeclinedError'], count: 2, conforming: 2, confidence: 1, rule: 'typescript/errors.scm#error_class',
    });
    expect(habit(set, 'typescript', 'throw_custom_error')).toEqual({
      names: ['OrderNotFoundError', 'PaymentDeclinedError'], count: 2, conforming: 2, confidence: 1, rule: 'typescript/errors.scm#throw_new',
    });
    expect(habit(set, 'typescript', 'await_in_try')).toEqual({ names: [], count: 3, conforming: 1, confidence: 0.333, rule: 'typescript/errors.scm#await' });
    expect(naming(set, 'typescript', 'method')).toEqual({ style: 'camelCase', count: 5, conforming: 5, confidence: 1 });
    expect(naming(set, 'typescript', 'type')).toEqual({ style: 'PascalCase', count: 8, conforming: 8, confidence: 1 });
    expect(holes(set)).toEqual([
      { marker: 'todo_comment', line: 75, text: '// TODO: refund orders that were already paid', enclosing: 'cancel', rule: 'ecmascript/holes.scm#comment' },
    ]);
    expect(ofType(set, 'hole')[0]!.payload.enclosing?.container).toBe('OrdersController');
  });
});

describe('TypeScript/TSX/JavaScript: all fixtures together', async () => {
  const set = await extractFixtures(ALL);

  it('aggregates conventions per language across files', () => {
    expect(naming(set, 'typescript', 'function')).toEqual({ style: 'camelCase', count: 16, conforming: 16, confidence: 1 });
    expect(habit(set, 'typescript', 'custom_error_class')).toEqual({
      names: ['ConfigError', 'HttpError', 'NotFoundError', 'OrderNotFoundError', 'PaymentDeclinedError', 'UserValidationError'],
      count: 6, conforming: 6, confidence: 1, rule: 'typescript/errors.scm#error_class',
    });
    expect(habit(set, 'typescript', 'await_in_try')).toEqual({ names: [], count: 11, conforming: 4, confidence: 0.364, rule: 'typescript/errors.scm#await' });
    expect(habit(set, 'typescript', 'throw_custom_error')).toMatchObject({ count: 10, conforming: 7, confidence: 0.7 });
    expect(ofType(set, 'test_convention').map((constraint) => constraint.payload)).toEqual([
      { language: 'typescript', framework: 'vitest', assertion_style: 'expect', file_pattern: '*.test.ts' },
    ]);
    const express = ofType(set, 'import').find((constraint) => constraint.payload.module === 'express')!;
    expect(express.provenance.evidence!.count).toBe(2);
    expect(express.payload.names).toEqual(['NextFunction', 'Request', 'Response', 'Router', 'express']);
    const schemas = ofType(set, 'import').filter((constraint) => constraint.payload.module === './user-schema');
    expect(schemas.map((constraint) => [constraint.payload.language, constraint.provenance.evidence!.count])).toEqual([['tsx', 1], ['typescript', 1]]);
  });

  it('reports findings in file order and forbids sinks for all three languages', () => {
    expect(findings(set).map((finding) => `${finding.file}:${finding.line} ${finding.rule}`)).toEqual([
      'typescript/ProfileCard.tsx:71 inner_html',
      'typescript/deploy-utils.js:3 child_process',
      'typescript/deploy-utils.js:8 hardcoded_secret',
      'typescript/deploy-utils.js:21 child_process',
      'typescript/deploy-utils.js:36 new_function',
      'typescript/deploy-utils.js:41 eval',
      'typescript/deploy-utils.js:62 child_process',
      'typescript/users-handler.ts:48 sql_concat',
    ]);
    expect(ofType(set, 'forbid').map((constraint) => constraint.payload.language).sort()).toEqual([
      ...Array(6).fill('javascript'), ...Array(6).fill('tsx'), ...Array(6).fill('typescript'),
    ]);
  });

  it('produces constraints that all validate against the Constraint schema', () => {
    expect(set.constraints.length).toBeGreaterThan(60);
    for (const constraint of set.constraints) expect(Constraint.safeParse(constraint).error).toBeUndefined();
    expect(ConstraintSet.parse(set)).toEqual(set);
  });

  it('is deterministic across runs and file orders', async () => {
    const again = await extractFixtures(ALL);
    const reversed = await extractFixtures([...ALL].reverse());
    expect(canonicalJson(again)).toBe(canonicalJson(set));
    expect(canonicalJson(reversed)).toBe(canonicalJson(set));
  });

  it('only produces the concerns asked for', async () => {
    const onlyHoles = await extractFixtures(ALL, ['holes']);
    expect(new Set(onlyHoles.constraints.map((constraint) => constraint.type))).toEqual(new Set(['hole']));
    expect(onlyHoles.constraints).toEqual(ofType(set, 'hole'));
    expect(onlyHoles.findings).toEqual([]);
  });
});

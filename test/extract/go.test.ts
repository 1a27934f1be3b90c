import { beforeAll, describe, expect, it } from 'vitest';
import type { ConstraintSet, SignaturePayload } from '../../src/constraints/schema.js';
import { extractFixtures, itIsValidAndDeterministic, ofType } from '../helpers/extract.js';

const FILES = ['go/handlers.go', 'go/handlers_test.go', 'go/broken.go'];

let set: ConstraintSet;
beforeAll(async () => {
  set = await extractFixtures(FILES);
});

const parameter = (name: string, type: string, rest = false) => ({ name, type, optional: false, rest });
const HTTP_PARAMETERS = [parameter('w', 'http.ResponseWriter'), parameter('r', '*http.Request')];

function signature(name: string, container?: string) {
  const found = ofType(set, 'signature').find((constraint) => constraint.payload.name === name && constraint.payload.container === container);
  if (!found) throw new Error(`no signature ${container ?? ''}.${name}`);
  return found;
}

function shape(name: string) {
  const found = ofType(set, 'type_shape').find((constraint) => constraint.payload.name === name);
  if (!found) throw new Error(`no type shape ${name}`);
  return found;
}

function naming(target: string) {
  const found = ofType(set, 'naming').find((constraint) => constraint.payload.target === target);
  if (!found) throw new Error(`no naming constraint for ${target}`);
  return { style: found.payload.style, count: found.provenance.evidence!.count, conforming: found.provenance.evidence!.conforming, confidence: found.confidence };
}

describe('go signatures', () => {
  it('finds every function, method and interface method, in file order', () => {
    expect(ofType(set, 'signature').map((constraint) => [constraint.provenance.file, constraint.payload.container ?? '', constraint.payload.name])).toEqual([
      ['go/broken.go', '', 'Total'],
      ['go/broken.go', '', 'NewReceipt'],
      ['go/broken.go', 'Receipt', 'String'],
      ['go/broken.go', '', 'formatCents'],
      ['go/handlers.go', 'Store', 'Get'],
      ['go/handlers.go', 'Store', 'Save'],
      ['go/handlers.go', '', 'NewHandler'],
      ['go/handlers.go', 'Handler', 'GetOrder'],
      ['go/handlers.go', 'Handler', 'CreateOrder'],
      ['go/handlers.go', 'Handler', 'ListByCustomer'],
      ['go/handlers.go', 'Handler', 'CancelOrder'],
      ['go/handlers.go', '', 'parseID'],
      ['go/handlers.go', '', 'writeJSON'],
      ['go/handlers_test.go', 'memoryStore', 'Get'],
      ['go/handlers_test.go', 'memoryStore', 'Save'],
      ['go/handlers_test.go', '', 'newTestHandler'],
      ['go/handlers_test.go', '', 'TestCreateOrderRejectsInvalidJSON'],
      ['go/handlers_test.go', '', 'TestParseIDRejectsText'],
      ['go/handlers_test.go', '', 'TestMemoryStoreReturnsNotFound'],
    ]);
  });

  it('reads a method with its receiver type, parameters and multiple results', () => {
    const listByCustomer = signature('ListByCustomer', 'Handler');
    expect(listByCustomer.payload).toEqual({
      name: 'ListByCustomer',
      kind: 'method',
      container: 'Handler',
      parameters: [parameter('ctx', 'context.Context'), parameter('customerID', 'string'), parameter('limit', 'int')],
      returns: '([]Order, error)',
      type_parameters: [],
      async: false,
      exported: true,
      decorators: [],
      header: 'func (h *Handler) ListByCustomer(ctx context.Context, customerID string, limit int) ([]Order, error)',
    });
    expect(listByCustomer.provenance).toEqual({
      source: 'extracted',
      file: 'go/handlers.go',
      range: { start: { line: 106, column: 1 }, end: { line: 121, column: 2 } },
      rule: 'go/signatures.scm#method',
    });
    expect(listByCustomer.severity).toBe('error');
    expect(listByCustomer.priority).toBe(80);
  });

  it('reads an HTTP handler method without results', () => {
    expect(signature('GetOrder', 'Handler').payload).toEqual({
      name: 'GetOrder', kind: 'method', container: 'Handler', parameters: HTTP_PARAMETERS, type_parameters: [], async: false,
      exported: true, decorators: [], header: 'func (h *Handler) GetOrder(w http.ResponseWriter, r *http.Request)',
    });
  });

  it('marks lower-case functions as not exported', () => {
    const parseID = signature('parseID');
    expect(parseID.payload).toEqual({
      name: 'parseID', kind: 'function', parameters: [parameter('raw', 'string')], returns: '(int64, error)', type_parameters: [],
      async: false, exported: false, decorators: [], header: 'func parseID(raw string) (int64, error)',
    });
    expect(parseID.severity).toBe('warning');
    expect(parseID.priority).toBe(60);
  });

  it('reads interface method specs with the interface as container', () => {
    const get = signature('Get', 'Store');
    expect(get.payload).toEqual({
      name: 'Get', kind: 'method', container: 'Store', parameters: [parameter('ctx', 'context.Context'), parameter('id', 'int64')],
      returns: '(*Order, error)', type_parameters: [], async: false, exported: true, decorators: [], header: 'Get(ctx context.Context, id int64) (*Order, error)',
    });
    expect(get.provenance.rule).toBe('go/signatures.scm#interface_method');
    expect(get.provenance.range).toEqual({ start: { line: 60, column: 2 }, end: { line: 60, column: 52 } });
  });

  it('reads value receivers and functions of a file with a syntax error', () => {
    expect(signature('String', 'Receipt').payload.header).toBe('func (r Receipt) String() string');
    expect(signature('Total').payload).toMatchObject({ parameters: [parameter('items', '[]LineItem')], returns: 'int64', exported: true });
  });
});

describe('go type shapes', () => {
  it('turns a struct with json tags into a closed object, embedded structs into allOf', () => {
    const order = shape('Order');
    expect(order.payload.kind).toBe('struct');
    expect(order.payload.exported).toBe(true);
    expect(order.payload.schema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'integer' },
        customer_id: { type: 'string' },
        status: { $ref: '#/$defs/OrderStatus' },
        items: { type: 'array', items: { $ref: '#/$defs/LineItem' } },
        note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        created_at: { type: 'string', format: 'date-time' },
        metadata: { type: 'object', additionalProperties: { type: 'string' } },
      },
      required: ['id', 'customer_id', 'status', 'items', 'created_at'],
      allOf: [{ $ref: '#/$defs/Audit' }],
      unevaluatedProperties: false,
      description: 'Order is one customer order as the API returns it.',
    });
    expect(order.provenance).toMatchObject({ file: 'go/handlers.go', rule: 'go/types.scm#struct', range: { start: { line: 32, column: 1 }, end: { line: 42, column: 2 } } });
  });

  it('skips `json:"-"` fields and uses field names when there is no tag', () => {
    expect(shape('LineItem').payload.schema).toEqual({
      type: 'object',
      properties: { sku: { type: 'string' }, quantity: { type: 'integer' }, price_cents: { type: 'integer' } },
      required: ['sku', 'quantity', 'price_cents'],
      additionalProperties: false,
      description: 'LineItem is a product and quantity within an order.',
    });
    expect(shape('Receipt').payload.schema).toEqual({
      type: 'object',
      properties: { OrderID: { type: 'integer' }, Lines: { type: 'array', items: { type: 'string' } }, Total: { type: 'integer' } },
      required: ['OrderID', 'Lines', 'Total'],
      additionalProperties: false,
      description: 'Receipt is the plain-text summary e-mailed after checkout.',
    });
  });

  it('turns a string type with typed constants into a string enum', () => {
    const status = shape('OrderStatus');
    expect(status.payload).toEqual({
      name: 'OrderStatus',
      kind: 'enum',
      exported: true,
      schema: { type: 'string', enum: ['pending', 'paid', 'cancelled'], description: 'OrderStatus is where an order is in its lifecycle.' },
    });
    expect(status.provenance.rule).toBe('go/types.scm#named_type');
  });

  it('leaves out structs with only unexported fields and interfaces', () => {
    expect(ofType(set, 'type_shape').map((constraint) => constraint.payload.name)).toEqual(['Receipt', 'OrderStatus', 'Order', 'LineItem', 'Audit']);
  });
});

describe('go imports', () => {
  it('records each import path with its origin and the name it binds', () => {
    expect(ofType(set, 'import').map((constraint) => [constraint.payload.module, constraint.payload.origin, constraint.payload.names, constraint.provenance.evidence!.count])).toEqual([
      ['fmt', 'stdlib', ['fmt'], 2],
      ['strings', 'stdlib', ['strings'], 2],
      ['context', 'stdlib', ['context'], 2],
      ['database/sql', 'stdlib', ['sql'], 1],
      ['encoding/json', 'stdlib', ['json'], 1],
      ['errors', 'stdlib', ['errors'], 1],
      ['net/http', 'stdlib', ['http'], 2],
      ['time', 'stdlib', ['time'], 1],
      ['github.com/go-chi/chi/v5', 'package', ['chi'], 1],
      ['net/http/httptest', 'stdlib', ['httptest'], 1],
      ['testing', 'stdlib', ['testing'], 1],
    ]);
    const chi = ofType(set, 'import').find((constraint) => constraint.payload.module === 'github.com/go-chi/chi/v5')!;
    expect(chi.provenance).toMatchObject({ source: 'inferred', file: 'go/handlers.go', rule: 'go/imports.scm#import', range: { start: { line: 13, column: 2 }, end: { line: 13, column: 28 } } });
  });
});

describe('go naming', () => {
  it('infers a style per target, where MixedCaps covers exported and unexported names alike', () => {
    expect(naming('type')).toEqual({ style: 'MixedCaps', count: 8, conforming: 8, confidence: 1 });
    expect(naming('function')).toEqual({ style: 'MixedCaps', count: 7, conforming: 7, confidence: 1 });
    expect(naming('method')).toEqual({ style: 'PascalCase', count: 7, conforming: 7, confidence: 1 });
    expect(naming('constant')).toEqual({ style: 'PascalCase', count: 4, conforming: 4, confidence: 1 });
    expect(naming('variable')).toEqual({ style: 'MixedCaps', count: 27, conforming: 27, confidence: 1 });
    expect(naming('parameter')).toEqual({ style: 'camelCase', count: 29, conforming: 29, confidence: 1 });
    expect(naming('test')).toEqual({ style: 'PascalCase', count: 3, conforming: 3, confidence: 1 });
  });

  it('points at the first conforming name with the rule that found it', () => {
    const tests = ofType(set, 'naming').find((constraint) => constraint.payload.target === 'test')!;
    expect(tests.payload.pattern).toBe('^_*[A-Z][a-zA-Z0-9]*_*$');
    expect(tests.provenance).toMatchObject({ file: 'go/handlers_test.go', rule: 'go/declarations.scm#function', range: { start: { line: 33, column: 6 }, end: { line: 33, column: 39 } } });
  });
});

describe('go error handling', () => {
  it('counts `if err != nil` checks against discarded error results', () => {
    const check = ofType(set, 'error_handling').find((constraint) => constraint.payload.habit === 'go_err_check')!;
    expect(check.confidence).toBe(0.875);
    expect(check.provenance.evidence).toMatchObject({ count: 8, conforming: 7 });
    expect(check.provenance).toMatchObject({ file: 'go/handlers.go', rule: 'go/errors.scm#err_check', range: { start: { line: 76, column: 2 }, end: { line: 79, column: 3 } } });
    expect(check.severity).toBe('warning');
  });

  it('counts fmt.Errorf with %w against fmt.Errorf without it', () => {
    const wrap = ofType(set, 'error_handling').find((constraint) => constraint.payload.habit === 'go_err_wrap')!;
    expect(wrap.payload).toEqual({ language: 'go', habit: 'go_err_wrap', description: 'errors are wrapped with fmt.Errorf("...: %w", err)', names: [] });
    expect(wrap.confidence).toBe(0.75);
    expect(wrap.provenance.evidence).toMatchObject({ count: 4, conforming: 3 });
    expect(wrap.provenance.evidence!.examples.map((example) => example.range.start.line)).toEqual([100, 109, 116]);
    expect(wrap.severity).toBe('info');
  });

  it('reports only those two habits', () => {
    expect(ofType(set, 'error_handling').map((constraint) => constraint.payload.habit)).toEqual(['go_err_check', 'go_err_wrap']);
  });
});

describe('go security', () => {
  it('finds SQL built by concatenation', () => {
    expect(set.findings).toEqual([
      {
        rule: 'sql_concat',
        severity: 'error',
        message: 'SQL built by string concatenation or interpolation is injectable',
        file: 'go/handlers.go',
        range: { start: { line: 107, column: 15 }, end: { line: 107, column: 107 } },
        snippet: `h.db.QueryContext(ctx, "SELECT id, status FROM orders WHERE customer_id = '"+customerID+"'")`,
      },
    ]);
  });

  it('forbids every Go rule of the catalog, with the findings as evidence', () => {
    const forbids = ofType(set, 'forbid');
    expect(forbids.map((constraint) => [constraint.payload.rule, constraint.provenance.evidence!.count])).toEqual([
      ['sql_concat', 1],
      ['hardcoded_secret', 0],
      ['go_exec_command', 0],
    ]);
    expect(forbids[0]!.provenance.evidence!.examples).toEqual([{ file: 'go/handlers.go', range: { start: { line: 107, column: 15 }, end: { line: 107, column: 107 } } }]);
  });
});

describe('go test conventions', () => {
  it('reads the testing package with t.Errorf assertions in *_test.go files', () => {
    const [convention, ...others] = ofType(set, 'test_convention');
    expect(others).toEqual([]);
    expect(convention!.payload).toEqual({ language: 'go', framework: 'testing', assertion_style: 't.Errorf', file_pattern: '*_test.go' });
    expect(convention!.confidence).toBe(1);
    expect(convention!.provenance).toMatchObject({
      file: 'go/handlers_test.go',
      rule: 'go/tests.scm#test_function',
      range: { start: { line: 33, column: 1 }, end: { line: 43, column: 2 } },
      evidence: { count: 3, conforming: 3 },
    });
  });
});

describe('go holes', () => {
  it('finds the TODO comment and the panic("TODO ...") with their enclosing methods', () => {
    const holes = ofType(set, 'hole');
    expect(holes.map((constraint) => [constraint.payload.marker, constraint.payload.range.start.line, constraint.payload.text, constraint.payload.enclosing?.name])).toEqual([
      ['todo_comment', 98, '// TODO: validate SKUs against the catalogue before saving.', 'CreateOrder'],
      ['panic_todo', 125, 'panic("TODO: cancel orders once payments can be refunded")', 'CancelOrder'],
    ]);
    expect(holes[1]!.payload.enclosing).toEqual(signature('CancelOrder', 'Handler').payload satisfies SignaturePayload);
    expect(holes[1]!.provenance).toMatchObject({ file: 'go/handlers.go', rule: 'go/holes.scm#panic_todo', range: { start: { line: 125, column: 2 }, end: { line: 125, column: 60 } } });
  });
});

describe('go parse errors and files', () => {
  it('reports the syntax error of the broken file with its line', () => {
    expect(set.parse_errors).toEqual([
      { file: 'go/broken.go', range: { start: { line: 22, column: 33 }, end: { line: 22, column: 47 } }, kind: 'error', message: 'syntax error near "(item.Quantity"' },
    ]);
  });

  it('summarises each file', () => {
    expect(set.files.map((file) => [file.path, file.language, file.lines, file.is_test])).toEqual([
      ['go/broken.go', 'go', 51, false],
      ['go/handlers.go', 'go', 141, false],
      ['go/handlers_test.go', 'go', 59, true],
    ]);
  });
});

describe('go extraction as a whole', () => {
  itIsValidAndDeterministic(FILES, () => set);

  it('produces only the concerns asked for, still with enclosing signatures on holes', async () => {
    const holesOnly = await extractFixtures(FILES, ['holes']);
    expect(new Set(holesOnly.constraints.map((constraint) => constraint.type))).toEqual(new Set(['hole']));
    expect(ofType(holesOnly, 'hole').map((constraint) => constraint.payload.enclosing?.name)).toEqual(['CreateOrder', 'CancelOrder']);
    expect(holesOnly.findings).toEqual([]);
  });
});

describe('go worker fixtures: generics, variadics, testify and shell commands', () => {
  const WORKER_FILES = ['go/worker.go', 'go/worker_test.go'];
  let worker: ConstraintSet;
  beforeAll(async () => {
    worker = await extractFixtures(WORKER_FILES);
  });
  const workerSignature = (name: string) => ofType(worker, 'signature').find((constraint) => constraint.payload.name === name)!.payload;
  const workerShape = (name: string) => ofType(worker, 'type_shape').find((constraint) => constraint.payload.name === name)!.payload.schema;

  it('reads variadic parameters and type parameters', () => {
    expect(workerSignature('Run')).toEqual({
      name: 'Run', kind: 'method', container: 'Runner', parameters: [parameter('ctx', 'context.Context'), parameter('jobs', 'Job', true)],
      returns: 'error', type_parameters: [], async: false, exported: true, decorators: [], header: 'func (r *Runner) Run(ctx context.Context, jobs ...Job) error',
    });
    expect(workerSignature('mapSlice')).toEqual({
      name: 'mapSlice', kind: 'function', parameters: [parameter('items', '[]T'), parameter('convert', 'func(T) U')], returns: '[]U',
      type_parameters: ['T any', 'U any'], async: false, exported: false, decorators: [], header: 'func mapSlice[T, U any](items []T, convert func(T) U) []U',
    });
  });

  it('maps embedded pointers, ",string", []byte, arrays, durations and type parameters', () => {
    expect(workerShape('Job')).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string' },
        script: { type: 'string' },
        retries: { type: 'string' },
        env: { type: 'object', additionalProperties: { type: 'string' } },
        payload: { type: 'string', contentEncoding: 'base64' },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['name', 'script', 'retries', 'payload', 'tags'],
      allOf: [{ $ref: '#/$defs/Schedule' }],
      unevaluatedProperties: false,
      description: 'Job is a shell script run on a schedule.',
    });
    expect(workerShape('Schedule')).toEqual({
      type: 'object',
      properties: { cron: { type: 'string' }, timezone: { type: 'string' }, timeout: { type: 'integer' } },
      required: ['cron', 'timeout'],
      additionalProperties: false,
      description: 'Schedule says when a job may run.',
    });
    expect(workerShape('Page')).toEqual({
      type: 'object',
      properties: { items: { type: 'array', items: {} }, next: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      required: ['items', 'next'],
      additionalProperties: false,
      description: 'Page is one page of results of any type.',
    });
  });

  it('finds the shell command and the hard-coded Slack token', () => {
    expect(worker.findings.map((finding) => [finding.rule, finding.range.start.line, finding.snippet])).toEqual([
      ['hardcoded_secret', 11, 'slackToken = "xoxb-2048-4096-abcdefABCDEF123456"'],
      ['go_exec_command', 44, 'exec.CommandContext(ctx, "sh", "-c", job.Script)'],
    ]);
    expect(ofType(worker, 'forbid').map((constraint) => [constraint.payload.rule, constraint.provenance.evidence!.count])).toEqual([
      ['sql_concat', 0],
      ['hardcoded_secret', 1],
      ['go_exec_command', 1],
    ]);
  });

  it('reads testify assertions; benchmarks are named like tests but are not test facts', () => {
    const [convention] = ofType(worker, 'test_convention');
    expect(convention!.payload).toEqual({ language: 'go', framework: 'testing', assertion_style: 'testify', file_pattern: '*_test.go' });
    expect(convention!.provenance.evidence).toMatchObject({ count: 5, conforming: 5 });
    const tests = ofType(worker, 'naming').find((constraint) => constraint.payload.target === 'test')!;
    expect(tests.provenance.evidence!.count).toBe(6);
    expect(ofType(worker, 'import').filter((constraint) => constraint.payload.origin === 'package').map((constraint) => constraint.payload.names)).toEqual([['assert'], ['require']]);
  });
});

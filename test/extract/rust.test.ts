import { beforeAll, describe, expect, it } from 'vitest';
import type { ConstraintSet } from '../../src/constraints/schema.js';
import { extractFixtures, itIsValidAndDeterministic, ofType } from '../helpers/extract.js';

const FILES = ['rust/models.rs', 'rust/tests/orders_api.rs', 'rust/broken.rs'];

let set: ConstraintSet;
beforeAll(async () => {
  set = await extractFixtures(FILES);
});

const parameter = (name: string, type: string) => ({ name, type, optional: false, rest: false });
const SELF = parameter('self', '&Self');
const UNSIGNED = { type: 'integer', minimum: 0 };

function signature(name: string) {
  const found = ofType(set, 'signature').find((constraint) => constraint.payload.name === name);
  if (!found) throw new Error(`no signature ${name}`);
  return found;
}

function schemaOf(name: string) {
  const found = ofType(set, 'type_shape').find((constraint) => constraint.payload.name === name);
  if (!found) throw new Error(`no type shape ${name}`);
  return found.payload.schema;
}

function habit(name: string) {
  const found = ofType(set, 'error_handling').find((constraint) => constraint.payload.habit === name);
  if (!found) throw new Error(`no habit ${name}`);
  return { names: found.payload.names, count: found.provenance.evidence!.count, conforming: found.provenance.evidence!.conforming, confidence: found.confidence, rule: found.provenance.rule };
}

describe('rust signatures', () => {
  it('finds free functions, methods in impls and test functions, in file order', () => {
    expect(ofType(set, 'signature').map((constraint) => [constraint.provenance.file, constraint.payload.kind, constraint.payload.container ?? '', constraint.payload.name])).toEqual([
      ['rust/broken.rs', 'method', 'InputError', 'fmt'],
      ['rust/broken.rs', 'function', '', 'parse_quantity'],
      ['rust/broken.rs', 'function', '', 'parse_sku'],
      ['rust/broken.rs', 'method', 'Sku', 'as_str'],
      ['rust/broken.rs', 'function', '', 'parse_line'],
      ['rust/models.rs', 'function', '', 'load_order'],
      ['rust/models.rs', 'function', '', 'validate'],
      ['rust/models.rs', 'method', 'Order', 'total'],
      ['rust/models.rs', 'method', 'Order', 'summary'],
      ['rust/models.rs', 'method', 'Order', 'discounted_total'],
      ['rust/models.rs', 'function', '', 'verify_signature'],
      ['rust/models.rs', 'function', '', 'sample_order'],
      ['rust/models.rs', 'function', '', 'total_multiplies_price_by_quantity'],
      ['rust/models.rs', 'function', '', 'validate_rejects_oversized_orders'],
      ['rust/models.rs', 'function', '', 'status_serialises_in_snake_case'],
      ['rust/tests/orders_api.rs', 'function', '', 'line_item'],
      ['rust/tests/orders_api.rs', 'function', '', 'order_with_items'],
      ['rust/tests/orders_api.rs', 'function', '', 'accepts_orders_within_the_limit'],
      ['rust/tests/orders_api.rs', 'function', '', 'rejects_orders_over_the_limit'],
      ['rust/tests/orders_api.rs', 'function', '', 'loads_stored_orders'],
      ['rust/tests/orders_api.rs', 'function', '', 'reports_missing_orders'],
    ]);
  });

  it('reads an async pub function returning Result', () => {
    const loadOrder = signature('load_order');
    expect(loadOrder.payload).toEqual({
      name: 'load_order',
      kind: 'function',
      parameters: [parameter('pool', '&Pool'), parameter('id', 'u64')],
      returns: 'Result<Order, OrderError>',
      type_parameters: [],
      async: true,
      exported: true,
      decorators: [],
      header: 'pub async fn load_order(pool: &Pool, id: u64) -> Result<Order, OrderError>',
    });
    expect(loadOrder.provenance).toEqual({
      source: 'extracted',
      file: 'rust/models.rs',
      range: { start: { line: 73, column: 1 }, end: { line: 77, column: 2 } },
      rule: 'rust/signatures.scm#function',
    });
  });

  it('reads methods with self, and trait impl methods as exported', () => {
    expect(signature('discounted_total').payload).toEqual({
      name: 'discounted_total', kind: 'method', container: 'Order', parameters: [SELF, parameter('promo_code', '&str')],
      returns: 'Result<f64, OrderError>', type_parameters: [], async: false, exported: true, decorators: [],
      header: 'pub fn discounted_total(&self, promo_code: &str) -> Result<f64, OrderError>',
    });
    const display = signature('fmt');
    expect(display.payload).toEqual({
      name: 'fmt', kind: 'method', container: 'InputError', parameters: [SELF, parameter('formatter', "&mut fmt::Formatter<'_>")],
      returns: 'fmt::Result', type_parameters: [], async: false, exported: true, decorators: [],
      header: "fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result",
    });
    expect(display.provenance.rule).toBe('rust/signatures.scm#method');
  });

  it('keeps test attributes as decorators and private functions as not exported', () => {
    expect(signature('loads_stored_orders').payload).toMatchObject({ async: true, exported: false, decorators: ['#[tokio::test]'], header: 'async fn loads_stored_orders()' });
    expect(signature('total_multiplies_price_by_quantity').payload.decorators).toEqual(['#[test]']);
    expect(signature('sample_order').payload).toMatchObject({ exported: false, returns: 'Order', decorators: [] });
  });
});

describe('rust type shapes', () => {
  it('applies serde rename_all, rename, default, skip_serializing_if, skip and deny_unknown_fields', () => {
    expect(schemaOf('Order')).toEqual({
      type: 'object',
      properties: {
        id: UNSIGNED,
        customerId: { type: 'string' },
        status: { $ref: '#/$defs/OrderStatus' },
        lineItems: { type: 'array', items: { $ref: '#/$defs/LineItem' } },
        note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        created: { type: 'string', format: 'date-time' },
      },
      required: ['id', 'customerId', 'status', 'created'],
      additionalProperties: false,
      description: 'One customer order.',
    });
  });

  it('leaves structs without deny_unknown_fields open and maps HashMap<String, T> to an object', () => {
    expect(schemaOf('LineItem')).toEqual({
      type: 'object',
      properties: {
        sku: { type: 'string' },
        quantity: UNSIGNED,
        unit_price: { type: 'number' },
        attributes: { type: 'object', additionalProperties: { type: 'string' } },
      },
      required: ['sku', 'quantity', 'unit_price'],
      description: 'A product and quantity within an order.',
    });
  });

  it('turns unit-only enums into string enums with renamed variants', () => {
    expect(schemaOf('OrderStatus')).toEqual({ type: 'string', enum: ['pending', 'paid', 'partially_refunded', 'cancelled'], description: 'Where an order is in its lifecycle.' });
  });

  it('turns an internally tagged enum into oneOf objects carrying the tag', () => {
    expect(schemaOf('OrderEvent')).toEqual({
      oneOf: [
        { type: 'object', properties: { type: { const: 'created' }, order_id: UNSIGNED }, required: ['type', 'order_id'] },
        { type: 'object', properties: { type: { const: 'status_changed' }, order_id: UNSIGNED, status: { $ref: '#/$defs/OrderStatus' } }, required: ['type', 'order_id', 'status'] },
        { type: 'object', properties: { type: { const: 'purged' } }, required: ['type'] },
      ],
      description: 'Events published when an order changes.',
    });
  });

  it('turns externally tagged enums into oneOf single-key objects, unit variants into constants', () => {
    expect(schemaOf('OrderError')).toEqual({
      oneOf: [
        { type: 'object', properties: { NotFound: UNSIGNED }, required: ['NotFound'], additionalProperties: false },
        { type: 'object', properties: { TooManyItems: { type: 'object', properties: { count: UNSIGNED }, required: ['count'] } }, required: ['TooManyItems'], additionalProperties: false },
        { type: 'object', properties: { Database: { $ref: '#/$defs/Error' } }, required: ['Database'], additionalProperties: false },
      ],
    });
    expect(schemaOf('InputError')).toEqual({
      oneOf: [{ const: 'EmptySku' }, { type: 'object', properties: { BadQuantity: { $ref: '#/$defs/ParseIntError' } }, required: ['BadQuantity'], additionalProperties: false }],
    });
  });

  it('writes a newtype struct as its content and skips aliases to foreign types', () => {
    expect(schemaOf('Sku')).toEqual({ type: 'string', description: 'A stock-keeping unit such as "SKU-1042".' });
    const shapes = ofType(set, 'type_shape');
    expect(shapes.map((constraint) => [constraint.payload.name, constraint.payload.kind, constraint.payload.exported])).toEqual([
      ['Sku', 'struct', true],
      ['InputError', 'enum', true],
      ['Order', 'struct', true],
      ['LineItem', 'struct', true],
      ['OrderStatus', 'enum', true],
      ['OrderEvent', 'enum', true],
      ['OrderError', 'enum', true],
    ]);
    expect(shapes[2]!.provenance).toMatchObject({ file: 'rust/models.rs', rule: 'rust/types.scm#struct', range: { start: { line: 21, column: 1 }, end: { line: 32, column: 2 } } });
  });
});

describe('rust imports', () => {
  it('flattens use trees into modules with their imported names and origins', () => {
    expect(ofType(set, 'import').map((constraint) => [constraint.payload.module, constraint.payload.origin, constraint.payload.names])).toEqual([
      ['std', 'stdlib', ['fmt']],
      ['std::num', 'stdlib', ['ParseIntError']],
      ['std::collections', 'stdlib', ['HashMap']],
      ['chrono', 'package', ['DateTime', 'Utc']],
      ['hmac', 'package', ['Hmac', 'Mac']],
      ['serde', 'package', ['Deserialize', 'Serialize']],
      ['sha2', 'package', ['Sha256']],
      ['thiserror', 'package', ['Error']],
      ['crate::db', 'relative', ['Pool']],
      ['super', 'relative', ['*']],
      ['orders::db', 'package', ['Pool']],
      ['orders::models', 'package', ['LineItem', 'MAX_LINE_ITEMS', 'Order', 'OrderError', 'OrderStatus', 'load_order', 'validate']],
    ]);
    const collections = ofType(set, 'import').find((constraint) => constraint.payload.module === 'std::collections')!;
    expect(collections.provenance).toMatchObject({ file: 'rust/models.rs', rule: 'rust/imports.scm#use', range: { start: { line: 3, column: 1 }, end: { line: 3, column: 31 } }, evidence: { count: 2 } });
  });
});

describe('rust naming', () => {
  it('infers snake_case functions and PascalCase types with evidence', () => {
    const styles = Object.fromEntries(
      ofType(set, 'naming').map((constraint) => [constraint.payload.target, [constraint.payload.style, constraint.provenance.evidence!.count, constraint.confidence]]),
    );
    expect(styles).toEqual({
      file: ['snake_case', 3, 1],
      type: ['PascalCase', 8, 1],
      method: ['snake_case', 5, 1],
      parameter: ['snake_case', 14, 1],
      function: ['snake_case', 9, 1],
      variable: ['snake_case', 18, 1],
      constant: ['SCREAMING_SNAKE_CASE', 2, 1],
      test: ['snake_case', 7, 1],
    });
    const constants = ofType(set, 'naming').find((constraint) => constraint.payload.target === 'constant')!;
    expect(constants.provenance).toMatchObject({ file: 'rust/models.rs', rule: 'rust/declarations.scm#constant', range: { start: { line: 15, column: 7 }, end: { line: 15, column: 21 } } });
  });
});

describe('rust error handling', () => {
  it('counts functions returning Result, including fmt::Result', () => {
    expect(habit('result_return')).toEqual({ names: [], count: 7, conforming: 7, confidence: 1, rule: 'rust/errors.scm#result_return' });
  });

  it('counts `?` against .unwrap() and .expect() outside test code', () => {
    expect(habit('question_mark_propagation')).toEqual({ names: [], count: 7, conforming: 5, confidence: 0.714, rule: 'rust/errors.scm#question_mark' });
  });

  it('names the error enum deriving thiserror::Error', () => {
    expect(habit('custom_error_class')).toEqual({ names: ['OrderError'], count: 1, conforming: 1, confidence: 1, rule: 'rust/errors.scm#derive_error' });
  });
});

describe('rust security', () => {
  it('finds the hard-coded webhook secret and forbids every Rust rule', () => {
    expect(set.findings).toEqual([
      {
        rule: 'hardcoded_secret',
        severity: 'error',
        message: 'credentials must come from configuration, not literals',
        file: 'rust/models.rs',
        range: { start: { line: 15, column: 1 }, end: { line: 15, column: 59 } },
        snippet: 'const WEBHOOK_SECRET: &str = "whsec_9f8a7b6c5d4e3f2a1b0c";',
      },
    ]);
    expect(ofType(set, 'forbid').map((constraint) => [constraint.payload.rule, constraint.payload.match, constraint.provenance.evidence!.count])).toEqual([
      ['rust_unsafe', 'substring', 0],
      ['hardcoded_secret', 'regex', 1],
      ['rust_command_shell', 'substring', 0],
    ]);
  });
});

describe('rust test conventions', () => {
  it('reads #[test] and #[tokio::test] functions with assert_eq! as the usual assertion', () => {
    const [convention, ...others] = ofType(set, 'test_convention');
    expect(others).toEqual([]);
    expect(convention!.payload).toEqual({ language: 'rust', framework: 'cargo test', assertion_style: 'assert_eq', file_pattern: 'tests/*.rs' });
    expect(convention!.provenance).toMatchObject({
      file: 'rust/models.rs',
      rule: 'rust/tests.scm#test_attribute',
      range: { start: { line: 117, column: 5 }, end: { line: 120, column: 6 } },
      evidence: { count: 7, conforming: 7 },
    });
  });
});

describe('rust holes', () => {
  it('finds the TODO comment and todo!() with the method it is in', () => {
    const holes = ofType(set, 'hole');
    expect(holes.map((constraint) => [constraint.payload.marker, constraint.payload.range, constraint.payload.enclosing?.name])).toEqual([
      ['todo_comment', { start: { line: 96, column: 5 }, end: { line: 96, column: 70 } }, undefined],
      ['todo_macro', { start: { line: 98, column: 9 }, end: { line: 98, column: 16 } }, 'discounted_total'],
    ]);
    expect(holes[1]!.payload.text).toBe('todo!()');
    expect(holes[1]!.payload.enclosing).toEqual(signature('discounted_total').payload);
    expect(holes[1]!.provenance.rule).toBe('rust/holes.scm#todo_macro');
  });
});

describe('rust parse errors and files', () => {
  it('reports the syntax error of the broken file with its line', () => {
    expect(set.parse_errors).toEqual([
      { file: 'rust/broken.rs', range: { start: { line: 31, column: 25 }, end: { line: 31, column: 26 } }, kind: 'error', message: 'syntax error near "("' },
    ]);
  });

  it('treats files under tests/ as tests', () => {
    expect(set.files.map((file) => [file.path, file.is_test])).toEqual([
      ['rust/broken.rs', false],
      ['rust/models.rs', false],
      ['rust/tests/orders_api.rs', true],
    ]);
  });
});

describe('rust extraction as a whole', () => {
  itIsValidAndDeterministic(FILES, () => set);

  it('produces only the concerns asked for', async () => {
    const typesOnly = await extractFixtures(FILES, ['types', 'errors']);
    expect(new Set(typesOnly.constraints.map((constraint) => constraint.type))).toEqual(new Set(['type_shape', 'error_handling']));
    expect(ofType(typesOnly, 'type_shape')).toEqual(ofType(set, 'type_shape'));
  });
});

describe('rust jobs fixture: flatten, untagged and adjacent enums, unsafe and shell commands', () => {
  let jobs: ConstraintSet;
  beforeAll(async () => {
    jobs = await extractFixtures(['rust/jobs.rs']);
  });
  const jobsSchema = (name: string) => ofType(jobs, 'type_shape').find((constraint) => constraint.payload.name === name)!.payload;

  it('merges flattened fields with allOf and keeps generic fields open', () => {
    expect(jobsSchema('Job').schema).toEqual({
      type: 'object',
      properties: {
        payload: {},
        labels: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
        owner: { $ref: '#/$defs/Owner' },
        deadline: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
      },
      required: ['payload', 'labels', 'owner'],
      allOf: [{ $ref: '#/$defs/Meta' }],
      description: 'A job as stored in the queue.',
    });
    expect(jobsSchema('Meta').schema).toEqual({
      type: 'object',
      properties: { id: { type: 'string', format: 'uuid' }, attempts: UNSIGNED },
      required: ['id', 'attempts'],
      description: 'Fields every job record carries.',
    });
  });

  it('writes untagged enums as anyOf and adjacently tagged ones as tag plus content', () => {
    expect(jobsSchema('Target').schema).toEqual({
      anyOf: [{ type: 'string' }, { type: 'object', properties: { name: { type: 'string' }, size: UNSIGNED }, required: ['name', 'size'] }],
    });
    expect(jobsSchema('Outcome').schema).toEqual({
      oneOf: [
        { type: 'object', properties: { kind: { const: 'Succeeded' }, detail: {} }, required: ['kind', 'detail'], additionalProperties: false },
        {
          type: 'object',
          properties: { kind: { const: 'Failed' }, detail: { type: 'object', properties: { code: { type: 'integer' }, stderr: { type: 'string' } }, required: ['code', 'stderr'] } },
          required: ['kind', 'detail'],
          additionalProperties: false,
        },
        { type: 'object', properties: { kind: { const: 'Skipped' } }, required: ['kind'] },
      ],
      description: 'What a finished job reported.',
    });
  });

  it('keeps aliases with a JSON form and writes unit structs as null', () => {
    expect(jobsSchema('Labels')).toEqual({ name: 'Labels', kind: 'type_alias', exported: true, schema: { type: 'array', items: { type: 'string' } } });
    expect(jobsSchema('ShellExecutor').schema).toEqual({ type: 'null' });
  });

  it('reads trait methods with the trait as container', () => {
    const [traitMethod, implMethod] = ofType(jobs, 'signature').filter((constraint) => constraint.payload.name === 'execute');
    expect(traitMethod!.payload).toMatchObject({ container: 'Executor', kind: 'method', exported: true, returns: 'std::io::Result<Output>', header: 'fn execute(&self, script: &str) -> std::io::Result<Output>' });
    expect(traitMethod!.provenance.rule).toBe('rust/signatures.scm#trait_method');
    expect(implMethod!.payload.container).toBe('ShellExecutor');
  });

  it('finds the unsafe fn, the unsafe block and Command::new("sh")', () => {
    expect(jobs.findings.map((finding) => [finding.rule, finding.range.start.line, finding.snippet])).toEqual([
      ['rust_command_shell', 55, 'Command::new("sh")'],
      ['rust_unsafe', 60, 'pub unsafe fn shared_counter(pointer: *const u64) -> u64 {'],
      ['rust_unsafe', 68, 'unsafe { shared_counter(&(remaining as u64)) as u8 }'],
    ]);
  });

  it('finds unimplemented!() and drops a habit nothing follows', () => {
    expect(ofType(jobs, 'hole').map((constraint) => [constraint.payload.marker, constraint.payload.range.start.line, constraint.payload.enclosing?.name])).toEqual([
      ['unimplemented_macro', 70, 'retry_budget'],
    ]);
    expect(ofType(jobs, 'error_handling').map((constraint) => [constraint.payload.habit, constraint.provenance.evidence!.count])).toEqual([['result_return', 1]]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { nodeParsers } from '../../src/cli/wasm-node.js';
import { canonicalJson } from '../../src/constraints/canonical.js';
import { Constraint, type ConstraintSet, type Parameter, type Range, type SignaturePayload } from '../../src/constraints/schema.js';
import { extract } from '../../src/extract/extract.js';
import { extractFixtures, ofType, readFixture } from '../helpers/extract.js';

const API = 'python/orders_api.py';
const MODELS = 'python/models.py';
const CLI = 'python/deploy_cli.py';
const TESTS = 'python/test_inventory.py';
const RECORDS = 'python/records.py';
const BROKEN = 'python/broken_syntax.py';
const ALL = [API, MODELS, CLI, TESTS, RECORDS, BROKEN];

function range(startLine: number, startColumn: number, endLine: number, endColumn: number): Range {
  return { start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn } };
}

function parameter(name: string, type?: string, defaultValue?: string): Parameter {
  return { name, ...(type ? { type } : {}), ...(defaultValue ? { default: defaultValue } : {}), optional: defaultValue !== undefined, rest: false };
}

function restParameter(name: string, type: string): Parameter {
  return { name, type, optional: false, rest: true };
}

type SignatureFields = Pick<SignaturePayload, 'name' | 'parameters' | 'header'> & Partial<SignaturePayload>;

function signature(fields: SignatureFields): SignaturePayload {
  return { kind: 'function', type_parameters: [], async: false, exported: true, decorators: [], ...fields };
}

function signatures(set: ConstraintSet): SignaturePayload[] {
  return ofType(set, 'signature').map((constraint) => constraint.payload);
}

function shape(set: ConstraintSet, name: string) {
  const found = ofType(set, 'type_shape').find((constraint) => constraint.payload.name === name);
  if (!found) throw new Error(`no type_shape ${name}`);
  return found;
}

function namingSummary(set: ConstraintSet) {
  return Object.fromEntries(ofType(set, 'naming').map((constraint) => [
    constraint.payload.target,
    { style: constraint.payload.style, count: constraint.provenance.evidence!.count, conforming: constraint.provenance.evidence!.conforming, confidence: constraint.confidence },
  ]));
}

function habitSummary(set: ConstraintSet) {
  return Object.fromEntries(ofType(set, 'error_handling').map((constraint) => [
    constraint.payload.habit,
    { names: constraint.payload.names, count: constraint.provenance.evidence!.count, conforming: constraint.provenance.evidence!.conforming, confidence: constraint.confidence },
  ]));
}

function importSummary(set: ConstraintSet) {
  return ofType(set, 'import').map(({ payload }) => [payload.module, payload.origin, payload.names]);
}

function findingSummary(set: ConstraintSet) {
  return set.findings.map((finding) => [finding.rule, finding.range.start.line, finding.snippet]);
}

function holeSummary(set: ConstraintSet) {
  return ofType(set, 'hole').map(({ payload }) => [payload.marker, payload.range.start.line, payload.enclosing?.name, payload.text]);
}

function forbidEvidence(set: ConstraintSet) {
  return Object.fromEntries(ofType(set, 'forbid').map((constraint) => [constraint.payload.rule, constraint.provenance.evidence!.count]));
}

describe('python extraction: FastAPI handlers (orders_api.py)', () => {
  let set: ConstraintSet;
  beforeAll(async () => {
    set = await extractFixtures([API]);
  });

  it('finds every function, method and constructor with its exact signature', () => {
    const session = parameter('session', 'AsyncSession', 'Depends(get_session)');
    expect(signatures(set)).toEqual([
      signature({
        name: '__init__', kind: 'constructor', container: 'OrderNotFoundError', returns: 'None',
        parameters: [parameter('self'), parameter('order_id', 'int')],
        header: 'def __init__(self, order_id: int) -> None:',
      }),
      signature({
        name: 'log_event', returns: 'None',
        parameters: [parameter('event', 'str'), restParameter('args', 'object'), restParameter('context', 'str')],
        header: 'def log_event(event: str, *args: object, **context: str) -> None:',
      }),
      signature({
        name: 'load_order', async: true, returns: 'Order',
        parameters: [parameter('session', 'AsyncSession'), parameter('order_id', 'int')],
        header: 'async def load_order(session: AsyncSession, order_id: int) -> Order:',
      }),
      signature({
        name: 'read_order', async: true, returns: 'Order', decorators: ['router.get("/{order_id}", response_model=Order)'],
        parameters: [parameter('order_id', 'int'), session],
        header: 'async def read_order(order_id: int, session: AsyncSession = Depends(get_session)) -> Order:',
      }),
      signature({
        name: 'list_orders', async: true, returns: 'list[Order]', decorators: ['router.get("/", response_model=list[Order])'],
        parameters: [parameter('customer_id', 'int'), parameter('status_filter', 'OrderStatus | None', 'None'), parameter('page', 'int', '1'), session],
        header: 'async def list_orders(customer_id: int, status_filter: OrderStatus | None = None, page: int = 1, session: AsyncSession = Depends(get_session),) -> list[Order]:',
      }),
      signature({
        name: 'create_order', async: true, returns: 'Order',
        decorators: ['router.post("/", response_model=Order, status_code=status.HTTP_201_CREATED)'],
        parameters: [parameter('payload', 'OrderCreate'), parameter('session', 'Annotated[AsyncSession, Depends(get_session)]')],
        header: 'async def create_order(payload: OrderCreate, session: Annotated[AsyncSession, Depends(get_session)]) -> Order:',
      }),
      signature({
        name: 'cancel_order', async: true, returns: 'None', decorators: ['router.delete("/{order_id}", status_code=status.HTTP_204_NO_CONTENT)'],
        parameters: [parameter('order_id', 'int'), session],
        header: 'async def cancel_order(order_id: int, session: AsyncSession = Depends(get_session)) -> None:',
      }),
      signature({
        name: '_notify_warehouse', async: true, exported: false, returns: 'None',
        parameters: [parameter('order', 'Order')],
        header: 'async def _notify_warehouse(order: Order) -> None:',
      }),
    ]);
  });

  it('says which query pattern found each signature and where', () => {
    const provenance = ofType(set, 'signature').map((constraint) => [constraint.payload.name, constraint.provenance.rule, constraint.provenance.range]);
    expect(provenance.slice(0, 3)).toEqual([
      ['__init__', 'python/signatures.scm#constructor', range(25, 5, 27, 33)],
      ['log_event', 'python/signatures.scm#function', range(34, 1, 35, 45)],
      ['load_order', 'python/signatures.scm#function', range(38, 1, 42, 17)],
    ]);
    const exported = ofType(set, 'signature').find((constraint) => constraint.payload.name === 'read_order')!;
    expect([exported.severity, exported.priority, exported.confidence]).toEqual(['error', 80, 1]);
  });

  it('reports exception classes as error habits, not as type shapes', () => {
    expect(ofType(set, 'type_shape')).toEqual([]);
    expect(habitSummary(set)).toEqual({
      custom_error_class: { names: ['OrderNotFoundError', 'PaymentDeclinedError'], count: 2, conforming: 2, confidence: 1 },
      throw_custom_error: { names: ['HTTPException', 'OrderNotFoundError', 'PaymentDeclinedError'], count: 5, conforming: 3, confidence: 0.6 },
      await_in_try: { names: [], count: 9, conforming: 3, confidence: 0.333 },
    });
    const awaits = ofType(set, 'error_handling').find((constraint) => constraint.payload.habit === 'await_in_try')!;
    expect(awaits.provenance.rule).toBe('python/errors.scm#await');
    expect(awaits.provenance.evidence!.examples.map((example) => example.range.start.line)).toEqual([48, 72, 73]);
    expect([awaits.severity, awaits.priority]).toEqual(['info', 40]);
  });

  it('classifies imports as stdlib, package or relative', () => {
    expect(importSummary(set)).toEqual([
      ['__future__', 'stdlib', ['annotations']],
      ['logging', 'stdlib', []],
      ['typing', 'stdlib', ['Annotated']],
      ['fastapi', 'package', ['APIRouter', 'Depends', 'HTTPException', 'status']],
      ['sqlalchemy.ext.asyncio', 'package', ['AsyncSession']],
      ['.database', 'relative', ['get_session']],
      ['.models', 'relative', ['Order', 'OrderCreate', 'OrderStatus']],
      ['..payments', 'relative', ['client']],
    ]);
    const fastapi = ofType(set, 'import').find((constraint) => constraint.payload.module === 'fastapi')!;
    expect(fastapi.provenance).toMatchObject({ source: 'inferred', file: API, rule: 'python/imports.scm#import_from', range: range(7, 1, 7, 62) });
  });

  it('infers naming conventions with their evidence', () => {
    expect(namingSummary(set)).toEqual({
      file: { style: 'snake_case', count: 1, conforming: 1, confidence: 1 },
      variable: { style: 'snake_case', count: 7, conforming: 7, confidence: 1 },
      constant: { style: 'SCREAMING_SNAKE_CASE', count: 2, conforming: 2, confidence: 1 },
      class: { style: 'PascalCase', count: 2, conforming: 2, confidence: 1 },
      parameter: { style: 'snake_case', count: 17, conforming: 17, confidence: 1 },
      function: { style: 'snake_case', count: 7, conforming: 7, confidence: 1 },
    });
    const constant = ofType(set, 'naming').find((constraint) => constraint.payload.target === 'constant')!;
    expect(constant.payload.pattern).toBe('^_*[A-Z][A-Z0-9]*(_[A-Z0-9]+)*_*$');
    expect(constant.provenance.evidence!.examples).toEqual([
      { file: API, range: range(18, 1, 18, 10) },
      { file: API, range: range(19, 1, 19, 17) },
    ]);
  });

  it('finds the hard-coded key and the interpolated SQL', () => {
    expect(findingSummary(set)).toEqual([
      ['hardcoded_secret', 19, 'PAYMENTS_API_KEY = "sk-live-4f9a8b7c6d5e4f3a2b1c0d9e"'],
      ['sql_concat', 60, 'f"SELECT * FROM orders WHERE customer_id = {customer_id} LIMIT {PAGE_SIZE}"'],
    ]);
    expect(set.findings[1]!.range).toEqual(range(60, 13, 60, 88));
    expect(forbidEvidence(set)).toEqual({
      eval: 0, sql_concat: 1, exec_python: 0, pickle_loads: 0, subprocess_shell: 0, yaml_unsafe_load: 0, hardcoded_secret: 1,
    });
  });

  it('finds the TODO and the NotImplementedError with their enclosing functions', () => {
    expect(holeSummary(set)).toEqual([
      ['todo_comment', 87, 'cancel_order', '# TODO: refund the captured payment before cancelling'],
      ['not_implemented', 93, '_notify_warehouse', 'raise NotImplementedError("warehouse webhook is not wired yet")'],
    ]);
    const notImplemented = ofType(set, 'hole')[1]!;
    expect(notImplemented.provenance).toEqual({ source: 'extracted', file: API, range: range(93, 5, 93, 68), rule: 'python/holes.scm#not_implemented' });
    expect(notImplemented.payload.enclosing).toEqual(signatures(set).find((payload) => payload.name === '_notify_warehouse'));
  });

  it('reports no test convention for application code', () => {
    expect(ofType(set, 'test_convention')).toEqual([]);
  });
});

describe('python extraction: Pydantic models (models.py)', () => {
  let set: ConstraintSet;
  beforeAll(async () => {
    set = await extractFixtures([MODELS]);
  });

  it('turns Enum subclasses into enums of their values', () => {
    expect(shape(set, 'OrderStatus').payload).toEqual({
      name: 'OrderStatus', kind: 'enum', exported: true,
      schema: { type: 'string', enum: ['pending', 'paid', 'shipped', 'cancelled'], description: 'Lifecycle of an order.' },
    });
    expect(shape(set, 'Priority').payload.schema).toEqual({ type: 'integer', enum: [1, 2, 3] });
    expect(shape(set, 'OrderStatus').provenance).toEqual({ source: 'extracted', file: MODELS, range: range(13, 1, 19, 28), rule: 'python/types.scm#enum' });
  });

  it('maps Field constraints, Literal, defaults and extra="forbid"', () => {
    expect(shape(set, 'Address').payload).toEqual({
      name: 'Address', kind: 'pydantic', exported: true,
      schema: {
        type: 'object',
        description: 'Where an order is shipped.',
        properties: {
          street: { type: 'string', minLength: 1, maxLength: 120 },
          city: { type: 'string' },
          postal_code: { type: 'string', pattern: '^[0-9]{5}$' },
          country: { type: 'string', enum: ['DE', 'FR', 'NL'], default: 'DE' },
        },
        required: ['street', 'city', 'postal_code'],
        additionalProperties: false,
      },
    });
    expect(shape(set, 'LineItem').payload.schema).toEqual({
      type: 'object',
      properties: {
        sku: { type: 'string', minLength: 3, description: 'stock keeping unit' },
        quantity: { type: 'integer', minimum: 1, maximum: 999, default: 1 },
        unit_price: { type: 'number', exclusiveMinimum: 0 },
      },
      required: ['sku', 'unit_price'],
    });
  });

  it('maps Optional, list, dict and nested models to anyOf, items, additionalProperties and $ref', () => {
    const orderCreate = {
      customer_id: { type: 'integer' },
      items: { type: 'array', items: { $ref: '#/$defs/LineItem' }, minItems: 1 },
      shipping_address: { $ref: '#/$defs/Address' },
      note: { anyOf: [{ type: 'string', maxLength: 500 }, { type: 'null' }], default: null },
      priority: { $ref: '#/$defs/Priority' },
      tags: { type: 'object', additionalProperties: { type: 'string' }, default: {} },
    };
    expect(shape(set, 'OrderCreate').payload.schema).toEqual({
      type: 'object', properties: orderCreate, required: ['customer_id', 'items', 'shipping_address'],
    });
    expect(shape(set, 'Order').payload).toEqual({
      name: 'Order', kind: 'pydantic', exported: true,
      schema: {
        type: 'object',
        description: 'An order as stored.',
        properties: {
          ...orderCreate,
          id: { type: 'string', format: 'uuid' },
          status: { $ref: '#/$defs/OrderStatus' },
          created_at: { type: 'string', format: 'date-time' },
          shipped_at: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }], default: null },
          total_cents: { type: 'integer', minimum: 0 },
        },
        required: ['customer_id', 'items', 'shipping_address', 'id', 'created_at', 'total_cents'],
      },
    });
    expect(shape(set, 'Order').provenance.rule).toBe('python/types.scm#class');
    expect(shape(set, 'OrderPage').payload.schema).toEqual({
      type: 'object',
      properties: {
        orders: { type: 'array', items: { $ref: '#/$defs/Order' } },
        next_cursor: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null },
        total: { type: 'integer' },
      },
      required: ['orders', 'total'],
    });
    expect(ofType(set, 'type_shape').map((constraint) => constraint.payload.name)).toEqual(['OrderStatus', 'Priority', 'Address', 'LineItem', 'OrderCreate', 'Order', 'OrderPage']);
  });

  it('finds methods with their class and decorators', () => {
    expect(signatures(set).slice(0, 2)).toEqual([
      signature({ name: 'is_open', kind: 'method', container: 'Order', returns: 'bool', decorators: ['property'], parameters: [parameter('self')], header: 'def is_open(self) -> bool:' }),
      signature({
        name: 'with_status', kind: 'method', container: 'Order', returns: '"Order"',
        parameters: [parameter('self'), parameter('status', 'OrderStatus')], header: 'def with_status(self, status: OrderStatus) -> "Order":',
      }),
    ]);
    expect(signatures(set).find((payload) => payload.name === 'summarize')).toEqual(signature({
      name: 'summarize', returns: 'str',
      parameters: [parameter('order', 'Order'), parameter('currency', 'str', 'DEFAULT_CURRENCY')],
      header: 'def summarize(order: Order, *, currency: str = DEFAULT_CURRENCY) -> str:',
    }));
  });

  it('counts enum members as constants and model fields as variables', () => {
    expect(namingSummary(set)).toEqual({
      file: { style: 'snake_case', count: 1, conforming: 1, confidence: 1 },
      constant: { style: 'SCREAMING_SNAKE_CASE', count: 8, conforming: 8, confidence: 1 },
      class: { style: 'PascalCase', count: 7, conforming: 7, confidence: 1 },
      variable: { style: 'snake_case', count: 22, conforming: 22, confidence: 1 },
      method: { style: 'snake_case', count: 2, conforming: 2, confidence: 1 },
      parameter: { style: 'snake_case', count: 5, conforming: 5, confidence: 1 },
      function: { style: 'snake_case', count: 3, conforming: 3, confidence: 1 },
    });
  });

  it('finds the FIXME and the ellipsis body', () => {
    expect(holeSummary(set)).toEqual([
      ['fixme_comment', 82, 'summarize', "# FIXME: Decimal formatting ignores the currency's minor units"],
      ['ellipsis_body', 87, 'estimate_delivery', '...'],
    ]);
    expect(ofType(set, 'hole')[1]!.payload.range).toEqual(range(87, 5, 87, 8));
    expect(set.findings).toEqual([]);
    expect(ofType(set, 'error_handling')).toEqual([]);
  });
});

describe('python extraction: click CLI (deploy_cli.py)', () => {
  let set: ConstraintSet;
  beforeAll(async () => {
    set = await extractFixtures([CLI]);
  });

  it('keeps stacked click decorators in order', () => {
    expect(signatures(set).find((payload) => payload.name === 'deploy')).toEqual(signature({
      name: 'deploy', returns: 'None',
      decorators: ['cli.command()', 'click.argument("environment", type=click.Choice(["staging", "production"]))', 'click.option("--tag", required=True)', 'click.pass_obj'],
      parameters: [parameter('config', 'dict'), parameter('environment', 'str'), parameter('tag', 'str')],
      header: 'def deploy(config: dict, environment: str, tag: str) -> None:',
    }));
    expect(signatures(set).map((payload) => payload.name)).toEqual(['load_config', 'run_step', 'cli', 'build', 'deploy', 'status', 'main']);
    expect(signatures(set)[1]).toEqual(signature({
      name: 'run_step', returns: 'int',
      parameters: [parameter('command', 'str'), parameter('dry_run', 'bool', 'False')],
      header: 'def run_step(command: str, dry_run: bool = False) -> int:',
    }));
  });

  it('finds yaml.load, shell=True and os.system', () => {
    expect(findingSummary(set)).toEqual([
      ['yaml_unsafe_load', 21, 'yaml.load(handle)'],
      ['subprocess_shell', 28, 'subprocess.run(command, shell=True, check=False)'],
      ['subprocess_shell', 62, 'os.system(f"kubectl --context {cluster} rollout undo deployment/storefront")'],
    ]);
    expect(set.findings.map((finding) => finding.message)).toEqual([
      'yaml.load without SafeLoader constructs arbitrary objects',
      'subprocess with shell=True and os.system run shell commands',
      'subprocess with shell=True and os.system run shell commands',
    ]);
    const shell = ofType(set, 'forbid').find((constraint) => constraint.payload.rule === 'subprocess_shell')!;
    expect(shell.payload).toEqual({
      language: 'python', rule: 'subprocess_shell', match: 'substring', patterns: ['shell=True', 'os.system(', 'os.popen('],
      reason: 'subprocess with shell=True and os.system run shell commands',
    });
    expect(shell.provenance.evidence).toEqual({
      count: 2, conforming: 0, examples: [{ file: CLI, range: range(28, 14, 28, 62) }, { file: CLI, range: range(62, 9, 62, 85) }],
    });
  });

  it('counts a ClickException subclass as a custom error and skips the bare re-raise', () => {
    expect(habitSummary(set)).toEqual({
      custom_error_class: { names: ['DeployError'], count: 1, conforming: 1, confidence: 1 },
      throw_custom_error: { names: ['DeployError'], count: 1, conforming: 1, confidence: 1 },
    });
  });

  it('finds the TODO and the pass body of the same command', () => {
    expect(holeSummary(set)).toEqual([
      ['todo_comment', 69, 'status', '# TODO: read the rollout status from the Kubernetes API instead of shelling out'],
      ['pass_body', 70, 'status', 'pass'],
    ]);
  });

  it('leaves main out of the naming evidence but keeps its signature', () => {
    expect(namingSummary(set).function).toEqual({ style: 'snake_case', count: 6, conforming: 6, confidence: 1 });
    expect(importSummary(set)).toEqual([
      ['os', 'stdlib', []], ['subprocess', 'stdlib', []], ['sys', 'stdlib', []], ['pathlib', 'stdlib', ['Path']],
      ['click', 'package', []], ['yaml', 'package', []],
    ]);
  });
});

describe('python extraction: pytest file (test_inventory.py)', () => {
  let set: ConstraintSet;
  beforeAll(async () => {
    set = await extractFixtures([TESTS]);
  });

  it('infers pytest with plain asserts in test_*.py files', () => {
    const [convention, ...others] = ofType(set, 'test_convention');
    expect(others).toEqual([]);
    expect(convention!.payload).toEqual({ language: 'python', framework: 'pytest', assertion_style: 'assert', file_pattern: 'test_*.py' });
    expect(convention!.confidence).toBe(1);
    expect(convention!.provenance.rule).toBe('python/tests.scm#test');
    expect(convention!.provenance.evidence!.count).toBe(8);
    expect(convention!.provenance.evidence!.examples.map((example) => example.range)).toEqual([
      range(16, 1, 19, 52), range(26, 1, 28, 59), range(31, 1, 34, 40), range(37, 1, 39, 47), range(43, 5, 45, 35),
    ]);
  });

  it('names tests apart from fixtures and helpers', () => {
    expect(namingSummary(set)).toEqual({
      file: { style: 'snake_case', count: 1, conforming: 1, confidence: 1 },
      function: { style: 'snake_case', count: 3, conforming: 3, confidence: 1 },
      test: { style: 'snake_case', count: 8, conforming: 8, confidence: 1 },
      parameter: { style: 'snake_case', count: 7, conforming: 7, confidence: 1 },
      class: { style: 'PascalCase', count: 1, conforming: 1, confidence: 1 },
      variable: { style: 'snake_case', count: 2, conforming: 2, confidence: 1 },
    });
  });

  it('keeps fixtures and parametrize decorators in signatures', () => {
    expect(signatures(set)[0]).toEqual(signature({ name: 'warehouse', returns: 'Warehouse', decorators: ['pytest.fixture'], parameters: [], header: 'def warehouse() -> Warehouse:' }));
    expect(signatures(set)[3]).toEqual(signature({
      name: 'test_available_after_reservation',
      decorators: ['pytest.mark.parametrize(("quantity", "expected"), [(1, 9), (5, 5), (10, 0)],)'],
      parameters: [parameter('warehouse'), parameter('quantity'), parameter('expected')],
      header: 'def test_available_after_reservation(warehouse, quantity, expected):',
    }));
    expect(signatures(set)[8]).toMatchObject({ name: 'test_restock', kind: 'method', container: 'TestStockLevel' });
  });

  it('treats a class of test methods as no data shape, and the skipped empty test as a hole', () => {
    expect(ofType(set, 'type_shape')).toEqual([]);
    expect(holeSummary(set)).toEqual([['pass_body', 53, 'test_restock', 'pass']]);
    expect(set.findings).toEqual([]);
  });
});

describe('python extraction: dataclasses and TypedDicts (records.py)', () => {
  let set: ConstraintSet;
  beforeAll(async () => {
    set = await extractFixtures([RECORDS]);
  });

  it('makes dataclasses closed objects whose defaulted fields are optional', () => {
    expect(shape(set, 'StockLevel').payload).toEqual({
      name: 'StockLevel', kind: 'dataclass', exported: true,
      schema: {
        type: 'object',
        description: 'Units of one SKU in one warehouse.',
        properties: {
          sku: { type: 'string' },
          on_hand: { type: 'integer' },
          reserved: { type: 'integer', default: 0 },
          last_counted: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }], default: null },
        },
        required: ['sku', 'on_hand'],
        additionalProperties: false,
      },
    });
    expect(shape(set, 'Warehouse').payload.schema).toEqual({
      type: 'object',
      properties: {
        code: { type: 'string' },
        levels: { type: 'object', additionalProperties: { $ref: '#/$defs/StockLevel' } },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['code'],
      additionalProperties: false,
    });
    expect(shape(set, 'Warehouse').provenance.rule).toBe('python/types.scm#dataclass');
  });

  it('honours NotRequired and total=False in TypedDicts', () => {
    expect(shape(set, 'StockMovement').payload).toEqual({
      name: 'StockMovement', kind: 'typeddict', exported: true,
      schema: { type: 'object', properties: { sku: { type: 'string' }, delta: { type: 'integer' }, reason: { type: 'string' } }, required: ['sku', 'delta'] },
    });
    expect(shape(set, 'MovementFilter').payload.schema).toEqual({
      type: 'object', properties: { sku: { type: 'string' }, since: { type: 'string', format: 'date' } },
    });
  });

  it('reads a plain class shape from the typed attributes its __init__ sets', () => {
    expect(shape(set, 'Supplier').payload).toEqual({
      name: 'Supplier', kind: 'class', exported: true,
      schema: {
        type: 'object',
        properties: { name: { type: 'string' }, lead_time_days: { type: 'integer' }, email: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
        required: ['name', 'lead_time_days'],
      },
    });
    expect(ofType(set, 'type_shape').map((constraint) => constraint.payload.name)).toEqual(['StockLevel', 'Warehouse', 'StockMovement', 'MovementFilter', 'Supplier']);
  });

  it('keeps type parameters of generic functions', () => {
    expect(signatures(set).find((payload) => payload.name === 'first_or_default')).toEqual(signature({
      name: 'first_or_default', type_parameters: ['T'], returns: 'T',
      parameters: [parameter('items', 'list[T]'), parameter('default', 'T')],
      header: 'def first_or_default[T](items: list[T], default: T) -> T:',
    }));
    expect(signatures(set).find((payload) => payload.name === 'available')).toMatchObject({ kind: 'method', container: 'StockLevel', decorators: ['property'] });
  });

  it('finds the TODO, the NotImplementedError and the pass body', () => {
    expect(holeSummary(set)).toEqual([
      ['todo_comment', 74, 'export_movements', '# TODO: stream large exports instead of building one string'],
      ['not_implemented', 80, 'reorder_quantity', 'raise NotImplementedError'],
      ['pass_body', 84, 'forecast_demand', 'pass'],
    ]);
    expect(ofType(set, 'hole')[1]!.payload.enclosing).toEqual(signature({
      name: 'reorder_quantity', returns: 'int',
      parameters: [parameter('level', 'StockLevel'), parameter('supplier', 'Supplier')],
      header: 'def reorder_quantity(level: StockLevel, supplier: Supplier) -> int:',
    }));
  });

  it('counts raises of built-in exceptions against the custom-error habit', () => {
    expect(habitSummary(set)).toEqual({
      custom_error_class: { names: ['InsufficientStockError'], count: 1, conforming: 1, confidence: 1 },
      throw_custom_error: { names: ['InsufficientStockError'], count: 3, conforming: 1, confidence: 0.333 },
    });
    expect(namingSummary(set).constant).toEqual({ style: 'SCREAMING_SNAKE_CASE', count: 1, conforming: 1, confidence: 1 });
  });
});

describe('python extraction: a file with a syntax error (broken_syntax.py)', () => {
  let set: ConstraintSet;
  beforeAll(async () => {
    set = await extractFixtures([BROKEN]);
  });

  it('reports the error where the unclosed call starts', () => {
    expect(set.parse_errors).toEqual([
      { file: BROKEN, range: range(26, 13, 31, 44), kind: 'error', message: 'syntax error near "name, count = parse_line(line"' },
    ]);
  });

  it('still extracts what lies outside the broken region', () => {
    expect(signatures(set).map((payload) => payload.name)).toEqual(['parse_line', 'load_counts', 'total', 'merge', 'write_report']);
    expect(holeSummary(set)).toEqual([['todo_comment', 49, 'write_report', '# TODO: include the warehouse code in the report header']]);
    expect(habitSummary(set)).toEqual({
      custom_error_class: { names: ['CountFileError'], count: 1, conforming: 1, confidence: 1 },
      throw_custom_error: { names: ['CountFileError'], count: 1, conforming: 1, confidence: 1 },
    });
    expect(set.files).toEqual([{ path: BROKEN, language: 'python', lines: 53, bytes: readFixture(BROKEN).length, is_test: false }]);
  });
});

describe('python extraction: all fixtures together', () => {
  let set: ConstraintSet;
  beforeAll(async () => {
    set = await extractFixtures(ALL);
  });

  it('is deterministic across runs and input orders', async () => {
    const again = await extractFixtures(ALL);
    const reordered = await extractFixtures([...ALL].reverse());
    expect(canonicalJson(again)).toBe(canonicalJson(set));
    expect(canonicalJson(reordered)).toBe(canonicalJson(set));
  });

  it('produces only constraints that satisfy the Constraint schema', () => {
    const counts: Record<string, number> = {};
    for (const constraint of set.constraints) counts[constraint.type] = (counts[constraint.type] ?? 0) + 1;
    expect(counts).toEqual({ signature: 45, type_shape: 12, import: 24, naming: 8, error_handling: 3, forbid: 7, test_convention: 1, hole: 11 });
    for (const constraint of set.constraints) expect(Constraint.safeParse(constraint).success, constraint.id).toBe(true);
  });

  it('aggregates habits and conventions over every file', () => {
    expect(habitSummary(set)).toEqual({
      await_in_try: { names: [], count: 9, conforming: 3, confidence: 0.333 },
      custom_error_class: { names: ['CountFileError', 'DeployError', 'InsufficientStockError', 'OrderNotFoundError', 'PaymentDeclinedError'], count: 5, conforming: 5, confidence: 1 },
      throw_custom_error: { names: ['CountFileError', 'DeployError', 'HTTPException', 'InsufficientStockError', 'OrderNotFoundError', 'PaymentDeclinedError'], count: 10, conforming: 6, confidence: 0.6 },
    });
    expect(forbidEvidence(set)).toEqual({
      eval: 0, sql_concat: 1, exec_python: 0, pickle_loads: 0, subprocess_shell: 2, yaml_unsafe_load: 1, hardcoded_secret: 1,
    });
    expect(ofType(set, 'test_convention').map((constraint) => constraint.payload)).toEqual([
      { language: 'python', framework: 'pytest', assertion_style: 'assert', file_pattern: 'test_*.py' },
    ]);
    expect(set.language).toBe('python');
  });

  it('extracts only the concerns asked for', async () => {
    const holesOnly = await extractFixtures([RECORDS], ['holes']);
    expect([...new Set(holesOnly.constraints.map((constraint) => constraint.type))]).toEqual(['hole']);
    expect(holesOnly.constraints).toHaveLength(3);
  });
});

describe('python extraction: rules on small sources', () => {
  async function extractSource(path: string, content: string): Promise<ConstraintSet> {
    return extract(await nodeParsers(), { files: [{ path, content }] });
  }

  it('recognises unittest.TestCase classes and self.assert* calls', async () => {
    const set = await extractSource('tests/test_prices.py', [
      'import unittest',
      '',
      'class PriceTest(unittest.TestCase):',
      '    def setUp(self):',
      '        self.price = 10',
      '',
      '    def test_discount(self):',
      '        self.assertEqual(self.price * 0.9, 9)',
      '        self.assertTrue(self.price > 0)',
      '',
    ].join('\n'));
    expect(ofType(set, 'test_convention').map((constraint) => constraint.payload)).toEqual([
      { language: 'python', framework: 'unittest', assertion_style: 'self.assert', file_pattern: 'test_*.py' },
    ]);
    expect(namingSummary(set).test).toEqual({ style: 'snake_case', count: 1, conforming: 1, confidence: 1 });
    expect(namingSummary(set).method).toBeUndefined();
  });

  it('finds eval, exec, pickle and SQL built with %, .format and +, but not safe look-alikes', async () => {
    const set = await extractSource('app/unsafe.py', [
      'import pickle, yaml',
      'def run(cursor, table, user_id, blob, text):',
      '    eval(text)',
      '    exec(text)',
      '    pickle.loads(blob)',
      '    yaml.load(text, Loader=yaml.SafeLoader)',
      '    yaml.unsafe_load(text)',
      '    cursor.execute("SELECT * FROM users WHERE id = %s" % user_id)',
      '    cursor.execute("DELETE FROM {} WHERE id = 1".format(table))',
      '    cursor.execute("update users set name = \'" + text + "\'")',
      '    cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))',
      '    query = "SELECT * FROM users " + "ORDER BY id"',
      '    password = "changeme"',
      '    db_password = "hunter2hunter2"',
    ].join('\n'));
    expect(findingSummary(set)).toEqual([
      ['eval', 3, 'eval(text)'],
      ['exec_python', 4, 'exec(text)'],
      ['pickle_loads', 5, 'pickle.loads(blob)'],
      ['yaml_unsafe_load', 7, 'yaml.unsafe_load(text)'],
      ['sql_concat', 8, '"SELECT * FROM users WHERE id = %s" % user_id'],
      ['sql_concat', 9, '"DELETE FROM {} WHERE id = 1".format(table)'],
      ['sql_concat', 10, '"update users set name = \'" + text + "\'"'],
      ['hardcoded_secret', 14, 'db_password = "hunter2hunter2"'],
    ]);
  });

  it('does not call declarations holes: stubs, Protocols and abstract methods', async () => {
    const source = [
      'from abc import ABC, abstractmethod',
      'from typing import Protocol',
      '# Key-value storage the cache layers share.',
      'class Store(Protocol):',
      '    def get(self, key: str) -> bytes: ...',
      'class Base(ABC):',
      '    @abstractmethod',
      '    def run(self) -> None:',
      '        pass',
      'def later() -> None:',
      '    """Not written yet."""',
      '    ...',
    ].join('\n');
    const module = await extractSource('lib/store.py', source);
    expect(holeSummary(module)).toEqual([['ellipsis_body', 12, 'later', '...']]);
    expect(shape(module, 'Store').payload).toEqual({
      name: 'Store', kind: 'interface', exported: true,
      schema: { type: 'object', properties: {}, description: 'Key-value storage the cache layers share.' },
    });
    const stub = await extractSource('lib/store.pyi', source);
    expect(holeSummary(stub)).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { ConstraintSet } from '../../src/constraints/schema.js';
import { extractFixtures, itIsValidAndDeterministic, ofType } from '../helpers/extract.js';

const FILES = ['java/OrderService.java', 'java/OrderServiceTest.java', 'java/InvoiceFormatter.java'];

let set: ConstraintSet;
beforeAll(async () => {
  set = await extractFixtures(FILES);
});

const parameter = (name: string, type: string, rest = false) => ({ name, type, optional: false, rest });

function signature(name: string) {
  const found = ofType(set, 'signature').find((constraint) => constraint.payload.name === name);
  if (!found) throw new Error(`no signature ${name}`);
  return found;
}

function shape(name: string) {
  const found = ofType(set, 'type_shape').find((constraint) => constraint.payload.name === name);
  if (!found) throw new Error(`no type shape ${name}`);
  return found;
}

function habit(name: string) {
  const found = ofType(set, 'error_handling').find((constraint) => constraint.payload.habit === name);
  if (!found) throw new Error(`no habit ${name}`);
  return { names: found.payload.names, count: found.provenance.evidence!.count, conforming: found.provenance.evidence!.conforming, confidence: found.confidence, rule: found.provenance.rule };
}

describe('java signatures', () => {
  it('finds constructors and methods with their classes, in file order', () => {
    expect(ofType(set, 'signature').map((constraint) => [constraint.provenance.file, constraint.payload.kind, constraint.payload.container, constraint.payload.name, constraint.payload.exported])).toEqual([
      ['java/InvoiceFormatter.java', 'constructor', 'InvoiceFormatter', 'InvoiceFormatter', true],
      ['java/InvoiceFormatter.java', 'method', 'InvoiceFormatter', 'format', true],
      ['java/InvoiceFormatter.java', 'method', 'InvoiceFormatter', 'header', false],
      ['java/InvoiceFormatter.java', 'method', 'InvoiceFormatter', 'formatLine', false],
      ['java/InvoiceFormatter.java', 'method', 'InvoiceFormatter', 'pad', false],
      ['java/InvoiceFormatter.java', 'method', 'InvoiceFormatter', 'formatAll', true],
      ['java/OrderService.java', 'constructor', 'OrderNotFoundException', 'OrderNotFoundException', false],
      ['java/OrderService.java', 'constructor', 'OrderService', 'OrderService', true],
      ['java/OrderService.java', 'method', 'OrderService', 'findOrder', true],
      ['java/OrderService.java', 'method', 'OrderService', 'placeOrder', true],
      ['java/OrderService.java', 'method', 'OrderService', 'exportInvoices', true],
      ['java/OrderService.java', 'method', 'OrderService', 'refund', true],
      ['java/OrderService.java', 'method', 'OrderService', 'lastExport', false],
      ['java/OrderServiceTest.java', 'method', 'OrderServiceTest', 'setUp', false],
      ['java/OrderServiceTest.java', 'method', 'OrderServiceTest', 'placeOrderAppliesPriceOverrides', false],
      ['java/OrderServiceTest.java', 'method', 'OrderServiceTest', 'placeOrderKeepsListPriceWithoutOverride', false],
      ['java/OrderServiceTest.java', 'method', 'OrderServiceTest', 'placeOrderRejectsEmptyOrders', false],
      ['java/OrderServiceTest.java', 'method', 'OrderServiceTest', 'findOrderThrowsForUnknownIds', false],
      ['java/OrderServiceTest.java', 'method', 'OrderServiceTest', 'placedOrdersCanBeFoundAgain', false],
    ]);
  });

  it('reads varargs, annotations and the throws clause of a method', () => {
    const exportInvoices = signature('exportInvoices');
    expect(exportInvoices.payload).toEqual({
      name: 'exportInvoices',
      kind: 'method',
      container: 'OrderService',
      parameters: [parameter('directory', 'String'), parameter('customerIds', 'String', true)],
      returns: 'void',
      type_parameters: [],
      async: false,
      exported: true,
      decorators: ['@Deprecated(since = "2.3")'],
      header: 'public void exportInvoices(String directory, String... customerIds) throws IOException, InterruptedException',
    });
    expect(exportInvoices.provenance).toEqual({
      source: 'extracted',
      file: 'java/OrderService.java',
      range: { start: { line: 67, column: 5 }, end: { line: 74, column: 6 } },
      rule: 'java/signatures.scm#method',
    });
  });

  it('reads constructors without a return type, generic parameter types as written', () => {
    const constructor = ofType(set, 'signature').find((constraint) => constraint.payload.kind === 'constructor' && constraint.payload.name === 'OrderService')!;
    expect(constructor.payload).toEqual({
      name: 'OrderService', kind: 'constructor', container: 'OrderService',
      parameters: [parameter('repository', 'OrderRepository'), parameter('priceOverrides', 'Map<String, BigDecimal>')],
      type_parameters: [], async: false, exported: true, decorators: [],
      header: 'public OrderService(OrderRepository repository, Map<String, BigDecimal> priceOverrides)',
    });
    expect(constructor.provenance.rule).toBe('java/signatures.scm#constructor');
  });

  it('keeps test annotations as decorators, outside the header', () => {
    expect(signature('placeOrderRejectsEmptyOrders').payload).toMatchObject({
      decorators: ['@Test', '@DisplayName("orders without lines are rejected")'],
      header: 'void placeOrderRejectsEmptyOrders()',
      returns: 'void',
      exported: false,
    });
    expect(signature('placedOrdersCanBeFoundAgain').payload.header).toBe('void placedOrdersCanBeFoundAgain() throws OrderNotFoundException');
  });
});

describe('java type shapes', () => {
  it('turns a record into an object with every component required', () => {
    const line = shape('OrderLine');
    expect(line.payload).toEqual({
      name: 'OrderLine',
      kind: 'record',
      exported: false,
      schema: {
        type: 'object',
        properties: { sku: { type: 'string' }, quantity: { type: 'integer' }, unitPrice: { type: 'number' } },
        required: ['sku', 'quantity', 'unitPrice'],
        additionalProperties: false,
        description: 'One line of an order: a product, how many, and the unit price.',
      },
    });
    expect(line.provenance).toMatchObject({ file: 'java/OrderService.java', rule: 'java/types.scm#record', range: { start: { line: 14, column: 1 }, end: { line: 14, column: 68 } } });
  });

  it('turns an enum into a string enum', () => {
    expect(shape('OrderStatus').payload).toEqual({ name: 'OrderStatus', kind: 'enum', exported: false, schema: { type: 'string', enum: ['PENDING', 'PAID', 'CANCELLED'] } });
  });

  it('turns a class into its instance fields: Map as object, Optional as optional and nullable, statics left out', () => {
    expect(shape('OrderService').payload).toEqual({
      name: 'OrderService',
      kind: 'class',
      exported: true,
      schema: {
        type: 'object',
        properties: {
          repository: { $ref: '#/$defs/OrderRepository' },
          priceOverrides: { type: 'object', additionalProperties: { type: 'number' } },
          lastExport: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
        },
        required: ['repository', 'priceOverrides'],
        additionalProperties: false,
        description: 'Places and looks up orders.',
      },
    });
  });

  it('leaves out classes without instance fields and classes in test files', () => {
    expect(ofType(set, 'type_shape').map((constraint) => constraint.payload.name)).toEqual(['InvoiceFormatter', 'OrderLine', 'OrderStatus', 'OrderService']);
  });
});

describe('java imports', () => {
  it('groups imports by package with their origin', () => {
    expect(ofType(set, 'import').map((constraint) => [constraint.payload.module, constraint.payload.origin, constraint.payload.names, constraint.provenance.evidence!.count])).toEqual([
      ['java.math', 'stdlib', ['BigDecimal', 'RoundingMode'], 4],
      ['java.text', 'stdlib', ['NumberFormat'], 1],
      ['java.util', 'stdlib', ['List', 'Locale', 'Map', 'Optional'], 7],
      ['com.acme.orders.persistence', 'relative', ['InMemoryOrderRepository', 'OrderRepository'], 2],
      ['java.io', 'stdlib', ['IOException'], 1],
      ['java.time', 'stdlib', ['Instant'], 1],
      ['org.slf4j', 'package', ['Logger', 'LoggerFactory'], 2],
      ['org.assertj.core.api.Assertions', 'package', ['assertThat'], 1],
      ['org.junit.jupiter.api.Assertions', 'package', ['assertEquals', 'assertThrows'], 2],
      ['org.junit.jupiter.api', 'package', ['BeforeEach', 'DisplayName', 'Test'], 3],
    ]);
    const persistence = ofType(set, 'import').find((constraint) => constraint.payload.module === 'com.acme.orders.persistence')!;
    expect(persistence.provenance).toMatchObject({ file: 'java/OrderService.java', rule: 'java/imports.scm#import', range: { start: { line: 3, column: 1 }, end: { line: 3, column: 52 } } });
  });
});

describe('java naming', () => {
  it('infers camelCase members, PascalCase classes and SCREAMING_SNAKE_CASE constants', () => {
    const styles = Object.fromEntries(
      ofType(set, 'naming').map((constraint) => [constraint.payload.target, [constraint.payload.style, constraint.provenance.evidence!.count, constraint.confidence]]),
    );
    expect(styles).toEqual({
      file: ['PascalCase', 3, 1],
      class: ['PascalCase', 6, 1],
      constant: ['SCREAMING_SNAKE_CASE', 6, 1],
      variable: ['camelCase', 17, 1],
      parameter: ['camelCase', 20, 1],
      method: ['camelCase', 11, 1],
      test: ['camelCase', 5, 1],
    });
    const constants = ofType(set, 'naming').find((constraint) => constraint.payload.target === 'constant')!;
    expect(constants.provenance).toMatchObject({ file: 'java/InvoiceFormatter.java', rule: 'java/declarations.scm#field', range: { start: { line: 15, column: 30 }, end: { line: 15, column: 40 } } });
  });
});

describe('java error handling', () => {
  it('names the custom exception class', () => {
    expect(habit('custom_error_class')).toEqual({ names: ['OrderNotFoundException'], count: 1, conforming: 1, confidence: 1, rule: 'java/errors.scm#custom_exception' });
  });

  it('counts throws of non-java.lang exceptions against built-in ones', () => {
    expect(habit('throw_custom_error')).toEqual({ names: ['IOException', 'OrderNotFoundException'], count: 5, conforming: 2, confidence: 0.4, rule: 'java/errors.scm#throw_new' });
  });

  it('counts methods declaring what they throw', () => {
    expect(habit('checked_exceptions')).toEqual({ names: [], count: 4, conforming: 4, confidence: 1, rule: 'java/errors.scm#throws_clause' });
  });
});

describe('java security', () => {
  it('finds Runtime.exec and forbids every Java rule', () => {
    expect(set.findings).toEqual([
      {
        rule: 'java_runtime_exec',
        severity: 'error',
        message: 'Runtime.exec runs shell commands',
        file: 'java/OrderService.java',
        range: { start: { line: 69, column: 27 }, end: { line: 69, column: 89 } },
        snippet: 'Runtime.getRuntime().exec("invoice-export --out " + directory)',
      },
    ]);
    expect(ofType(set, 'forbid').map((constraint) => [constraint.payload.rule, constraint.provenance.evidence!.count])).toEqual([
      ['hardcoded_secret', 0],
      ['sql_concat', 0],
      ['java_runtime_exec', 1],
      ['java_deserialization', 0],
    ]);
  });
});

describe('java test conventions', () => {
  it('reads JUnit 5 with assertEquals as the usual assertion', () => {
    const [convention, ...others] = ofType(set, 'test_convention');
    expect(others).toEqual([]);
    expect(convention!.payload).toEqual({ language: 'java', framework: 'junit5', assertion_style: 'assertEquals', file_pattern: '*Test.java' });
    expect(convention!.provenance).toMatchObject({
      file: 'java/OrderServiceTest.java',
      rule: 'java/tests.scm#test_method',
      range: { start: { line: 25, column: 5 }, end: { line: 29, column: 6 } },
      evidence: { count: 5, conforming: 5 },
    });
  });
});

describe('java holes', () => {
  it('finds the TODO comment and the UnsupportedOperationException inside refund', () => {
    const holes = ofType(set, 'hole');
    expect(holes.map((constraint) => [constraint.payload.marker, constraint.payload.range.start.line, constraint.payload.text, constraint.payload.enclosing?.name])).toEqual([
      ['todo_comment', 78, '// TODO: call the payment provider once refunds are supported.', 'refund'],
      ['not_implemented', 79, 'throw new UnsupportedOperationException("Not implemented yet");', 'refund'],
    ]);
    expect(holes[1]!.payload.enclosing).toEqual(signature('refund').payload);
    expect(holes[1]!.provenance).toMatchObject({ rule: 'java/holes.scm#not_implemented', range: { start: { line: 79, column: 9 }, end: { line: 79, column: 72 } } });
  });
});

describe('java parse errors and files', () => {
  it('reports the missing parenthesis of the broken file with its line', () => {
    expect(set.parse_errors).toEqual([
      { file: 'java/InvoiceFormatter.java', range: { start: { line: 30, column: 67 }, end: { line: 30, column: 67 } }, kind: 'missing', message: 'missing ")"' },
    ]);
  });

  it('treats *Test.java as a test file', () => {
    expect(set.files.map((file) => [file.path, file.is_test])).toEqual([
      ['java/InvoiceFormatter.java', false],
      ['java/OrderService.java', false],
      ['java/OrderServiceTest.java', true],
    ]);
  });
});

describe('java extraction as a whole', () => {
  itIsValidAndDeterministic(FILES, () => set);

  it('produces only the concerns asked for', async () => {
    const securityOnly = await extractFixtures(FILES, ['security']);
    expect(new Set(securityOnly.constraints.map((constraint) => constraint.type))).toEqual(new Set(['forbid']));
    expect(securityOnly.findings).toEqual(set.findings);
  });
});

describe('java report exporter fixture: Jackson annotations, interfaces and sinks', () => {
  let reports: ConstraintSet;
  beforeAll(async () => {
    reports = await extractFixtures(['java/ReportExporter.java']);
  });
  const reportShape = (name: string) => ofType(reports, 'type_shape').find((constraint) => constraint.payload.name === name)!.payload.schema;

  it('applies @JsonProperty and @Nullable to record components', () => {
    expect(reportShape('ReportSummary')).toEqual({
      type: 'object',
      properties: {
        report_id: { type: 'integer' },
        title: { type: 'string' },
        owner: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        tags: { type: 'array', items: { type: 'string' } },
        generatedOn: { type: 'string', format: 'date' },
      },
      required: ['report_id', 'title', 'tags', 'generatedOn'],
      additionalProperties: false,
      description: 'A report as the API returns it.',
    });
  });

  it('opens classes that ignore unknown properties and skips @JsonIgnore fields', () => {
    expect(reportShape('ReportFilter')).toEqual({
      type: 'object',
      properties: { owners: { type: 'array', items: { type: 'string' }, uniqueItems: true }, years: { type: 'array', items: { type: 'integer' } } },
      required: ['owners', 'years'],
    });
  });

  it('treats interface methods as public and reads generic methods', () => {
    const [load, newest] = ofType(reports, 'signature').filter((constraint) => constraint.payload.container === 'ReportSource');
    expect(load!.payload).toMatchObject({ name: 'load', exported: true, header: 'List<ReportSummary> load(String owner) throws SQLException' });
    expect(newest!.payload).toEqual({
      name: 'newest', kind: 'method', container: 'ReportSource', parameters: [parameter('values', 'List<T>')], returns: 'T',
      type_parameters: ['T extends Comparable<T>'], async: false, exported: true, decorators: [], header: 'default <T extends Comparable<T>> T newest(List<T> values)',
    });
  });

  it('finds the secret, the SQL concatenation, deserialisation and the shell process', () => {
    expect(reports.findings.map((finding) => [finding.rule, finding.range.start.line, finding.snippet])).toEqual([
      ['hardcoded_secret', 43, 'EXPORT_PASSWORD = "Winter2024!Reports"'],
      ['sql_concat', 53, `statement.executeQuery("SELECT id, title FROM reports WHERE owner = '" + owner + "'")`],
      ['java_deserialization', 58, 'new ObjectInputStream(new FileInputStream(path))'],
      ['java_deserialization', 59, 'input.readObject()'],
      ['java_runtime_exec', 64, 'new ProcessBuilder("sh", "-c", "tar czf reports.tgz " + directory)'],
    ]);
    expect(ofType(reports, 'forbid').map((constraint) => [constraint.payload.rule, constraint.provenance.evidence!.count])).toEqual([
      ['hardcoded_secret', 1],
      ['sql_concat', 1],
      ['java_runtime_exec', 1],
      ['java_deserialization', 2],
    ]);
  });

  it('has no test convention without test methods', () => {
    expect(ofType(reports, 'test_convention')).toEqual([]);
    expect(reports.parse_errors).toEqual([]);
  });
});

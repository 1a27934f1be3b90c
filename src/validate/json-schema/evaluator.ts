import { isPlainObject } from './equality.js';
import { JSON_SCHEMA_LIMITS } from './limits.js';
import { Location } from './location.js';
import type { Program } from './program.js';
import type { JsonSchemaError, SchemaObject } from './types.js';

/** Where errors go: a bounded list for the caller, or only a count when probing (anyOf, not, if). */
interface ErrorSink {
  readonly errors: JsonSchemaError[] | undefined;
  readonly maxErrors: number;
  readonly stopAtFirst: boolean;
  count: number;
  truncated: boolean;
}

type Segments = readonly (string | number)[];

/** What a keyword handler sees of the evaluation it is part of. */
export interface KeywordScope {
  readonly program: Program;
  /** Reports a failure of `keyword` at this instance location (or below it, by `instanceSegments`). */
  fail(keyword: string, message: string, instanceSegments?: Segments): void;
  /** Validates a subschema found at `schemaSegments` below this schema; its errors are ours. */
  apply(subschema: unknown, schemaSegments: Segments, instance: unknown, instanceSegments?: Segments): boolean;
  /** Same as `apply` but reports nothing: for branches whose failure is not itself an error. */
  test(subschema: unknown, schemaSegments: Segments, instance: unknown, instanceSegments?: Segments): boolean;
  followReference(reference: string, instance: unknown): void;
}

export type KeywordHandler = (value: unknown, schema: SchemaObject, instance: unknown, scope: KeywordScope) => void;

export function createSink(maxErrors: number): ErrorSink {
  return { errors: [], maxErrors, stopAtFirst: false, count: 0, truncated: false };
}

function silentSink(): ErrorSink {
  return { errors: undefined, maxErrors: 0, stopAtFirst: true, count: 0, truncated: false };
}

function report(sink: ErrorSink, path: Location, keyword: string, message: string, schemaPath: Location): void {
  sink.count += 1;
  if (!sink.errors) return;
  if (sink.errors.length < sink.maxErrors) sink.errors.push({ path: path.toString(), keyword, message, schemaPath: schemaPath.toString() });
  else sink.truncated = true;
}

/** One validation run: holds the `$ref` stack (for the cycle guard) and the nesting depth. */
export class Evaluator {
  /** `$ref` targets being evaluated, per instance location. */
  private readonly activeReferences = new Map<Location, Set<string>>();
  private depth = 0;

  constructor(readonly program: Program) {}

  run(instance: unknown, sink: ErrorSink): boolean {
    return this.evaluate(this.program.root, Location.root('#'), instance, Location.root(''), sink);
  }

  evaluate(schema: unknown, schemaPath: Location, instance: unknown, instancePath: Location, sink: ErrorSink): boolean {
    if (schema === false) {
      report(sink, instancePath, 'false', 'no value is allowed here (schema is false)', schemaPath);
      return false;
    }
    if (!isPlainObject(schema)) return true;
    if (this.depth >= JSON_SCHEMA_LIMITS.maxDepth) {
      report(sink, instancePath, 'maxDepth', `nesting deeper than ${JSON_SCHEMA_LIMITS.maxDepth} schema levels; validation stopped here`, schemaPath);
      return false;
    }
    this.depth += 1;
    try {
      return this.evaluateKeywords(schema, new Scope(this, schemaPath, instancePath, sink), instance, sink);
    } finally {
      this.depth -= 1;
    }
  }

  private evaluateKeywords(schema: SchemaObject, scope: Scope, instance: unknown, sink: ErrorSink): boolean {
    const before = sink.count;
    const keywords = this.program.referenceHidesSiblings && '$ref' in schema ? ['$ref'] : Object.keys(schema);
    for (const keyword of keywords) {
      const handler = this.program.keywords.get(keyword);
      if (!handler) continue;
      handler(schema[keyword], schema, instance, scope);
      if (sink.stopAtFirst && sink.count > before) return false;
    }
    return sink.count === before;
  }

  /** Evaluates a `$ref` target; reaching the same target again without descending into the instance would never end. */
  evaluateReference(scope: Scope, reference: string, instance: unknown, instancePath: Location, sink: ErrorSink): void {
    const target = this.program.resolveReference(reference);
    if (!target) {
      scope.fail('$ref', `cannot resolve $ref "${reference}"`);
      return;
    }
    const active = this.activeReferences.get(instancePath) ?? new Set<string>();
    if (active.has(target.pointer)) {
      scope.fail('$ref', `$ref "${reference}" leads back to itself without descending into the value (cyclic reference)`);
      return;
    }
    active.add(target.pointer);
    this.activeReferences.set(instancePath, active);
    try {
      this.evaluate(target.schema, target.location, instance, instancePath, sink);
    } finally {
      active.delete(target.pointer);
      if (active.size === 0) this.activeReferences.delete(instancePath);
    }
  }
}

class Scope implements KeywordScope {
  constructor(
    private readonly evaluator: Evaluator,
    private readonly schemaPath: Location,
    private readonly instancePath: Location,
    private readonly sink: ErrorSink,
  ) {}

  get program(): Program {
    return this.evaluator.program;
  }

  fail(keyword: string, message: string, instanceSegments: Segments = []): void {
    report(this.sink, this.instancePath.child(instanceSegments), keyword, message, this.schemaPath.child([keyword]));
  }

  apply(subschema: unknown, schemaSegments: Segments, instance: unknown, instanceSegments: Segments = []): boolean {
    return this.run(subschema, schemaSegments, instance, instanceSegments, this.sink);
  }

  test(subschema: unknown, schemaSegments: Segments, instance: unknown, instanceSegments: Segments = []): boolean {
    return this.run(subschema, schemaSegments, instance, instanceSegments, silentSink());
  }

  followReference(reference: string, instance: unknown): void {
    this.evaluator.evaluateReference(this, reference, instance, this.instancePath, this.sink);
  }

  private run(subschema: unknown, schemaSegments: Segments, instance: unknown, instanceSegments: Segments, sink: ErrorSink): boolean {
    if (subschema === true) return true;
    return this.evaluator.evaluate(subschema, this.schemaPath.child(schemaSegments), instance, this.instancePath.child(instanceSegments), sink);
  }
}

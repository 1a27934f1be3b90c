/**
 * Every compile target the fixtures give, as the product extracts and compiles them: each file
 * under test/fixtures is extracted alone; its module shape, each extracted signature (function
 * shape) and each extracted hole (hole shape, with the file's text around the hole as prefix and
 * suffix) are compiled to Lark, GBNF and EBNF. Each target carries the text a grammar for it must
 * accept: the function's own source, the whole file, the hole's current text.
 */
import { compileConstraints } from '../../src/compile/compile.js';
import type { Shape } from '../../src/constraints/compile-api.js';
import type { ConstraintSet, Language, Range } from '../../src/constraints/schema.js';
import { isAnankeError } from '../../src/errors.js';
import { compileTargetsOf, fixtureSourceFiles, type CompileTarget } from '../../test/helpers/compile-targets.js';
import { extractFixtures } from '../../test/helpers/extract.js';

export const GRAMMAR_DIALECTS = ['lark', 'gbnf', 'ebnf'] as const;
export type GrammarDialect = (typeof GRAMMAR_DIALECTS)[number];

export interface FixtureTarget {
  /** e.g. `python/orders_api.py#load_order` (function), `python/orders_api.py` (module), `python/orders_api.py:87` (hole). */
  name: string;
  file: string;
  language: Language;
  shape: Exclude<Shape, 'json'>;
  /** Compiles the target's grammars with the project's compiler. */
  compile(): CompiledGrammars;
  /** The text the grammar is replayed over: code the codebase itself wrote for this target. */
  text: string;
}

export interface GrammarSize {
  bytes: number;
  rules: number;
}

export type CompiledGrammars =
  | { status: 'compiled'; compile_ms: number; grammars: Record<GrammarDialect, string>; sizes: Record<GrammarDialect, GrammarSize> }
  | { status: 'refused'; compile_ms: number; message: string };

export interface SkippedTarget {
  name: string;
  reason: string;
}

/**
 * The targets of every fixture file (test/helpers/compile-targets.ts lists them for the tests
 * too). A target whose text holds a parse error (the fixtures with deliberately broken syntax) is
 * skipped and said so: that text is not code a grammar should accept.
 */
export async function fixtureTargets(files = fixtureSourceFiles()): Promise<{ targets: FixtureTarget[]; skipped: SkippedTarget[] }> {
  const targets: FixtureTarget[] = [];
  const skipped: SkippedTarget[] = [];
  for (const file of files) {
    const set = await extractFixtures([file]);
    for (const located of compileTargetsOf(file, set)) {
      const error = set.parse_errors.find((parseError) => located.range === undefined || overlaps(parseError.range, located.range));
      if (error) skipped.push({ name: located.name, reason: `its text has a parse error at line ${error.range.start.line}: ${error.message}` });
      else targets.push(benchTarget(located));
    }
  }
  return { targets, skipped };
}

/** Whether two ranges share a line (parse errors are often zero-width). */
function overlaps(a: Range, b: Range): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

function benchTarget(located: CompileTarget): FixtureTarget {
  const { input } = located;
  const shape = input.shape as Exclude<Shape, 'json'>;
  const header = shape === 'function' ? input.set.constraints.find((constraint) => constraint.id === input.target)?.payload : undefined;
  return {
    name: located.name,
    file: located.file,
    language: located.language,
    shape,
    text: header && 'header' in header ? fromHeader(located.ownText, header.header) : located.ownText,
    compile: () => compileTarget({ ...input, shape }),
  };
}

function compileTarget(input: { set: ConstraintSet; shape: Exclude<Shape, 'json'>; target?: string; prefix?: string; suffix?: string }): CompiledGrammars {
  const started = performance.now();
  try {
    const ir = compileConstraints({ ...input, dialects: GRAMMAR_DIALECTS });
    const compileMs = Math.round((performance.now() - started) * 10) / 10;
    const grammars = Object.fromEntries(GRAMMAR_DIALECTS.map((dialect) => [dialect, ir.grammar[dialect] ?? ''])) as Record<GrammarDialect, string>;
    const sizes = Object.fromEntries(GRAMMAR_DIALECTS.map((dialect) => [dialect, grammarSize(dialect, grammars[dialect])])) as Record<GrammarDialect, GrammarSize>;
    return { status: 'compiled', compile_ms: compileMs, grammars, sizes };
  } catch (error) {
    if (!isAnankeError(error)) throw error;
    return { status: 'refused', compile_ms: Math.round(performance.now() - started), message: error.message };
  }
}

export function grammarSize(dialect: GrammarDialect, text: string): GrammarSize {
  return { bytes: Buffer.byteLength(text), rules: countRules(dialect, text) };
}

/**
 * Rule definitions in a grammar text: lines that start a rule (`name ::=` in GBNF and EBNF,
 * `name:` or `NAME:` in Lark, with Lark's `?`/`!` prefixes and `.priority`), comments and
 * continuation lines aside.
 */
export function countRules(dialect: GrammarDialect, text: string): number {
  const definition = dialect === 'lark' ? /^[?!]?[A-Za-z_][A-Za-z0-9_]*(\.-?\d+)?\s*:(?!:)/ : /^[A-Za-z_][A-Za-z0-9_.-]*\s*::=/;
  return text.split('\n').filter((line) => definition.test(line)).length;
}

/**
 * A function's text from its header on: annotations and decorators above it (`@Override`,
 * `@app.get(...)`) are part of the declaration's range but not of what a function grammar writes,
 * which starts with the header.
 */
function fromHeader(text: string, header: string): string {
  const at = text.indexOf(header);
  return at > 0 ? text.slice(at) : text;
}
